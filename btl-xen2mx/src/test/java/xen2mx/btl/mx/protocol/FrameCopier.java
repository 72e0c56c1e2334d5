package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Re-encodes a decoded frame field by field through the public encoder API, and compares the copy with the original:
 * every header byte that is not padding (per the brief's tables) and every payload byte must be equal.
 */
final class FrameCopier
{
    private final MxoeFrameEncoder encoder;

    FrameCopier(final MxoeFrameEncoder encoder)
    {
        this.encoder = encoder;
    }

    /** @return the copy's frame length, written at offset 0 of {@code dst}. */
    int copy(final DecodedFrame decoded, final ByteBuffer dst)
    {
        final MxoeFrameFlyweight<?> copy;
        switch (decoded.packetType())
        {
            case TINY:
            case SMALL:
            {
                final EagerMessageFlyweight src = decoded.eager();
                final EagerMessageFlyweight out = decoded.packetType() == MxoePacketType.TINY
                    ? encoder.tiny(dst, 0) : encoder.small(dst, 0);
                copy = message(src, out).checksum(src.checksum())
                    .payload(src.buffer(), src.payloadOffset(), src.payloadLength());
                break;
            }
            case MEDIUM:
            {
                final MediumFragFlyweight src = decoded.medium();
                copy = message(src, encoder.mediumFrag(dst, 0)).msgLength(src.msgLength()).fragSeqnum(src.fragSeqnum())
                    .fragPipeline(src.fragPipeline()).checksum(src.checksum())
                    .payload(src.buffer(), src.payloadOffset(), src.payloadLength());
                break;
            }
            case RNDV:
            {
                final RndvFlyweight src = decoded.rndv();
                copy = message(src, encoder.rndv(dst, 0)).dataLength(src.dataLength()).checksum(src.checksum())
                    .msgLength(src.msgLength()).pulledRdmaId(src.pulledRdmaId())
                    .pulledRdmaSeqnum(src.pulledRdmaSeqnum()).pulledRdmaOffset(src.pulledRdmaOffset());
                break;
            }
            case PULL:
            {
                final PullRequestFlyweight src = decoded.pull();
                copy = envelope(src, encoder.pullRequest(dst, 0)).dstEndpoint(src.dstEndpoint())
                    .srcEndpoint(src.srcEndpoint()).srcGeneration(src.srcGeneration()).session(src.session())
                    .totalLength(src.totalLength()).pulledRdmaId(src.pulledRdmaId())
                    .pulledRdmaSeqnum(src.pulledRdmaSeqnum()).pulledRdmaOffset(src.pulledRdmaOffset())
                    .srcPullHandle(src.srcPullHandle()).srcMagic(src.srcMagic())
                    .firstFrameOffset(src.firstFrameOffset()).blockLength(src.blockLength())
                    .frameIndex(src.frameIndex());
                break;
            }
            case PULL_REPLY:
            {
                final PullReplyFlyweight src = decoded.pullReply();
                copy = envelope(src, encoder.pullReply(dst, 0)).frameSeqnum(src.frameSeqnum())
                    .msgOffset(src.msgOffset()).dstPullHandle(src.dstPullHandle()).dstMagic(src.dstMagic())
                    .payload(src.buffer(), src.payloadOffset(), src.payloadLength());
                break;
            }
            case NOTIFY:
            {
                final NotifyFlyweight src = decoded.notifyMessage();
                copy = envelope(src, encoder.notifyMessage(dst, 0)).dstEndpoint(src.dstEndpoint())
                    .srcEndpoint(src.srcEndpoint()).srcGeneration(src.srcGeneration()).session(src.session())
                    .totalLength(src.totalLength()).pulledRdmaId(src.pulledRdmaId())
                    .pulledRdmaSeqnum(src.pulledRdmaSeqnum()).libSeqnum(src.libSeqnum())
                    .libPiggyack(src.libPiggyack());
                break;
            }
            case CONNECT:
            {
                final ConnectFlyweight src = decoded.connect();
                final ConnectFlyweight out = src.isReply() ? encoder.connectReply(dst, 0)
                    : encoder.connectRequest(dst, 0);
                envelope(src, out).dstEndpoint(src.dstEndpoint()).srcEndpoint(src.srcEndpoint())
                    .srcGeneration(src.srcGeneration()).dataLength(src.dataLength()).libSeqnum(src.libSeqnum())
                    .srcDstPeerIndex(src.srcDstPeerIndex()).srcSessionId(src.srcSessionId())
                    .targetRecvSeqnumStart(src.targetRecvSeqnumStart()).connectSeqnum(src.connectSeqnum());
                if (src.isReply())
                {
                    out.targetSessionId(src.targetSessionId()).statusCode(src.statusCode());
                }
                else
                {
                    out.appKey(src.appKey());
                }
                copy = out;
                break;
            }
            case TRUC:
            {
                final TrucFlyweight src = decoded.truc();
                copy = envelope(src, encoder.liback(dst, 0)).dstEndpoint(src.dstEndpoint())
                    .srcEndpoint(src.srcEndpoint()).srcGeneration(src.srcGeneration()).dataLength(src.dataLength())
                    .session(src.session()).libSeqnum(src.libSeqnum()).acknum(src.acknum()).sendSeq(src.sendSeq())
                    .resent(src.resent());
                break;
            }
            case NACK_LIB:
            {
                final NackLibFlyweight src = decoded.nackLib();
                copy = envelope(src, encoder.nackLib(dst, 0)).srcEndpoint(src.srcEndpoint())
                    .srcGeneration(src.srcGeneration()).nackTypeCode(src.nackTypeCode()).dstEndpoint(src.dstEndpoint())
                    .dstSrcPeerIndex(src.dstSrcPeerIndex()).libSeqnum(src.libSeqnum());
                break;
            }
            case NACK_MCP:
            {
                final NackMcpFlyweight src = decoded.nackMcp();
                copy = envelope(src, encoder.nackMcp(dst, 0)).srcEndpoint(src.srcEndpoint())
                    .srcGeneration(src.srcGeneration()).nackTypeCode(src.nackTypeCode())
                    .srcPullHandle(src.srcPullHandle()).srcMagic(src.srcMagic());
                break;
            }
            case HOST_QUERY:
            {
                final HostQueryFlyweight src = decoded.host();
                copy = envelope(src, encoder.hostQuery(dst, 0)).lengthByte(src.lengthByte())
                    .srcDstPeerIndex(src.srcDstPeerIndex()).magic(src.magic());
                break;
            }
            case HOST_REPLY:
            {
                final HostQueryFlyweight src = decoded.host();
                final HostQueryFlyweight out = envelope(src, encoder.hostReply(dst, 0))
                    .srcDstPeerIndex(src.srcDstPeerIndex()).magic(src.magic());
                final byte[] hostname = new byte[src.payloadLength()];
                src.getPayload(hostname, 0);
                copy = out.hostname(hostname, 0, hostname.length);
                break;
            }
            case RAW:
            {
                final RawFlyweight src = decoded.raw();
                copy = envelope(src, encoder.raw(dst, 0)).payload(src.buffer(), src.payloadOffset(),
                    src.payloadLength());
                break;
            }
            default:
                throw new IllegalStateException("cannot copy " + decoded);
        }
        return copy.frameLength();
    }

    /**
     * @return null if the copy agrees with the original on every significant byte, else a description.
     */
    static String compare(final DecodedFrame original, final byte[] copy, final int copyLength, final MxoeLayout layout)
    {
        final MxoeFrameFlyweight<?> frame = original.flyweight();
        final byte[] source = original.buffer().array();
        final int base = original.buffer().arrayOffset() + original.offset();
        final int header = frame.headerLength();
        final int end = header + frame.payloadLength();
        if (Math.max(MxoeFrameDescriptor.MIN_FRAME_LENGTH, end) != copyLength)
        {
            return "copy length " + copyLength + " for a frame ending at " + end;
        }
        final boolean[] pad = padding(original.packetType(), layout, original.packetType() == MxoePacketType.CONNECT
            && original.connect().isReply(), header);
        for (int i = 0; i < header; i++)
        {
            if (!pad[i] && source[base + i] != copy[i])
            {
                return "header byte " + i + " differs: " + source[base + i] + " vs " + copy[i];
            }
        }
        if (!Arrays.equals(source, base + header, base + end, copy, header, end))
        {
            return "payload differs";
        }
        return null;
    }

    /** Pad bytes of each header, by frame offset, from the brief's tables. */
    static boolean[] padding(final MxoePacketType type, final MxoeLayout layout, final boolean reply, final int header)
    {
        final boolean[] pad = new boolean[header];
        switch (type)
        {
            case MEDIUM:
                if (layout == MxoeLayout.MX_WIRE_COMPAT)
                {
                    mark(pad, 6, 8);
                }
                mark(pad, 30, 32);
                break;
            case PULL:
                if (layout == MxoeLayout.DEFAULT)
                {
                    mark(pad, 17, 20);
                }
                break;
            case NOTIFY:
                mark(pad, 14, 18);
                mark(pad, 22, 24);
                break;
            case CONNECT:
                mark(pad, 5, 8);
                mark(pad, 12, 16);
                mark(pad, reply ? 29 : 28, 32);
                break;
            case TRUC:
                mark(pad, 5, 8);
                mark(pad, 13, 14);
                mark(pad, 27, 28);
                break;
            case NACK_LIB:
                mark(pad, 4, 9);
                mark(pad, 14, 16);
                break;
            case NACK_MCP:
                mark(pad, 4, 8);
                break;
            case HOST_QUERY:
            case HOST_REPLY:
                mark(pad, 4, 8);
                mark(pad, 12, 16);
                break;
            default:
                break;
        }
        return pad;
    }

    private static void mark(final boolean[] pad, final int fromBody, final int toBody)
    {
        Arrays.fill(pad, MxoeFrameDescriptor.HEAD_LENGTH + fromBody, MxoeFrameDescriptor.HEAD_LENGTH + toBody, true);
    }

    private static <F extends MxoeFrameFlyweight<F>> F envelope(final MxoeFrameFlyweight<?> src, final F out)
    {
        return out.destinationMac(src.destinationMac()).sourceMac(src.sourceMac()).peerIndex(src.peerIndex());
    }

    private static <F extends AbstractMessageFlyweight<F>> F message(final AbstractMessageFlyweight<?> src, final F out)
    {
        return envelope(src, out).dstEndpoint(src.dstEndpoint()).srcEndpoint(src.srcEndpoint())
            .srcGeneration(src.srcGeneration()).libSeqnum(src.libSeqnum()).libPiggyack(src.libPiggyack())
            .matchInfo(src.matchInfo()).session(src.session());
    }
}
