package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

/**
 * What {@link MxoeFrameDecoder#decode} made of one frame: either accepted, with its packet type and a flyweight
 * wrapped on the frame, or dropped, with a {@link MxoeDropReason}. One instance belongs to one decoder and is
 * overwritten by its next {@code decode}; it never allocates.
 *
 * <p>On a drop, {@link #packetType()} is still set when the type was read (every reason after
 * {@link MxoeDropReason#UNKNOWN_TYPE}), and the typed flyweight is wrapped when the fixed header is present (every
 * reason after {@link MxoeDropReason#INVALID_TYPE}), so the driver can build the NACK that {@link #requiredNack()}
 * asks for.
 *
 * <p>Typed accessors ({@link #eager()}, {@link #medium()}, ...) throw {@link IllegalStateException} when the frame
 * is of another type or its header was not read.
 */
public final class DecodedFrame
{
    private final EagerMessageFlyweight eager;
    private final MediumFragFlyweight medium;
    private final RndvFlyweight rndv;
    private final PullRequestFlyweight pull;
    private final PullReplyFlyweight pullReply;
    private final NotifyFlyweight notifyMessage;
    private final ConnectFlyweight connect;
    private final TrucFlyweight truc;
    private final NackLibFlyweight nackLib;
    private final NackMcpFlyweight nackMcp;
    private final HostQueryFlyweight host;
    private final RawFlyweight raw;

    private ByteBuffer buffer;
    private int offset;
    private int length;
    private MxoeDropReason dropReason;
    private MxoePacketType packetType;
    private MxoeFrameFlyweight<?> flyweight;
    private MxoePacketType requiredNack = MxoePacketType.NONE;

    DecodedFrame(final MxoeLayout layout, final int mediumFragLengthMax, final int pullReplyLengthMax)
    {
        eager = new EagerMessageFlyweight();
        medium = new MediumFragFlyweight(layout, mediumFragLengthMax);
        rndv = new RndvFlyweight();
        pull = new PullRequestFlyweight(layout);
        pullReply = new PullReplyFlyweight(pullReplyLengthMax);
        notifyMessage = new NotifyFlyweight();
        connect = new ConnectFlyweight();
        truc = new TrucFlyweight();
        nackLib = new NackLibFlyweight();
        nackMcp = new NackMcpFlyweight();
        host = new HostQueryFlyweight();
        raw = new RawFlyweight();
    }

    void reset(final ByteBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.dropReason = null;
        this.packetType = null;
        this.flyweight = null;
        this.requiredNack = MxoePacketType.NONE;
    }

    DecodedFrame drop(final MxoeDropReason reason)
    {
        this.dropReason = reason;
        return this;
    }

    DecodedFrame dropAndNack(final MxoeDropReason reason, final MxoePacketType nack)
    {
        this.dropReason = reason;
        this.requiredNack = nack;
        return this;
    }

    void packetType(final MxoePacketType type)
    {
        this.packetType = type;
    }

    MxoeFrameFlyweight<?> wrapTyped(final MxoePacketType type)
    {
        final MxoeFrameFlyweight<?> typed;
        switch (type)
        {
            case TINY:
            case SMALL:
                typed = eager;
                break;
            case MEDIUM:
                typed = medium;
                break;
            case RNDV:
                typed = rndv;
                break;
            case PULL:
                typed = pull;
                break;
            case PULL_REPLY:
                typed = pullReply;
                break;
            case NOTIFY:
                typed = notifyMessage;
                break;
            case CONNECT:
                typed = connect;
                break;
            case TRUC:
                typed = truc;
                break;
            case NACK_LIB:
                typed = nackLib;
                break;
            case NACK_MCP:
                typed = nackMcp;
                break;
            case HOST_QUERY:
            case HOST_REPLY:
                typed = host;
                break;
            default:
                typed = raw;
                break;
        }
        typed.wrap(buffer, offset, length);
        flyweight = typed;
        return typed;
    }

    /** @return true if the frame passed every check. */
    public boolean isAccepted()
    {
        return dropReason == null;
    }

    /** @return why the frame was dropped, or null if it was accepted. */
    public MxoeDropReason dropReason()
    {
        return dropReason;
    }

