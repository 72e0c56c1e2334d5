package xen2mx.btl.mx.driver;

import xen2mx.btl.mx.protocol.MxoeLayout;

/**
 * The sizes that govern one board's traffic, derived from its MTU and the wire layout (Open-MX's default layout or
 * its MX-wire-compatible one). Immutable.
 *
 * <p>Frame size rule (a frame includes the 14-byte Ethernet header and never exceeds the MTU, as in Open-MX):
 * <pre>
 *   default layout:   mediumFragmentLength = MTU - 48            if MTU - 48 &lt;= 4096
 *                                          = 8192                else if 8192 + 48 &lt;= MTU
 *                                          = 4096                otherwise
 *                     pullReplyLength      = MTU - 32             (8968 at MTU 9000, 1468 at MTU 1500)
 *                     pullRepliesPerBlock  = 32,  mediumFragmentsMax = 32
 *   wire-compat:      mediumFragmentLength = 4096, pullReplyLength = 4096 (needs MTU &gt;= 4144)
 *                     pullRepliesPerBlock  = 8,   mediumFragmentsMax = 8
 * </pre>
 * A medium fragment with index {@code i} carries the message bytes from {@code i * mediumFragmentLength}; both ends
 * of a link must therefore use the same layout and MTU class (as with Open-MX, where these are build options).
 */
public final class DriverLimits
{
    /** Largest tiny message payload, inline in the TINY frame and in the event. */
    public static final int TINY_LENGTH_MAX = 32;
    /** Largest small message payload. */
    public static final int SMALL_LENGTH_MAX = 128;
    /** Default MTU (jumbo frames), as Open-MX's default build. */
    public static final int DEFAULT_MTU = 9000;
    /** Smallest MTU accepted by the default layout. */
    public static final int MTU_MIN = MxoeLayout.MIN_MTU;
    /** Largest MTU accepted (16-bit frame length fields). */
    public static final int MTU_MAX = MxoeLayout.MAX_MTU;
    /** Smallest MTU the MX-wire-compatible layout needs (16 + 32 + 4096). */
    public static final int WIRE_COMPAT_MTU_MIN = MxoeLayout.MX_WIRE_COMPAT_MTU;
    /** Protocol maximum of endpoints per board (8-bit endpoint fields). */
    public static final int ENDPOINT_MAX_LIMIT = 256;
    /** Protocol maximum of peers (16-bit peer index fields, 0xFFFF reserved for "unknown"). */
    public static final int PEER_MAX_LIMIT = 65535;
    /** Regions per endpoint (8-bit region ids). */
    public static final int REGION_MAX = 256;
    /** Pull blocks a pull keeps requested at once (Open-MX's {@code OMX_PULL_BLOCK_DESCS_NR}). */
    public static final int PULL_BLOCKS_IN_FLIGHT = 4;
    /** Default number of endpoints per board (Open-MX's module default). */
    public static final int DEFAULT_ENDPOINT_MAX = 32;
    /** Default peer table size (Open-MX's module default). */
    public static final int DEFAULT_PEER_MAX = 1024;
    /** Default slots per send queue, receive queue and event queue. */
    public static final int DEFAULT_QUEUE_SLOTS = 1024;

    private final int mtu;
    private final MxoeLayout layout;
    private final int mediumFragmentLength;
    private final int mediumFragmentsMax;
    private final int pullReplyLength;
    private final int pullRepliesPerBlock;
    private final int endpointMax;
    private final int peerMax;
    private final int queueSlots;

