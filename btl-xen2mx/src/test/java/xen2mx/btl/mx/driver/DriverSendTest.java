package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.protocol.ConnectFlyweight;
import xen2mx.btl.mx.protocol.DecodedFrame;
import xen2mx.btl.mx.protocol.EagerMessageFlyweight;
import xen2mx.btl.mx.protocol.MediumFragFlyweight;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeLayout;
import xen2mx.btl.mx.protocol.MxoePacketType;
import xen2mx.btl.mx.protocol.NotifyFlyweight;
import xen2mx.btl.mx.protocol.PullRequestFlyweight;
import xen2mx.btl.mx.protocol.RndvFlyweight;
import xen2mx.btl.mx.protocol.TrucFlyweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command of {@link DriverEndpoint} puts on the wire the frame of the brief's tables, checked by the codec. */
@Timeout(10)
class DriverSendTest
{
    private static final int SESSION = 0x5E55_1011;
    private static final long MATCH = 0x0123_4567_89AB_CDEFL;

    private MemoryEthernet fabric;
    private WireProbe peer;
    private NativeDriver driver;
    private DriverEndpoint endpoint;
    private int peerIndex;

    private void start(final int mtu, final boolean wireCompat, final int queueSlots) throws DriverException
    {
        fabric = new MemoryEthernet(mtu);
        peer = new WireProbe(fabric, wireCompat ? MxoeLayout.MX_WIRE_COMPAT : MxoeLayout.DEFAULT);
        driver = new NativeDriver(fabric.attach(), new DriverContext().threadingMode(ThreadingMode.INVOKER)
            .wireCompat(wireCompat).queueSlots(queueSlots).sessionSeed(7));
        endpoint = driver.openEndpoint(0, 5);
        peerIndex = driver.peerIndex(peer.mac);
    }

    @AfterEach
    void stop()
    {
        driver.close();
        peer.close();
    }

    @Test
    void shouldSendTinyWithEveryFieldOfTheTable() throws DriverException
    {
        start(9000, false, 64);
        final byte[] data = bytes(32, 1);
        assertEquals(DriverStatus.SUCCESS,
            endpoint.sendTiny(peerIndex, 9, SESSION, 0x4001, 0x8002, MATCH, ByteBuffer.wrap(data)));
        final DecodedFrame frame = peer.single();
        assertEquals(MxoePacketType.TINY, frame.packetType());
        final EagerMessageFlyweight tiny = frame.eager();
        assertEquals(peer.mac, tiny.destinationMac());
        assertEquals(driver.boardAddress(0), tiny.sourceMac());
        assertEquals(MxoeFrameDescriptor.UNKNOWN_PEER_INDEX, tiny.peerIndex(), "reverse index not learnt yet");
        assertEquals(9, tiny.dstEndpoint());
        assertEquals(5, tiny.srcEndpoint());
        assertEquals(0x4001, tiny.libSeqnum());
        assertEquals(0x8002, tiny.libPiggyack());
        assertEquals(MATCH, tiny.matchInfo());
        assertEquals(SESSION, tiny.session());
        assertEquals(32, tiny.payloadLength());
        assertArrayEquals(data, payload(tiny.buffer(), tiny.payloadOffset(), 32));
        assertEquals(1, driver.counters().get(DriverCounter.TINY_SENT));
    }

    @Test
    void shouldSendSmallAndPadShortFrames() throws DriverException
    {
        start(9000, false, 64);
        final ByteBuffer data = ByteBuffer.wrap(bytes(140, 3)).position(12);
        assertEquals(DriverStatus.SUCCESS, endpoint.sendSmall(peerIndex, 1, SESSION, 2, 3, MATCH, data));
        assertEquals(12, data.position(), "the caller's position is left alone");
        assertEquals(DriverStatus.SUCCESS,
            endpoint.sendSmall(peerIndex, 1, SESSION, 2, 3, MATCH, ByteBuffer.allocate(0)));
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(2, frames.size());
        final EagerMessageFlyweight small = peer.decode(frames.get(0)).eager();
        assertEquals(128, small.payloadLength());
        assertArrayEquals(payload(data, 12, 128), payload(small.buffer(), small.payloadOffset(), 128));
        assertEquals(MxoeFrameDescriptor.MIN_FRAME_LENGTH, frames.get(1).remaining(), "padded to ETH_ZLEN");
        assertEquals(0, peer.decode(frames.get(1)).eager().payloadLength());
    }

