package xen2mx.btl.mx.lib;

/**
 * MX return codes ({@code mx_return_t}), with the numeric values of {@code myriexpress.h}. A call that fails throws
 * {@link MxException} carrying one of these; {@link #SUCCESS} is never thrown.
 */
public enum MxReturn
{
    SUCCESS(0),
    BAD_BAD_BAD(1),
    FAILURE(2),
    ALREADY_INITIALIZED(3),
    NOT_INITIALIZED(4),
    NO_DEV(5),
    NO_DRIVER(6),
    NO_PERM(7),
    BOARD_UNKNOWN(8),
    BAD_ENDPOINT(9),
    BAD_SEG_LIST(10),
    BAD_SEG_MEM(11),
    BAD_SEG_CNT(12),
    BAD_REQUEST(13),
    BAD_MATCH_MASK(14),
    NO_RESOURCES(15),
    BAD_ADDR_LIST(16),
    BAD_ADDR_COUNT(17),
    BAD_ROOT(18),
    NOT_COMPLETED(19),
    BUSY(20),
    BAD_INFO_KEY(21),
    BAD_INFO_VAL(22),
    BAD_NIC(23),
    BAD_PARAM_LIST(24),
    BAD_PARAM_NAME(25),
    BAD_PARAM_VAL(26),
    BAD_HOSTNAME_ARGS(27),
    HOST_NOT_FOUND(28),
    REQUEST_PENDING(29),
    TIMEOUT(30),
    NO_MATCH(31),
    BAD_ENDPOINT_ID(32),
    CONNECTION_FAILED(33),
    BAD_CONNECTION_KEY(34),
    BAD_INFO_LENGTH(35),
    NIC_NOT_FOUND(36),
    BAD_KERNEL_VERSION(37),
    BAD_LIB_VERSION(38),
    NIC_DEAD(39),
    CANCEL_NOT_SUPPORTED(40),
    CLOSE_IN_HANDLER(41),
    BAD_MATCHING_FOR_CONTEXT_ID_MASK(42),
    NOT_SUPPORTED_WITH_CONTEXT_ID(43);

    private final int value;

    MxReturn(final int value)
    {
        this.value = value;
    }

    /** @return the value of the constant in {@code myriexpress.h}. */
    public int value()
    {
        return value;
    }
}
