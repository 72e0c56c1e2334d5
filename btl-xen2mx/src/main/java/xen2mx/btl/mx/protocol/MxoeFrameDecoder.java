package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_ENDPOINT_RANGE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_ETHERTYPE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_FIELD;
import static xen2mx.btl.mx.protocol.MxoeDropReason.INVALID_TYPE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.LENGTH_MISMATCH;
import static xen2mx.btl.mx.protocol.MxoeDropReason.TOO_SHORT;
import static xen2mx.btl.mx.protocol.MxoeDropReason.UNKNOWN_TYPE;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.CONNECT_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.ENDPOINT_INDEX_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.ETHERNET_HEADER_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.ETHERTYPE_MXOE;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HOSTNAME_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HOST_QUERY_MAGIC;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.LIBACK_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.PTYPE_OFFSET;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RAW_FRAME_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RNDV_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.SMALL_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.TINY_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.TRUC_TYPE_ACK;

/**
 * Validating MXoE decoder: {@link #decode} never throws and never allocates; it returns the decoder's one
 * {@link DecodedFrame}, accepted with a typed flyweight or dropped with a {@link MxoeDropReason}.
 *
 * <p>Validation rules, checked in this order (after Open-MX {@code driver/linux/omx_recv.c}, brief section 2.5; the
 * rules about peers, open endpoints, sessions and event slots need driver state and stay in the driver core):
 * <ol>
 *   <li>{@code TOO_SHORT}: fewer than 17 bytes (head + ptype), or fewer than the fixed header of the type (for
 *       example 48 for MEDIUM, 60 for a DEFAULT PULL, 48 for a compat PULL).</li>
 *   <li>{@code BAD_ETHERTYPE}: EtherType other than 0x86DF.</li>
 *   <li>{@code UNKNOWN_TYPE} / {@code INVALID_TYPE}: ptype not in {@link MxoePacketType}, or one of 0, 2, 32-34.</li>
 *   <li>{@code BAD_DATA_LENGTH}: TINY length &gt; 32, SMALL length &gt; 128, MEDIUM frag_length &gt; the MTU rule's
 *       fragment length or total length &gt; fragments-per-message x fragment length, PULL_REPLY frame_length &gt;
 *       the MTU rule's reply length, RNDV length &lt; 8, CONNECT length &lt; 16, TRUC length &lt; 16, HOST_REPLY
 *       hostname length &gt; 80, RAW frame &gt; 1024 bytes.</li>
 *   <li>{@code LENGTH_MISMATCH}: the declared payload (TINY, SMALL, MEDIUM, PULL_REPLY, HOST_REPLY) runs past the
 *       frame. Bytes after the declared end are padding and ignored.</li>
 *   <li>{@code BAD_FIELD}: CONNECT is_reply not 0/1; TRUC type not 0x55 or its two session fields differ; MEDIUM
 *       frag_seqnum &ge; fragments per message (32, compat 8) or fragment end past the total length, or compat
 *       frag_pipeline &ne; 12; PULL asking for more replies than a block holds
 *       ({@code ceil((first_frame_offset + block_length) / replyMax) > repliesPerBlock}, or a first_frame_offset
 *       of a whole reply or more); NACK_LIB type not 1-3; NACK_MCP type not 1-4; HOST_REPLY magic not 0x13052008.</li>
 *   <li>{@code BAD_ENDPOINT_RANGE}: the destination endpoint ({@code dst_endpoint}, or {@code magic ^ 0x21071980}
 *       for PULL_REPLY and NACK_MCP) is at or above the endpoint maximum. TINY, SMALL, MEDIUM, RNDV, NOTIFY and
 *       CONNECT ask for a NACK_LIB BAD_ENDPT, PULL for a NACK_MCP BAD_ENDPT; TRUC, PULL_REPLY and the nacks are
 *       dropped silently, as Open-MX does.</li>
 * </ol>
 * One decoder per receiving thread.
 */
public final class MxoeFrameDecoder
{
    private final MxoeLayout layout;
    private final int mtu;
    private final int endpointMax;
    private final int mediumFragLengthMax;
    private final long mediumMessageLengthMax;
    private final int pullReplyLengthMax;
    private final DecodedFrame result;

    /**
     * A decoder accepting every endpoint index the protocol can carry (0..255).
     *
     * @param layout the wire layout.
     * @param mtu    the MTU both sides use (see {@link MxoeLayout}).
     */
    public MxoeFrameDecoder(final MxoeLayout layout, final int mtu)
    {
        this(layout, mtu, ENDPOINT_INDEX_MAX);
    }