    /**
     * @param mtu         interface MTU.
     * @param wireCompat  true for the MX-wire-compatible layout, false for Open-MX's default layout.
     * @param endpointMax endpoints per board, {@code 1 .. 256}.
     * @param peerMax     peer table size, {@code 1 .. 65535}.
     * @param queueSlots  slots per send queue, receive queue and event queue: a power of two, {@code 16 .. 65536}.
     * @throws IllegalArgumentException if a value is out of range.
     */
    public DriverLimits(
        final int mtu, final boolean wireCompat, final int endpointMax, final int peerMax, final int queueSlots)
    {
        if (mtu < (wireCompat ? WIRE_COMPAT_MTU_MIN : MTU_MIN) || mtu > MTU_MAX)
        {
            throw new IllegalArgumentException("MTU " + mtu + " out of range for the "
                + (wireCompat ? "MX-wire-compatible" : "default") + " layout");
        }
        if (endpointMax < 1 || endpointMax > ENDPOINT_MAX_LIMIT)
        {
            throw new IllegalArgumentException("endpointMax " + endpointMax + " not in 1.." + ENDPOINT_MAX_LIMIT);
        }
        if (peerMax < 1 || peerMax > PEER_MAX_LIMIT)
        {
            throw new IllegalArgumentException("peerMax " + peerMax + " not in 1.." + PEER_MAX_LIMIT);
        }
        if (queueSlots < 16 || queueSlots > 65536 || Integer.bitCount(queueSlots) != 1)
        {
            throw new IllegalArgumentException("queueSlots " + queueSlots + " is not a power of two in 16..65536");
        }
        this.mtu = mtu;
        this.layout = wireCompat ? MxoeLayout.MX_WIRE_COMPAT : MxoeLayout.DEFAULT;
        this.endpointMax = endpointMax;
        this.peerMax = peerMax;
        this.queueSlots = queueSlots;
        this.mediumFragmentLength = layout.mediumFragLengthMax(mtu); // the codec's MTU rule, so both agree
        this.mediumFragmentsMax = layout.mediumFragsPerMessageMax();
        this.pullReplyLength = layout.pullReplyLengthMax(mtu);
        this.pullRepliesPerBlock = layout.pullRepliesPerBlock();
    }

    /**
     * @param mtu        interface MTU.
     * @param wireCompat true for the MX-wire-compatible layout.
     * @return limits with the default table and queue sizes.
     */
    public static DriverLimits forMtu(final int mtu, final boolean wireCompat)
    {
        return new DriverLimits(mtu, wireCompat, DEFAULT_ENDPOINT_MAX, DEFAULT_PEER_MAX, DEFAULT_QUEUE_SLOTS);
    }

    /** @return the interface MTU; no frame is longer, Ethernet header included. */
    public int mtu()
    {
        return mtu;
    }

    /** @return true for the MX-wire-compatible layout, false for Open-MX's default layout. */
    public boolean wireCompat()
    {
        return layout == MxoeLayout.MX_WIRE_COMPAT;
    }

    /** @return the codec's layout. */
    public MxoeLayout layout()
    {
        return layout;
    }

    /** @return payload bytes of one medium fragment, and the stride of fragment offsets in the message. */
    public int mediumFragmentLength()
    {
        return mediumFragmentLength;
    }

    /** @return fragments one medium message may have. */
    public int mediumFragmentsMax()
    {
        return mediumFragmentsMax;
    }

    /** @return longest medium message: {@code mediumFragmentLength * mediumFragmentsMax}. */
    public int mediumLengthMax()
    {
        return mediumFragmentLength * mediumFragmentsMax;
    }

    /** @return payload bytes of one pull reply frame. */
    public int pullReplyLength()
    {
        return pullReplyLength;
    }

    /** @return pull reply frames one PULL request asks for at most. */
    public int pullRepliesPerBlock()
    {
        return pullRepliesPerBlock;
    }

    /** @return endpoints per board. */
    public int endpointMax()
    {
        return endpointMax;
    }

    /** @return peer table size. */
    public int peerMax()
    {
        return peerMax;
    }

    /**
     * @return slots of each endpoint's send queue, receive queue, expected and unexpected event queues (a power of
     * two).
     */
    public int queueSlots()
    {
        return queueSlots;
    }

    /**
     * @return bytes of one send queue slot: {@code mediumFragmentLength} rounded up to a power of two (so slot
     * {@code i} starts at {@code i << log2(slotLength)}).
     */
    public int sendQueueSlotLength()
    {
        return Integer.highestOneBit(mediumFragmentLength - 1) << 1;
    }

    @Override
    public String toString()
    {
        return "DriverLimits{mtu=" + mtu + ", layout=" + layout
            + ", mediumFragment=" + mediumFragmentLength + "x" + mediumFragmentsMax
            + ", pullReply=" + pullReplyLength + "x" + pullRepliesPerBlock
            + ", endpoints=" + endpointMax + ", peers=" + peerMax + ", queueSlots=" + queueSlots + '}';
    }
}
