package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.MemoryPort;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeFrameEncoder;
import xen2mx.btl.mx.protocol.MxoeFrameFlyweight;
import xen2mx.btl.mx.protocol.MxoeLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds a million random and mutated frames to the driver core's receive path: nothing is thrown, no error is
 * reported, and every frame is counted exactly once as accepted or dropped. The seeds are valid frames of every
 * packet type aimed at open endpoints with the right sessions and at a live pull, so mutations reach the deep checks.
 */
@Timeout(120)
class DriverFuzzTest
{
    private static final int FRAMES = 1_000_000;
    private static final long SEED = 0x5EED_F00DL;

    @Test
    void shouldSurviveAMillionRandomAndMutatedFrames() throws DriverException
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        final MemoryPort port = fabric.attach();
        final WireProbe peer = new WireProbe(fabric, MxoeLayout.DEFAULT);
        final List<Throwable> errors = new ArrayList<>();
        final DriverCore core = new DriverCore(port, new DriverContext().errorHandler(errors::add).sessionSeed(3)
            .pullRetransmitNanos(1_000_000L));
        try
        {
            final EventQueue[] queues = new EventQueue[4];
            final CoreEndpoint[] endpoints = new CoreEndpoint[4];
            for (int i = 0; i < endpoints.length; i++)
            {
                queues[i] = new EventQueue(64, 8192);
                endpoints[i] = core.openEndpoint(i, queues[i]);
                core.createRegion(endpoints[i], 1, Region.of(ByteBuffer.allocate(300_000)));
            }
            final int peerIndex = core.addPeer(peer.mac);
            core.pull(endpoints[0], peerIndex, 1, 0x1234, 300_000, 1, 1, 0, 0, 0, 1L);
            peer.drain();
            final int liveHandle = (0 << 22) | 0x23; // the first handle of the table, first generation

            final List<ByteBuffer> seeds = seeds(peer, core.boardAddress(), peerIndex, endpoints[1].sessionId(),
                endpoints[0].index(), liveHandle);
            final SplittableRandom random = new SplittableRandom(SEED);
            final ByteBuffer frame = ByteBuffer.allocate(9014);
            final DriverEventHandler ignore = event -> { };
            for (int n = 0; n < FRAMES; n++)
            {
                frame.clear();
                if (random.nextInt(5) == 0)
                {
                    randomFrame(random, frame, core.boardAddress(), peer.mac);
                }
                else
                {
                    mutate(random, seeds.get(random.nextInt(seeds.size())), frame);
                }
                core.onFrame(frame);
                if ((n & 255) == 0)
                {
                    core.doWork();
                    for (final EventQueue queue : queues)
                    {
                        queue.poll(ignore, 1000);
                    }
                    peer.drain();
                }
            }
            final DriverCounters counters = core.counters();
            assertTrue(errors.isEmpty(), () -> "errors: " + errors);
            assertEquals(0, counters.get(DriverCounter.ERRORS));
            assertTrue(counters.get(DriverCounter.FRAMES_RECEIVED) >= FRAMES);
            assertEquals(counters.get(DriverCounter.FRAMES_RECEIVED),
                counters.sum(DriverCounter.Kind.ACCEPTED) + counters.sum(DriverCounter.Kind.DROPPED),
                counters::toString);
            // the mutations reached the deep paths, not only the decoder
            for (final DriverCounter reached : new DriverCounter[] {
                DriverCounter.TINY_RECEIVED, DriverCounter.MEDIUM_FRAG_RECEIVED, DriverCounter.CONNECT_REQUEST_RECEIVED,
                DriverCounter.PULL_REPLY_RECEIVED, DriverCounter.DROP_BAD_SESSION, DriverCounter.DROP_ENDPOINT_CLOSED,
                DriverCounter.DROP_PULL_REPLY_BAD_HANDLE, DriverCounter.DROP_BAD_FIELD, DriverCounter.DROP_UNKNOWN_TYPE,
                DriverCounter.NACK_LIB_SENT, DriverCounter.NACK_MCP_SENT, DriverCounter.PULL_RECEIVED})
            {
                assertTrue(counters.get(reached) > 0, () -> reached + " never reached:\n" + counters);
            }
        }
        finally
        {
            core.close();
            port.close();
            peer.close();
        }
    }

    /** One valid frame of every packet type from the peer, aimed at endpoint 1 (session given) or the live pull. */
    private static List<ByteBuffer> seeds(
        final WireProbe peer,
        final long board,
        final int peerIndex,
        final int session,
        final int pullerEndpoint,
        final int liveHandle)
    {
        final List<ByteBuffer> seeds = new ArrayList<>();
        final MxoeFrameEncoder encoder = peer.encoder;
        final ByteBuffer tx = peer.tx;
        add(seeds, envelope(encoder.tiny(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).payload(new byte[20], 0, 20));
        add(seeds, envelope(encoder.small(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).payload(new byte[100], 0, 100));
        add(seeds, envelope(encoder.mediumFrag(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).msgLength(20_000).fragSeqnum(1).payload(new byte[8192], 0, 8192));
        add(seeds, envelope(encoder.rndv(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).msgLength(1 << 20).pulledRdmaId(3));
        add(seeds, envelope(encoder.notifyMessage(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).totalLength(1 << 20).pulledRdmaId(3));
        add(seeds, envelope(encoder.connectRequest(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1)
            .srcEndpoint(2).srcDstPeerIndex(3).srcSessionId(9).appKey(4));
        add(seeds, envelope(encoder.connectReply(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1)
            .srcEndpoint(2).srcDstPeerIndex(3).srcSessionId(session).targetSessionId(8));
        add(seeds, envelope(encoder.liback(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).libSeqnum(5).acknum(6));
        add(seeds, envelope(encoder.nackLib(tx, 0), board, peer.mac, peerIndex).srcEndpoint(2).nackTypeCode(2)
            .dstEndpoint(1).libSeqnum(5));
        add(seeds, envelope(encoder.pullRequest(tx, 0), board, peer.mac, peerIndex).dstEndpoint(1).srcEndpoint(2)
            .session(session).totalLength(300_000).pulledRdmaId(1).srcPullHandle(77)
            .srcMagic(MxoeFrameDescriptor.pullMagic(2)).blockLength(3 * 8968).frameIndex(2));
        add(seeds, envelope(encoder.pullReply(tx, 0), board, peer.mac, peerIndex).frameSeqnum(1).msgOffset(8968)
            .dstPullHandle(liveHandle).dstMagic(MxoeFrameDescriptor.pullMagic(pullerEndpoint))
            .payload(new byte[8968], 0, 8968));
        add(seeds, envelope(encoder.nackMcp(tx, 0), board, peer.mac, peerIndex).srcEndpoint(pullerEndpoint)
            .nackTypeCode(4).srcPullHandle(liveHandle ^ 1).srcMagic(MxoeFrameDescriptor.pullMagic(pullerEndpoint)));
        add(seeds, envelope(encoder.hostQuery(tx, 0), board, peer.mac, peerIndex)
            .magic(MxoeFrameDescriptor.HOST_QUERY_MAGIC));
        add(seeds, envelope(encoder.hostReply(tx, 0), board, peer.mac, peerIndex)
            .magic(MxoeFrameDescriptor.HOST_QUERY_MAGIC).hostname(new byte[] {'b'}, 0, 1));
        add(seeds, envelope(encoder.raw(tx, 0), board, peer.mac, peerIndex).payload(new byte[40], 0, 40));
        return seeds;
    }

    private static <F extends MxoeFrameFlyweight<F>> F envelope(
        final F frame, final long board, final long peer, final int peerIndex)
    {
        return frame.destinationMac(board).sourceMac(peer).peerIndex(peerIndex);
    }

    private static void add(final List<ByteBuffer> seeds, final MxoeFrameFlyweight<?> frame)
    {
        final int length = frame.frameLength();
        final ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, frame.buffer(), 0, length);
        seeds.add(copy);
    }

    private static void randomFrame(
        final SplittableRandom random, final ByteBuffer frame, final long board, final long peer)
    {
        final int length = random.nextInt(0, 200);
        for (int i = 0; i < length; i++)
        {
            frame.put(i, (byte)random.nextInt());
        }
        if (length >= 17 && random.nextBoolean())
        {
            putMac(frame, 0, board);
            putMac(frame, 6, random.nextBoolean() ? peer : random.nextLong() & 0xFEFF_FFFF_FFFFL);
            frame.putShort(12, (short)0x86DF);
            frame.put(16, (byte)random.nextInt(35, 46));
        }
        frame.limit(length);
    }

    private static void mutate(final SplittableRandom random, final ByteBuffer seed, final ByteBuffer frame)
    {
        final int length = seed.capacity();
        frame.put(0, seed, 0, length);
        int limit = length;
        switch (random.nextInt(4))
        {
            case 0:
                limit = random.nextInt(length + 1); // truncated
                break;
            case 1:
                final int flips = random.nextInt(1, 5);
                for (int i = 0; i < flips; i++)
                {
                    final int index = random.nextInt(12, length);
                    frame.put(index, (byte)(frame.get(index) ^ (1 << random.nextInt(8))));
                }
                break;
            case 2:
                final int index = random.nextInt(14, Math.min(length, 64));
                frame.put(index, (byte)random.nextInt()); // a header byte replaced
                break;
            default:
                break; // the seed as is
        }
        frame.limit(limit);
    }

    private static void putMac(final ByteBuffer frame, final int index, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            frame.put(index + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }
}
