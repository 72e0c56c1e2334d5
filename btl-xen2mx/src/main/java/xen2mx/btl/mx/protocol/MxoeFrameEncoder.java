package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

/**
 * Writes whole MXoE frames (Ethernet header, head, body, payload) into a {@link ByteBuffer} without allocating.
 * Each method starts a frame of one type at {@code offset} and returns this encoder's one flyweight of that type,
 * ready for chained setters; the fixed fields (EtherType, ptype, data lengths, TRUC type, magics, compat
 * {@code frag_pipeline}) are already written and every other header byte is zero. Example:
 * <pre>{@code
 * final int length = encoder.tiny(buffer, 0)
 *     .destinationMac(peerMac).sourceMac(ownMac).peerIndex(reverseIndex)
 *     .dstEndpoint(1).srcEndpoint(0).libSeqnum(seq).libPiggyack(ack).matchInfo(match).session(peerSession)
 *     .payload(data, 0, data.length)
 *     .frameLength();                       // at least 60: the encoder zeroed the padding
 * buffer.limit(length).position(0);         // then EthernetChannel.send(buffer)
 * }</pre>
 *
 * <p>Contract: the frame is written from {@code offset} up to at most the buffer's <em>limit</em> (absolute puts),
 * so clear the buffer (or keep its limit at its capacity) before encoding into it again; position, limit and byte
 * order are left unchanged. Payload setters refuse lengths above what the layout and MTU allow (TINY 32, SMALL 128,
 * MEDIUM and PULL_REPLY per the MTU rule, hostname 80, RAW 1007) with {@link IllegalArgumentException}; a frame that
 * does not fit the buffer throws {@link IndexOutOfBoundsException}. A flyweight stays valid until the next call of
 * the same method. One encoder per sending thread.
 */
public final class MxoeFrameEncoder
{
    private final MxoeLayout layout;
    private final int mtu;
    private final int mediumFragLengthMax;
    private final int pullReplyLengthMax;
    private final EagerMessageFlyweight eager = new EagerMessageFlyweight();
    private final MediumFragFlyweight medium;
    private final RndvFlyweight rndv = new RndvFlyweight();
    private final PullRequestFlyweight pull;
    private final PullReplyFlyweight pullReply;
    private final NotifyFlyweight notifyMessage = new NotifyFlyweight();
    private final ConnectFlyweight connect = new ConnectFlyweight();
    private final TrucFlyweight truc = new TrucFlyweight();
    private final NackLibFlyweight nackLib = new NackLibFlyweight();
    private final NackMcpFlyweight nackMcp = new NackMcpFlyweight();
    private final HostQueryFlyweight host = new HostQueryFlyweight();
    private final RawFlyweight raw = new RawFlyweight();

    /**
     * @param layout the wire layout.
     * @param mtu    the largest frame, Ethernet header included (the interface MTU; see {@link MxoeLayout}).
     * @throws IllegalArgumentException for an MTU the layout cannot use.
     */
    public MxoeFrameEncoder(final MxoeLayout layout, final int mtu)
    {
        this.layout = layout;
        this.mtu = layout.checkMtu(mtu);
        this.mediumFragLengthMax = layout.mediumFragLengthMax(mtu);
        this.pullReplyLengthMax = layout.pullReplyLengthMax(mtu);
        this.medium = new MediumFragFlyweight(layout, mediumFragLengthMax);
        this.pull = new PullRequestFlyweight(layout);
        this.pullReply = new PullReplyFlyweight(pullReplyLengthMax);
    }

    /** @return the layout. */
    public MxoeLayout layout()
    {
        return layout;
    }

    /** @return the MTU. */
    public int mtu()
    {
        return mtu;
    }

    /** @return the largest medium fragment payload at this MTU (the fragment stride). */
    public int mediumFragLengthMax()
    {
        return mediumFragLengthMax;
    }