    /** @return the packet type, or null if it could not be read or is unknown. */
    public MxoePacketType packetType()
    {
        return packetType;
    }

    /**
     * @return {@link MxoePacketType#NACK_LIB} or {@link MxoePacketType#NACK_MCP} when the protocol answers this drop
     * with a nack of type {@link #requiredNackType()}; {@link MxoePacketType#NONE} otherwise.
     */
    public MxoePacketType requiredNack()
    {
        return requiredNack;
    }

    /** @return {@link MxoeNackType#BAD_ENDPT} when {@link #requiredNack()} is not NONE, else {@link MxoeNackType#NONE}. */
    public MxoeNackType requiredNackType()
    {
        return requiredNack == MxoePacketType.NONE ? MxoeNackType.NONE : MxoeNackType.BAD_ENDPT;
    }

    /** @return the buffer holding the frame. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return index of the frame's first byte. */
    public int offset()
    {
        return offset;
    }

    /** @return the frame length given to the decoder (bytes present, padding included). */
    public int length()
    {
        return length;
    }

    /** @return the typed flyweight as its base type, or null if the header was not read. */
    public MxoeFrameFlyweight<?> flyweight()
    {
        return flyweight;
    }

    /**
     * @return the destination endpoint for TINY, SMALL, MEDIUM, RNDV, PULL, NOTIFY, CONNECT, TRUC and NACK_LIB; the
     * endpoint of the magic (clamped to {@code Integer.MAX_VALUE}) for PULL_REPLY and NACK_MCP; -1 for other types
     * or when the header was not read.
     */
    public int dstEndpoint()
    {
        if (flyweight == null)
        {
            return -1;
        }
        switch (packetType)
        {
            case TINY:
            case SMALL:
                return eager.dstEndpoint();
            case MEDIUM:
                return medium.dstEndpoint();
            case RNDV:
                return rndv.dstEndpoint();
            case PULL:
                return pull.dstEndpoint();
            case NOTIFY:
                return notifyMessage.dstEndpoint();
            case CONNECT:
                return connect.dstEndpoint();
            case TRUC:
                return truc.dstEndpoint();
            case NACK_LIB:
                return nackLib.dstEndpoint();
            case PULL_REPLY:
                return (int)Math.min(Integer.MAX_VALUE, pullReply.dstEndpoint());
            case NACK_MCP:
                return (int)Math.min(Integer.MAX_VALUE, nackMcp.dstEndpoint());
            default:
                return -1;
        }
    }

    /**
     * @return the sender's endpoint for the types that carry one (all but PULL_REPLY, HOST_*, RAW; for NACK_LIB and
     * NACK_MCP the body's {@code src_endpoint}); -1 otherwise or when the header was not read.
     */
    public int srcEndpoint()
    {
        if (flyweight == null)
        {
            return -1;
        }
        switch (packetType)
        {
            case TINY:
            case SMALL:
                return eager.srcEndpoint();
            case MEDIUM:
                return medium.srcEndpoint();
            case RNDV:
                return rndv.srcEndpoint();
            case PULL:
                return pull.srcEndpoint();
            case NOTIFY:
                return notifyMessage.srcEndpoint();
            case CONNECT:
                return connect.srcEndpoint();
            case TRUC:
                return truc.srcEndpoint();
            case NACK_LIB:
                return nackLib.srcEndpoint();
            case NACK_MCP:
                return nackMcp.srcEndpoint();
            default:
                return -1;
        }
    }

    /**
     * @return {@code lib_seqnum} of TINY, SMALL, MEDIUM, RNDV, NOTIFY, CONNECT, TRUC (the ack) and NACK_LIB; -1
     * otherwise or when the header was not read. This is the seqnum a NACK_LIB echoes.
     */
    public int libSeqnum()
    {
        if (flyweight == null)
        {
            return -1;
        }
        switch (packetType)
        {
            case TINY:
            case SMALL:
                return eager.libSeqnum();
            case MEDIUM:
                return medium.libSeqnum();
            case RNDV:
                return rndv.libSeqnum();
            case NOTIFY:
                return notifyMessage.libSeqnum();
            case CONNECT:
                return connect.libSeqnum();
            case TRUC:
                return truc.libSeqnum();
            case NACK_LIB:
                return nackLib.libSeqnum();
            default:
                return -1;
        }
    }

