package xen2mx.btl.mx.lib;

import java.util.Arrays;

import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverLimits;

/**
 * The keys of {@code mx_get_info} that have a meaning for an Ethernet board, each answering from the driver
 * ({@link Mx#getInfo}). Board-wide counters are not among them: a running endpoint's counters are
 * {@link MxEndpoint#counter(MxCounter)} and {@code bin/x2mx-info}.
 */
public enum MxInfoKey
{
    /** {@code MX_NIC_COUNT}: the number of boards, an {@code Integer}. */
    NIC_COUNT,
    /** {@code MX_NIC_IDS}: every board's nic id (MAC as a 48-bit integer), a {@code long[]} in board order. */
    NIC_IDS,
    /** {@code MX_MAX_NATIVE_ENDPOINTS}: endpoints the board can open, an {@code Integer}. */
    MAX_NATIVE_ENDPOINTS,
    /** {@code MX_PORT_COUNT}: ports of the board, always 1 for an Ethernet interface. */
    PORT_COUNT,
    /** {@code MX_PIO_SEND_MAX}: the largest message sent from a copy in one frame (small), an {@code Integer}. */
    PIO_SEND_MAX,
    /** {@code MX_COPYBLOCK_SIZE}: the medium fragment length at this board's MTU, an {@code Integer}. */
    COPYBLOCK_SIZE,
    /** The board's MTU, an {@code Integer} (Open-MX reports it in {@code omx_info}). */
    MTU,
    /** {@code MX_PRODUCT_CODE}: the board's interface name, e.g. {@code veth0}. */
    PRODUCT_CODE;

    /** @return this key's value for {@code board}. */
    Object value(final Driver driver, final int board)
    {
        final DriverLimits limits = driver.limits(board);
        switch (this)
        {
            case NIC_COUNT:
                return driver.boardCount();
            case NIC_IDS:
                final long[] ids = new long[driver.boardCount()];
                Arrays.setAll(ids, driver::boardAddress);
                return ids;
            case MAX_NATIVE_ENDPOINTS:
                return limits.endpointMax();
            case PORT_COUNT:
                return 1;
            case PIO_SEND_MAX:
                return DriverLimits.SMALL_LENGTH_MAX;
            case COPYBLOCK_SIZE:
                return limits.mediumFragmentLength();
            case MTU:
                return limits.mtu();
            default:
                return driver.interfaceName(board);
        }
    }
}