    @Test
    void shouldRefuseBadCommandsWithoutSending() throws DriverException
    {
        start(9000, false, 64);
        final ByteBuffer tiny = ByteBuffer.allocate(8);
        assertEquals(DriverStatus.BAD_PEER, endpoint.sendTiny(77, 1, SESSION, 1, 1, MATCH, tiny));
        assertEquals(DriverStatus.BAD_ENDPOINT, endpoint.sendTiny(peerIndex, 256, SESSION, 1, 1, MATCH, tiny));
        assertEquals(DriverStatus.BAD_LENGTH,
            endpoint.sendTiny(peerIndex, 1, SESSION, 1, 1, MATCH, ByteBuffer.allocate(33)));
        assertEquals(DriverStatus.BAD_LENGTH,
            endpoint.sendSmall(peerIndex, 1, SESSION, 1, 1, MATCH, ByteBuffer.allocate(129)));
        assertEquals(DriverStatus.BAD_LENGTH,
            endpoint.sendMediumFragment(peerIndex, 1, SESSION, 1, 1, MATCH, 8192 * 32 + 1, 0, 0, 8192));
        assertEquals(DriverStatus.BAD_PARAMETER,
            endpoint.sendMediumFragment(peerIndex, 1, SESSION, 1, 1, MATCH, 9000, 1, 0, 8192), "beyond the message");
        assertEquals(DriverStatus.BAD_PARAMETER, endpoint.sendMediumFragment(
            peerIndex, 1, SESSION, 1, 1, MATCH, 100, 0, endpoint.sendQueue().capacity() - 10, 100), "beyond sendq");
        assertEquals(DriverStatus.BAD_PARAMETER,
            endpoint.sendConnectReply(peerIndex, 1, SESSION, 1, 1, 5), "connect status is 0 or 11");
        assertEquals(DriverStatus.BAD_REGION,
            endpoint.sendRndv(peerIndex, 1, SESSION, 1, 1, MATCH, 100, 256, 0));
        assertEquals(DriverStatus.BAD_REGION,
            endpoint.pull(peerIndex, 1, SESSION, 100, 3, 0, 0, 0, 0, 1L), "puller region not created");
        assertTrue(peer.drain().isEmpty());
        endpoint.close();
        assertEquals(DriverStatus.CLOSED, endpoint.sendTiny(peerIndex, 1, SESSION, 1, 1, MATCH, tiny));
        assertTrue(peer.drain().isEmpty());
    }