    /**
     * @return the destination session of TINY, SMALL, MEDIUM, RNDV, PULL, NOTIFY and TRUC (the driver compares it
     * with the endpoint's session); 0 for other types (check {@link #hasSession()}).
     */
    public int session()
    {
        if (flyweight == null)
        {
            return 0;
        }
        switch (packetType)
        {
            case TINY:
            case SMALL:
                return eager.session();
            case MEDIUM:
                return medium.session();
            case RNDV:
                return rndv.session();
            case PULL:
                return pull.session();
            case NOTIFY:
                return notifyMessage.session();
            case TRUC:
                return truc.session();
            default:
                return 0;
        }
    }

    /** @return true if {@link #session()} is a field of this frame's type (and the header was read). */
    public boolean hasSession()
    {
        if (flyweight == null)
        {
            return false;
        }
        switch (packetType)
        {
            case TINY:
            case SMALL:
            case MEDIUM:
            case RNDV:
            case PULL:
            case NOTIFY:
            case TRUC:
                return true;
            default:
                return false;
        }
    }

    /** @return TINY or SMALL. */
    public EagerMessageFlyweight eager()
    {
        check(MxoePacketType.TINY, MxoePacketType.SMALL);
        return eager;
    }

    /** @return MEDIUM. */
    public MediumFragFlyweight medium()
    {
        check(MxoePacketType.MEDIUM, MxoePacketType.MEDIUM);
        return medium;
    }

    /** @return RNDV. */
    public RndvFlyweight rndv()
    {
        check(MxoePacketType.RNDV, MxoePacketType.RNDV);
        return rndv;
    }

    /** @return PULL. */
    public PullRequestFlyweight pull()
    {
        check(MxoePacketType.PULL, MxoePacketType.PULL);
        return pull;
    }

    /** @return PULL_REPLY. */
    public PullReplyFlyweight pullReply()
    {
        check(MxoePacketType.PULL_REPLY, MxoePacketType.PULL_REPLY);
        return pullReply;
    }

    /** @return NOTIFY. */
    public NotifyFlyweight notifyMessage()
    {
        check(MxoePacketType.NOTIFY, MxoePacketType.NOTIFY);
        return notifyMessage;
    }

    /** @return CONNECT, request or reply ({@link ConnectFlyweight#isReply()}). */
    public ConnectFlyweight connect()
    {
        check(MxoePacketType.CONNECT, MxoePacketType.CONNECT);
        return connect;
    }

    /** @return TRUC (liback). */
    public TrucFlyweight truc()
    {
        check(MxoePacketType.TRUC, MxoePacketType.TRUC);
        return truc;
    }

    /** @return NACK_LIB. */
    public NackLibFlyweight nackLib()
    {
        check(MxoePacketType.NACK_LIB, MxoePacketType.NACK_LIB);
        return nackLib;
    }

    /** @return NACK_MCP. */
    public NackMcpFlyweight nackMcp()
    {
        check(MxoePacketType.NACK_MCP, MxoePacketType.NACK_MCP);
        return nackMcp;
    }

    /** @return HOST_QUERY or HOST_REPLY. */
    public HostQueryFlyweight host()
    {
        check(MxoePacketType.HOST_QUERY, MxoePacketType.HOST_REPLY);
        return host;
    }

    /** @return RAW. */
    public RawFlyweight raw()
    {
        check(MxoePacketType.RAW, MxoePacketType.RAW);
        return raw;
    }

    private void check(final MxoePacketType one, final MxoePacketType other)
    {
        if (flyweight == null || (packetType != one && packetType != other))
        {
            throw new IllegalStateException("decoded frame is " + packetType + " (" + dropReason + "), not " + one);
        }
    }

    @Override
    public String toString()
    {
        return "DecodedFrame{type=" + packetType + ", length=" + length
            + (dropReason == null ? "" : ", drop=" + dropReason + ", nack=" + requiredNack) + '}';
    }
}
