package xen2mx.btl.mx.protocol;

/**
 * The MXoE packet types: the u8 {@code ptype} at frame byte 16, first byte of every body (Open-MX
 * {@code enum omx_pkt_type}). Codes not listed here are unknown and dropped ({@link MxoeDropReason#UNKNOWN_TYPE});
 * the listed codes that {@link #isSupported()} returns false for are dropped as {@link MxoeDropReason#INVALID_TYPE}.
 */
public enum MxoePacketType
{
    /** Code 0: never valid on the wire. */
    NONE(0, false),
    /** Code 1: raw frames of raw endpoints (peer discovery); the body after the ptype is opaque. */
    RAW(1, true),
    /** Code 2: MX mapper NIC reply; not implemented by Open-MX, dropped as invalid. */
    MFM_NIC_REPLY(2, false),
    /** Code 3: asks a peer for its hostname. */
    HOST_QUERY(3, true),
    /** Code 4: answers {@link #HOST_QUERY} with the hostname. */
    HOST_REPLY(4, true),
    /** Code 32: MX Ethernet emulation; dropped as invalid. */
    ETHER_UNICAST(32, false),
    /** Code 33: MX Ethernet emulation; dropped as invalid. */
    ETHER_MULTICAST(33, false),
    /** Code 34: MX Ethernet emulation; dropped as invalid. */
    ETHER_NATIVE(34, false),
    /** Code 35: TRUC, whose only subtype is the library ack (liback). */
    TRUC(35, true),
    /** Code 36: connect request and connect reply (told apart by the {@code is_reply} byte). */
    CONNECT(36, true),
    /** Code 37: tiny message, payload of at most 32 bytes inline. */
    TINY(37, true),
    /** Code 38: small message, payload of at most 128 bytes inline. */
    SMALL(38, true),
    /** Code 39: one fragment of a medium message. */
    MEDIUM(39, true),
    /** Code 40: rendezvous of a large message. */
    RNDV(40, true),
    /** Code 41: pull request for one block of a large message. */
    PULL(41, true),
    /** Code 42: one frame of data answering a {@link #PULL}. */
    PULL_REPLY(42, true),
    /** Code 43: the receiver of a large message tells the sender the pull is done. */
    NOTIFY(43, true),
    /** Code 44: negative acknowledgement of a library message (bad endpoint, closed endpoint, bad session). */
    NACK_LIB(44, true),
    /** Code 45: negative acknowledgement of a {@link #PULL} (adds bad RDMA window). */
    NACK_MCP(45, true);

    private static final MxoePacketType[] BY_CODE = new MxoePacketType[256];

    static
    {
        for (final MxoePacketType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean supported;

    MxoePacketType(final int code, final boolean supported)
    {
        this.code = code;
        this.supported = supported;
    }

    /** @return the wire code, 0..255. */
    public int code()
    {
        return code;
    }

    /** @return true for the types this codec encodes and decodes; false for those dropped as invalid. */
    public boolean isSupported()
    {
        return supported;
    }

    /**
     * @param code a ptype byte, 0..255 (other values return null).
     * @return the type with that code, or null if the code is unknown.
     */
    public static MxoePacketType fromCode(final int code)
    {
        return (code & ~0xFF) == 0 ? BY_CODE[code] : null;
    }
}
