package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Valid frames of every kind with random field values inside what the decoder accepts (for a decoder of the same
 * layout and MTU whose endpoint maximum is at least {@code endpointMax}), encoded through {@link MxoeFrameEncoder}.
 * Payload bytes come from a fixed random source, so encoding allocates nothing.
 */
final class SampleFrames
{
    private final MxoeFrameEncoder encoder;
    private final ByteBuffer payloadSource;
    private final int endpointMax;

    SampleFrames(final MxoeFrameEncoder encoder, final int endpointMax, final long seed)
    {
        this.encoder = encoder;
        this.endpointMax = endpointMax;
        final byte[] bytes = new byte[70_000];
        new Random(seed).nextBytes(bytes);
        this.payloadSource = ByteBuffer.wrap(bytes);
    }

    /**
     * @return the frame length written at offset 0 of {@code buffer}.
     */
    int encode(final FrameKind kind, final ByteBuffer buffer, final Random random)
    {
        final MxoeFrameFlyweight<?> frame;
        switch (kind)
        {
            case TINY:
                frame = message(encoder.tiny(buffer, 0), random).payload(payloadSource, random.nextInt(60_000),
                    payloadLength(random, MxoeFrameDescriptor.TINY_LENGTH_MAX));
                break;
            case SMALL:
                frame = message(encoder.small(buffer, 0), random).payload(payloadSource, random.nextInt(60_000),
                    payloadLength(random, MxoeFrameDescriptor.SMALL_LENGTH_MAX));
                break;
            case MEDIUM:
            {
                final int fragMax = encoder.mediumFragLengthMax();
                final int frags = 1 + random.nextInt(encoder.layout().mediumFragsPerMessageMax());
                final int index = random.nextInt(frags);
                final int fragLength = payloadLength(random, fragMax);
                final long minTotal = (long)index * fragMax + fragLength;
                final long maxTotal = (long)frags * fragMax;
                frame = message(encoder.mediumFrag(buffer, 0), random).fragSeqnum(index)
                    .msgLength(minTotal + (long)(random.nextDouble() * (maxTotal - minTotal)))
                    .payload(payloadSource, random.nextInt(60_000), fragLength);
                break;
            }
            case RNDV:
                frame = message(encoder.rndv(buffer, 0), random).msgLength(random.nextInt() & 0xFFFF_FFFFL)
                    .pulledRdmaId(random.nextInt(256)).pulledRdmaSeqnum(random.nextInt(256))
                    .pulledRdmaOffset(random.nextInt(4) == 0 ? random.nextInt(65536) : 0);
                break;
            case PULL:
            {
                final boolean compat = encoder.layout() == MxoeLayout.MX_WIRE_COMPAT;
                final int replyMax = encoder.pullReplyLengthMax();
                final long firstFrameOffset = random.nextInt(4) == 0 ? random.nextInt(replyMax) : 0;
                final long blockMax = (long)replyMax * encoder.layout().pullRepliesPerBlock() - firstFrameOffset;
                frame = envelope(encoder.pullRequest(buffer, 0), random).dstEndpoint(random.nextInt(endpointMax))
                    .srcEndpoint(random.nextInt(256)).session(random.nextInt())
                    .totalLength(random.nextInt() & 0xFFFF_FFFFL)
                    .pulledRdmaId(compat ? random.nextInt(256) : random.nextInt() & 0xFFFF_FFFFL)
                    .pulledRdmaSeqnum(random.nextInt(256))
                    .pulledRdmaOffset(compat ? random.nextInt(65536) : random.nextInt() & 0xFFFF_FFFFL)
                    .srcPullHandle(random.nextInt()).srcMagic(random.nextInt())
                    .firstFrameOffset(firstFrameOffset).blockLength((long)(random.nextDouble() * (blockMax + 1)))
                    .frameIndex(random.nextInt() & 0xFFFF_FFFFL);
                break;
            }
            case PULL_REPLY:
                frame = envelope(encoder.pullReply(buffer, 0), random).frameSeqnum(random.nextInt(256))
                    .msgOffset(random.nextInt() & 0xFFFF_FFFFL).dstPullHandle(random.nextInt())
                    .dstMagic(MxoeFrameDescriptor.pullMagic(random.nextInt(endpointMax)))
                    .payload(payloadSource, random.nextInt(60_000), payloadLength(random, encoder.pullReplyLengthMax()));
                break;
            case NOTIFY:
                frame = envelope(encoder.notifyMessage(buffer, 0), random).dstEndpoint(random.nextInt(endpointMax))
                    .srcEndpoint(random.nextInt(256)).session(random.nextInt())
                    .totalLength(random.nextInt() & 0xFFFF_FFFFL).pulledRdmaId(random.nextInt(256))
                    .pulledRdmaSeqnum(random.nextInt(256)).libSeqnum(random.nextInt(65536))
                    .libPiggyack(random.nextInt(65536));
                break;
            case CONNECT_REQUEST:
                frame = connect(encoder.connectRequest(buffer, 0), random).appKey(random.nextInt());
                break;
            case CONNECT_REPLY:
                frame = connect(encoder.connectReply(buffer, 0), random).targetSessionId(random.nextInt())
                    .statusCode(random.nextBoolean() ? 0 : 11);
                break;
            case LIBACK:
            {
                final int ack = random.nextInt(65536);
                frame = envelope(encoder.liback(buffer, 0), random).dstEndpoint(random.nextInt(endpointMax))
                    .srcEndpoint(random.nextInt(256)).session(random.nextInt()).libSeqnum(ack)
                    .acknum(random.nextInt() & 0xFFFF_FFFFL).sendSeq(ack);
                break;
            }
            case NACK_LIB:
                frame = envelope(encoder.nackLib(buffer, 0), random).srcEndpoint(random.nextInt(256))
                    .nackTypeCode(1 + random.nextInt(3)).dstEndpoint(random.nextInt(endpointMax))
                    .dstSrcPeerIndex(random.nextInt(65536)).libSeqnum(random.nextInt(65536));
                break;
            case NACK_MCP:
                frame = envelope(encoder.nackMcp(buffer, 0), random).srcEndpoint(random.nextInt(256))
                    .nackTypeCode(1 + random.nextInt(4)).srcPullHandle(random.nextInt())
                    .srcMagic(MxoeFrameDescriptor.pullMagic(random.nextInt(endpointMax)));
                break;
            case HOST_QUERY:
                frame = envelope(encoder.hostQuery(buffer, 0), random).srcDstPeerIndex(random.nextInt(65536));
                break;
            case HOST_REPLY:
                frame = envelope(encoder.hostReply(buffer, 0), random).srcDstPeerIndex(random.nextInt(65536))
                    .hostname(payloadSource.array(), random.nextInt(60_000),
                        random.nextInt(MxoeFrameDescriptor.HOSTNAME_LENGTH_MAX + 1));
                break;
            case RAW:
                frame = envelope(encoder.raw(buffer, 0), random).payload(payloadSource, random.nextInt(60_000),
                    payloadLength(random, RawFlyweight.PAYLOAD_LENGTH_MAX));
                break;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        return frame.frameLength();
    }

    private static int payloadLength(final Random random, final int max)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return max;
            case 1:
                return random.nextInt(max + 1);
            default:
                return random.nextInt(Math.min(max, 64) + 1);
        }
    }

    private static <F extends MxoeFrameFlyweight<F>> F envelope(final F frame, final Random random)
    {
        return frame.destinationMac(random.nextLong() & 0xFFFF_FFFF_FFFFL)
            .sourceMac(random.nextLong() & 0xFFFF_FFFF_FFFFL).peerIndex(random.nextInt(65536));
    }

    private <F extends AbstractMessageFlyweight<F>> F message(final F frame, final Random random)
    {
        return envelope(frame, random).dstEndpoint(random.nextInt(endpointMax)).srcEndpoint(random.nextInt(256))
            .libSeqnum(random.nextInt(65536)).libPiggyack(random.nextInt(65536)).matchInfo(random.nextLong())
            .session(random.nextInt());
    }

    private ConnectFlyweight connect(final ConnectFlyweight frame, final Random random)
    {
        return envelope(frame, random).dstEndpoint(random.nextInt(endpointMax)).srcEndpoint(random.nextInt(256))
            .srcDstPeerIndex(random.nextInt(65536)).srcSessionId(random.nextInt())
            .targetRecvSeqnumStart(random.nextInt(65536)).connectSeqnum(random.nextInt(256));
    }
}