    /** @return the largest pull reply payload at this MTU (the pull frame stride). */
    public int pullReplyLengthMax()
    {
        return pullReplyLengthMax;
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a TINY frame (payload at most 32 bytes).
     */
    public EagerMessageFlyweight tiny(final ByteBuffer buffer, final int offset)
    {
        return eager.wrapForEncode(buffer, offset, MxoePacketType.TINY);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a SMALL frame (payload at most 128 bytes).
     */
    public EagerMessageFlyweight small(final ByteBuffer buffer, final int offset)
    {
        return eager.wrapForEncode(buffer, offset, MxoePacketType.SMALL);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a MEDIUM fragment frame (payload at most {@link #mediumFragLengthMax()}).
     */
    public MediumFragFlyweight mediumFrag(final ByteBuffer buffer, final int offset)
    {
        return medium.wrapForEncode(buffer, offset, MxoePacketType.MEDIUM);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a RNDV frame (data length 8 written).
     */
    public RndvFlyweight rndv(final ByteBuffer buffer, final int offset)
    {
        return rndv.wrapForEncode(buffer, offset, MxoePacketType.RNDV);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a PULL frame in this encoder's layout.
     */
    public PullRequestFlyweight pullRequest(final ByteBuffer buffer, final int offset)
    {
        return pull.wrapForEncode(buffer, offset, MxoePacketType.PULL);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a PULL_REPLY frame (payload at most {@link #pullReplyLengthMax()}).
     */
    public PullReplyFlyweight pullReply(final ByteBuffer buffer, final int offset)
    {
        return pullReply.wrapForEncode(buffer, offset, MxoePacketType.PULL_REPLY);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a NOTIFY frame.
     */
    public NotifyFlyweight notifyMessage(final ByteBuffer buffer, final int offset)
    {
        return notifyMessage.wrapForEncode(buffer, offset, MxoePacketType.NOTIFY);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a CONNECT request (data length 16, is_reply 0 written).
     */
    public ConnectFlyweight connectRequest(final ByteBuffer buffer, final int offset)
    {
        return connect.wrapForEncode(buffer, offset, MxoePacketType.CONNECT).encodeKind(false);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a CONNECT reply (data length 16, is_reply 1 written).
     */
    public ConnectFlyweight connectReply(final ByteBuffer buffer, final int offset)
    {
        return connect.wrapForEncode(buffer, offset, MxoePacketType.CONNECT).encodeKind(true);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a TRUC liback (data length 16, type 0x55 written).
     */
    public TrucFlyweight liback(final ByteBuffer buffer, final int offset)
    {
        return truc.wrapForEncode(buffer, offset, MxoePacketType.TRUC);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a NACK_LIB frame.
     */
    public NackLibFlyweight nackLib(final ByteBuffer buffer, final int offset)
    {
        return nackLib.wrapForEncode(buffer, offset, MxoePacketType.NACK_LIB);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a NACK_MCP frame.
     */
    public NackMcpFlyweight nackMcp(final ByteBuffer buffer, final int offset)
    {
        return nackMcp.wrapForEncode(buffer, offset, MxoePacketType.NACK_MCP);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a HOST_QUERY frame (magic written).
     */
    public HostQueryFlyweight hostQuery(final ByteBuffer buffer, final int offset)
    {
        return host.wrapForEncode(buffer, offset, MxoePacketType.HOST_QUERY);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a HOST_REPLY frame (magic written; set the hostname).
     */
    public HostQueryFlyweight hostReply(final ByteBuffer buffer, final int offset)
    {
        return host.wrapForEncode(buffer, offset, MxoePacketType.HOST_REPLY);
    }

    /**
     * @param buffer destination.
     * @param offset index of the frame's first byte.
     * @return a RAW frame (payload at most {@link RawFlyweight#PAYLOAD_LENGTH_MAX}).
     */
    public RawFlyweight raw(final ByteBuffer buffer, final int offset)
    {
        return raw.wrapForEncode(buffer, offset, MxoePacketType.RAW);
    }
}
