package xen2mx.btl.mx.protocol;

/**
 * NACK subtypes carried in byte 3 of {@code NACK_LIB} and {@code NACK_MCP} bodies (Open-MX
 * {@code enum omx_nack_type}). {@code NACK_LIB} carries 1..3, {@code NACK_MCP} 1..4.
 */
public enum MxoeNackType
{
    /** Code 0: no nack (never valid on the wire). */
    NONE(0),
    /** Code 1: the destination endpoint index is out of range. */
    BAD_ENDPT(1),
    /** Code 2: the destination endpoint is not open. */
    ENDPT_CLOSED(2),
    /** Code 3: the packet's session is not the endpoint's session. */
    BAD_SESSION(3),
    /** Code 4: the pulled RDMA window (region) does not exist; {@code NACK_MCP} only. */
    BAD_RDMAWIN(4);

    private static final MxoeNackType[] BY_CODE = values();

    private final int code;

    MxoeNackType(final int code)
    {
        this.code = code;
    }

    /** @return the wire code. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a nack type byte.
     * @return the type, or null if the code is not a nack type.
     */
    public static MxoeNackType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