    /**
     * @param layout      the wire layout.
     * @param mtu         the MTU both sides use (see {@link MxoeLayout}).
     * @param endpointMax endpoints this host opens at most, 1..256: indexes from here up are out of range.
     * @throws IllegalArgumentException for an MTU the layout cannot use or an endpoint maximum outside 1..256.
     */
    public MxoeFrameDecoder(final MxoeLayout layout, final int mtu, final int endpointMax)
    {
        if (endpointMax < 1 || endpointMax > ENDPOINT_INDEX_MAX)
        {
            throw new IllegalArgumentException("endpoint maximum " + endpointMax + " outside 1.." + ENDPOINT_INDEX_MAX);
        }
        this.layout = layout;
        this.mtu = layout.checkMtu(mtu);
        this.endpointMax = endpointMax;
        this.mediumFragLengthMax = layout.mediumFragLengthMax(mtu);
        this.mediumMessageLengthMax = layout.mediumMessageLengthMax(mtu);
        this.pullReplyLengthMax = layout.pullReplyLengthMax(mtu);
        this.result = new DecodedFrame(layout, mediumFragLengthMax, pullReplyLengthMax);
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

    /** @return the endpoint maximum. */
    public int endpointMax()
    {
        return endpointMax;
    }

    /**
     * Decodes the frame between the buffer's position and limit (as {@code EthernetChannel.FrameHandler} gets it).
     *
     * @param frame the frame; its position, limit and order are not changed.
     * @return the decoder's result, valid until the next call.
     */
    public DecodedFrame decode(final ByteBuffer frame)
    {
        return decode(frame, frame.position(), frame.limit() - frame.position());
    }

    /**
     * Decodes {@code length} bytes from {@code offset}. Bytes beyond the buffer's limit are treated as absent.
     *
     * @param buffer the buffer; its position, limit and order are not changed.
     * @param offset index of the frame's first byte.
     * @param length bytes of the frame.
     * @return the decoder's result, valid until the next call.
     */
    public DecodedFrame decode(final ByteBuffer buffer, final int offset, final int length)
    {
        final int present = offset < 0 || offset > buffer.limit() ? 0
            : Math.max(0, Math.min(length, buffer.limit() - offset));
        result.reset(buffer, offset, present);
        if (present < ETHERNET_HEADER_LENGTH)
        {
            return result.drop(TOO_SHORT);
        }
        if (MxoeBytes.getU16(buffer, offset + ETHERNET_HEADER_LENGTH - Short.BYTES) != ETHERTYPE_MXOE)
        {
            return result.drop(BAD_ETHERTYPE);
        }
        if (present < PTYPE_OFFSET + 1)
        {
            return result.drop(TOO_SHORT);
        }
        final MxoePacketType type = MxoePacketType.fromCode(MxoeBytes.getU8(buffer, offset + PTYPE_OFFSET));
        if (type == null)
        {
            return result.drop(UNKNOWN_TYPE);
        }
        result.packetType(type);
        if (!type.isSupported())
        {
            return result.drop(INVALID_TYPE);
        }
        if (present < MxoeFrameDescriptor.headerLength(type, layout))
        {
            return result.drop(TOO_SHORT);
        }
        final MxoeFrameFlyweight<?> typed = result.wrapTyped(type);
        final MxoeDropReason reason = validate(type, typed, present);
        if (reason == null)
        {
            return result;
        }
        return reason == BAD_ENDPOINT_RANGE ? result.dropAndNack(reason, nackFor(type)) : result.drop(reason);
    }

    private MxoeDropReason validate(final MxoePacketType type, final MxoeFrameFlyweight<?> typed, final int present)
    {
        switch (type)
        {
            case TINY:
                return validateEager((EagerMessageFlyweight)typed, TINY_LENGTH_MAX, present);
            case SMALL:
                return validateEager((EagerMessageFlyweight)typed, SMALL_LENGTH_MAX, present);
            case MEDIUM:
                return validateMedium((MediumFragFlyweight)typed, present);
            case RNDV:
            {
                final RndvFlyweight rndv = (RndvFlyweight)typed;
                return rndv.dataLength() < RNDV_DATA_LENGTH ? BAD_DATA_LENGTH : checkEndpoint(rndv.dstEndpoint());
            }
            case PULL:
                return validatePull((PullRequestFlyweight)typed);
            case PULL_REPLY:
                return validatePullReply((PullReplyFlyweight)typed, present);
            case NOTIFY:
                return checkEndpoint(((NotifyFlyweight)typed).dstEndpoint());
            case CONNECT:
                return validateConnect((ConnectFlyweight)typed);
            case TRUC:
                return validateTruc((TrucFlyweight)typed);
            case NACK_LIB:
            {
                final NackLibFlyweight nack = (NackLibFlyweight)typed;
                final int code = nack.nackTypeCode();
                if (code < MxoeNackType.BAD_ENDPT.code() || code > MxoeNackType.BAD_SESSION.code())
                {
                    return BAD_FIELD;
                }
                return checkEndpoint(nack.dstEndpoint());
            }
            case NACK_MCP:
            {
                final NackMcpFlyweight nack = (NackMcpFlyweight)typed;
                final int code = nack.nackTypeCode();
                if (code < MxoeNackType.BAD_ENDPT.code() || code > MxoeNackType.BAD_RDMAWIN.code())
                {
                    return BAD_FIELD;
                }
                return checkEndpoint(nack.dstEndpoint());
            }
            case HOST_REPLY:
                return validateHostReply((HostQueryFlyweight)typed, present);
            case RAW:
                return present > RAW_FRAME_LENGTH_MAX ? BAD_DATA_LENGTH : null;
            default:
                return null;
        }
    }

    private MxoeDropReason validateEager(final EagerMessageFlyweight eager, final int max, final int present)
    {
        final int payload = eager.payloadLength();
        if (payload > max)
        {
            return BAD_DATA_LENGTH;
        }
        if (eager.headerLength() + payload > present)
        {
            return LENGTH_MISMATCH;
        }
        return checkEndpoint(eager.dstEndpoint());
    }

    private MxoeDropReason validateMedium(final MediumFragFlyweight medium, final int present)
    {
        final int fragLength = medium.fragLength();
        final long msgLength = medium.msgLength();
        if (fragLength > mediumFragLengthMax || msgLength > mediumMessageLengthMax)
        {
            return BAD_DATA_LENGTH;
        }
        if (medium.headerLength() + fragLength > present)
        {
            return LENGTH_MISMATCH;
        }
        final int index = medium.fragSeqnum();
        if (index >= layout.mediumFragsPerMessageMax()
            || (long)index * mediumFragLengthMax + fragLength > msgLength
            || (layout == MxoeLayout.MX_WIRE_COMPAT && medium.fragPipeline() != MxoeLayout.MX_WIRE_COMPAT_FRAG_PIPELINE))
        {
            return BAD_FIELD;
        }
        return checkEndpoint(medium.dstEndpoint());
    }

    private MxoeDropReason validatePull(final PullRequestFlyweight pull)
    {
        final long firstFrameOffset = pull.firstFrameOffset();
        final long replies = (firstFrameOffset + pull.blockLength() + pullReplyLengthMax - 1) / pullReplyLengthMax;
        if (firstFrameOffset >= pullReplyLengthMax || replies > layout.pullRepliesPerBlock())
        {
            return BAD_FIELD;
        }
        return checkEndpoint(pull.dstEndpoint());
    }

    private MxoeDropReason validatePullReply(final PullReplyFlyweight reply, final int present)
    {
        final int payload = reply.payloadLength();
        if (payload > pullReplyLengthMax)
        {
            return BAD_DATA_LENGTH;
        }
        if (reply.headerLength() + payload > present)
        {
            return LENGTH_MISMATCH;
        }
        return checkEndpoint(reply.dstEndpoint());
    }

    private MxoeDropReason validateConnect(final ConnectFlyweight connect)
    {
        if (connect.dataLength() < CONNECT_DATA_LENGTH)
        {
            return BAD_DATA_LENGTH;
        }
        if (connect.isReplyByte() > 1)
        {
            return BAD_FIELD;
        }
        return checkEndpoint(connect.dstEndpoint());
    }

    private MxoeDropReason validateTruc(final TrucFlyweight truc)
    {
        if (truc.dataLength() < LIBACK_DATA_LENGTH)
        {
            return BAD_DATA_LENGTH;
        }
        if (truc.trucType() != TRUC_TYPE_ACK || truc.session() != truc.libackSessionId())
        {
            return BAD_FIELD;
        }
        return checkEndpoint(truc.dstEndpoint());
    }

    private static MxoeDropReason validateHostReply(final HostQueryFlyweight reply, final int present)
    {
        final int hostnameLength = reply.payloadLength();
        if (hostnameLength > HOSTNAME_LENGTH_MAX)
        {
            return BAD_DATA_LENGTH;
        }
        if (reply.headerLength() + hostnameLength > present)
        {
            return LENGTH_MISMATCH;
        }
        return reply.magic() != HOST_QUERY_MAGIC ? BAD_FIELD : null;
    }

    private MxoeDropReason checkEndpoint(final long endpoint)
    {
        return endpoint >= endpointMax ? BAD_ENDPOINT_RANGE : null;
    }

    private static MxoePacketType nackFor(final MxoePacketType type)
    {
        switch (type)
        {
            case TINY:
            case SMALL:
            case MEDIUM:
            case RNDV:
            case NOTIFY:
            case CONNECT:
                return MxoePacketType.NACK_LIB;
            case PULL:
                return MxoePacketType.NACK_MCP;
            default:
                return MxoePacketType.NONE;
        }
    }
}