    @Test
    void shouldTakeEveryIntValueOfWideFieldsWithoutThrowing() throws DriverException
    {
        start(9000, false, 64);
        final ByteBuffer none = ByteBuffer.allocate(0);
        assertEquals(DriverStatus.SUCCESS, endpoint.sendTiny(peerIndex, 255, -1, -1, -1, -1L, none));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendRndv(peerIndex, 0, -1, -1, -1, -1L, Integer.MAX_VALUE, 255, -1));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendNotify(peerIndex, 0, -1, -1, -1, Integer.MAX_VALUE, 0, 999));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendConnectRequest(peerIndex, 0, -1, -1, 999));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendConnectReply(peerIndex, 0, -1, 0x12345, -7, 0));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendLiback(peerIndex, 0, -1, -1, -1));
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(6, frames.size());
        final EagerMessageFlyweight tiny = peer.decode(frames.get(0)).eager();
        assertEquals(0xFFFF, tiny.libSeqnum(), "16-bit values are taken modulo 2^16");
        assertEquals(-1L, tiny.matchInfo());
        assertEquals(0xFFFF_FFFFL, peer.decode(frames.get(5)).truc().acknum());
        assertEquals(999 & 0xFF, peer.decode(frames.get(3)).connect().connectSeqnum());
    }

    @Test
    void shouldSendMediumFragmentsFromTheSendQueueAndReportDone() throws DriverException
    {
        start(9000, false, 16);
        final int slot = endpoint.limits().sendQueueSlotLength();
        final byte[] message = bytes(20000, 5);
        final ByteBuffer sendq = endpoint.sendQueue();
        for (int fragment = 0; fragment < 3; fragment++)
        {
            final int length = Math.min(8192, message.length - fragment * 8192);
            sendq.put(fragment * slot, message, fragment * 8192, length);
            assertEquals(DriverStatus.SUCCESS, endpoint.sendMediumFragment(
                peerIndex, 2, SESSION, 0x0042, 7, MATCH, message.length, fragment, fragment * slot, length));
        }
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(3, frames.size());
        final byte[] reassembled = new byte[message.length];
        for (final ByteBuffer bytes : frames)
        {
            final MediumFragFlyweight medium = peer.decode(bytes).medium();
            assertEquals(message.length, medium.msgLength());
            assertEquals(0x0042, medium.libSeqnum());
            assertEquals(SESSION, medium.session());
            assertEquals(MATCH, medium.matchInfo());
            assertEquals(bytes.remaining(), MxoeFrameDescriptor.HEAD_LENGTH + 32 + medium.fragLength());
            medium.buffer().get(medium.payloadOffset(), reassembled, medium.fragSeqnum() * 8192, medium.fragLength());
        }
        assertArrayEquals(message, reassembled);
        final EventRecorder recorder = new EventRecorder();
        assertEquals(3, endpoint.poll(recorder, 10));
        for (int fragment = 0; fragment < 3; fragment++)
        {
            assertEquals(EventType.SEND_MEDIUMSQ_FRAG_DONE, recorder.events.get(fragment).type());
            assertEquals(fragment * slot, recorder.events.get(fragment).sendqOffset());
        }
    }

    @Test
    void shouldAnswerNoResourcesWhenTheExpectedQueueIsFull() throws DriverException
    {
        start(9000, false, 16);
        for (int i = 0; i < 16; i++)
        {
            assertEquals(DriverStatus.SUCCESS,
                endpoint.sendMediumFragment(peerIndex, 2, SESSION, i, 0, MATCH, 100, 0, 0, 100));
        }
        assertEquals(DriverStatus.NO_RESOURCES,
            endpoint.sendMediumFragment(peerIndex, 2, SESSION, 16, 0, MATCH, 100, 0, 0, 100));
        assertEquals(16, peer.drain().size());
        assertEquals(16, endpoint.poll(new EventRecorder(), 100));
        assertEquals(DriverStatus.SUCCESS,
            endpoint.sendMediumFragment(peerIndex, 2, SESSION, 16, 0, MATCH, 100, 0, 0, 100));
        assertEquals(1, driver.counters().get(DriverCounter.NO_RESOURCES));
    }

    @Test
    void shouldSendRndvNotifyAndLiback() throws DriverException
    {
        start(9000, false, 64);
        assertEquals(DriverStatus.SUCCESS, endpoint.sendRndv(peerIndex, 4, SESSION, 9, 8, MATCH, 1 << 22, 17, 201));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendNotify(peerIndex, 4, SESSION, 10, 9, 4_000_000, 17, 201));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendLiback(peerIndex, 4, SESSION, 0x4005, 0xFFFF_FFFE));
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(3, frames.size());
        final RndvFlyweight rndv = peer.decode(frames.get(0)).rndv();
        assertEquals(1 << 22, rndv.msgLength());
        assertEquals(17, rndv.pulledRdmaId());
        assertEquals(201, rndv.pulledRdmaSeqnum());
        assertEquals(0, rndv.pulledRdmaOffset());
        assertEquals(9, rndv.libSeqnum());
        assertEquals(SESSION, rndv.session());
        final NotifyFlyweight notify = peer.decode(frames.get(1)).notifyMessage();
        assertEquals(4_000_000, notify.totalLength());
        assertEquals(17, notify.pulledRdmaId());
        assertEquals(201, notify.pulledRdmaSeqnum());
        assertEquals(10, notify.libSeqnum());
        assertEquals(9, notify.libPiggyack());
        assertEquals(SESSION, notify.session());
        assertEquals(5, notify.srcEndpoint());
        final TrucFlyweight truc = peer.decode(frames.get(2)).truc();
        assertEquals(0x4005, truc.libSeqnum());
        assertEquals(0xFFFF_FFFEL, truc.acknum());
        assertEquals(0x4005, truc.sendSeq());
        assertEquals(SESSION, truc.session());
        assertEquals(SESSION, truc.libackSessionId());
    }

    @Test
    void shouldStampOwnSessionAndPeerIndexOnConnects() throws DriverException
    {
        start(9000, false, 64);
        assertEquals(DriverStatus.SUCCESS, endpoint.sendConnectRequest(peerIndex, 3, 0xC0FFEE, 0x4001, 250));
        assertEquals(DriverStatus.SUCCESS, endpoint.sendConnectReply(peerIndex, 3, SESSION, 0x8001, 250, 11));
        final List<ByteBuffer> frames = peer.drain();
        final ConnectFlyweight request = peer.decode(frames.get(0)).connect();
        assertFalse(request.isReply());
        assertEquals(endpoint.sessionId(), request.srcSessionId());
        assertEquals(0xC0FFEE, request.appKey());
        assertEquals(0x4001, request.targetRecvSeqnumStart());
        assertEquals(250, request.connectSeqnum());
        assertEquals(peerIndex, request.srcDstPeerIndex(), "our index of the receiver, for its reverse table");
        assertEquals(0, request.libSeqnum());
        final ConnectFlyweight reply = peer.decode(frames.get(1)).connect();
        assertTrue(reply.isReply());
        assertEquals(SESSION, reply.srcSessionId());
        assertEquals(endpoint.sessionId(), reply.targetSessionId());
        assertEquals(0x8001, reply.targetRecvSeqnumStart());
        assertEquals(11, reply.statusCode());
    }

    @Test
    void shouldRequestPullBlocksWithFrameIndexesAndMagic() throws DriverException
    {
        start(9000, false, 64);
        final int length = 5 * 32 * 8968 + 100;
        assertEquals(DriverStatus.SUCCESS, endpoint.createRegion(9, ByteBuffer.allocate(length)));
        assertEquals(DriverStatus.SUCCESS, endpoint.pull(peerIndex, 6, SESSION, length, 9, 33, 4, 0, 0, 99L));
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(DriverLimits.PULL_BLOCKS_IN_FLIGHT, frames.size(), "four blocks in flight");
        for (int block = 0; block < frames.size(); block++)
        {
            final PullRequestFlyweight pull = peer.decode(frames.get(block)).pull();
            assertEquals(6, pull.dstEndpoint());
            assertEquals(5, pull.srcEndpoint());
            assertEquals(SESSION, pull.session());
            assertEquals(length, pull.totalLength());
            assertEquals(33, pull.pulledRdmaId());
            assertEquals(4, pull.pulledRdmaSeqnum());
            assertEquals(0, pull.pulledRdmaOffset());
            assertEquals(5 ^ 0x21071980, pull.srcMagic());
            assertEquals(block * 32L, pull.frameIndex());
            assertEquals(0, pull.firstFrameOffset());
            assertEquals(32L * 8968, pull.blockLength());
        }
        assertEquals(4, driver.counters().get(DriverCounter.PULL_SENT));
    }

    @Test
    void shouldFollowTheMtuRuleAt1500() throws DriverException
    {
        start(1500, false, 64);
        final DriverLimits limits = endpoint.limits();
        assertEquals(1452, limits.mediumFragmentLength());
        assertEquals(1468, limits.pullReplyLength());
        assertEquals(2048, limits.sendQueueSlotLength());
        assertEquals(DriverStatus.SUCCESS,
            endpoint.sendMediumFragment(peerIndex, 2, SESSION, 1, 0, MATCH, 3000, 1, 0, 1452));
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(1500, frames.get(0).remaining(), "a full fragment fills the MTU exactly");
    }

    @Test
    void shouldUseTheCompatLayoutWhenAsked() throws DriverException
    {
        start(9000, true, 64);
        final DriverLimits limits = endpoint.limits();
        assertEquals(4096, limits.mediumFragmentLength());
        assertEquals(8, limits.mediumFragmentsMax());
        assertEquals(4096, limits.pullReplyLength());
        assertEquals(8, limits.pullRepliesPerBlock());
        assertEquals(DriverStatus.SUCCESS,
            endpoint.sendMediumFragment(peerIndex, 2, SESSION, 1, 0, MATCH, 9000, 2, 0, 808));
        final MediumFragFlyweight medium = peer.single().medium();
        assertEquals(12, medium.fragPipeline());
        assertEquals(2, medium.fragSeqnum());
        assertEquals(DriverStatus.SUCCESS, endpoint.createRegion(0, ByteBuffer.allocate(100_000)));
        assertEquals(DriverStatus.SUCCESS, endpoint.pull(peerIndex, 6, SESSION, 100_000, 0, 1, 1, 0, 0, 1L));
        final PullRequestFlyweight pull = peer.drain().stream().map(peer::decode).findFirst().orElseThrow().pull();
        assertEquals(MxoeLayout.MX_WIRE_COMPAT, pull.layout());
        assertEquals(8 * 4096, pull.blockLength());
    }

    private static byte[] bytes(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 13 + seed);
        }
        return bytes;
    }

    private static byte[] payload(final ByteBuffer buffer, final int index, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.get(index, bytes);
        return bytes;
    }
}
