package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.MemoryPort;
import xen2mx.btl.mx.protocol.DecodedFrame;
import xen2mx.btl.mx.protocol.EagerMessageFlyweight;
import xen2mx.btl.mx.protocol.MediumFragFlyweight;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeFrameFlyweight;
import xen2mx.btl.mx.protocol.MxoeLayout;
import xen2mx.btl.mx.protocol.MxoePacketType;
import xen2mx.btl.mx.protocol.NackLibFlyweight;
import xen2mx.btl.mx.protocol.NackMcpFlyweight;
import xen2mx.btl.mx.protocol.PullRequestFlyweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every received packet type produces the right event; refused frames produce the NACK or drop the protocol asks. */
@Timeout(10)
class DriverReceiveTest
{
    private static final long MATCH = 0x7766_5544_3322_1100L;
    private static final int OWN_ENDPOINT = 3;
    private static final int PEER_ENDPOINT = 7;

    private MemoryEthernet fabric;
    private MemoryPort port;
    private WireProbe peer;
    private DriverCore core;
    private EventQueue queue;
    private CoreEndpoint endpoint;
    private int peerIndex;
    private long board;
    private final EventRecorder recorder = new EventRecorder();

    @BeforeEach
    void start() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        port = fabric.attach();
        peer = new WireProbe(fabric, MxoeLayout.DEFAULT);
        core = new DriverCore(port, new DriverContext().sessionSeed(11).hostname("node-a"));
        board = core.boardAddress();
        queue = new EventQueue(16, 8192);
        endpoint = core.openEndpoint(OWN_ENDPOINT, queue);
        peerIndex = core.addPeer(peer.mac);
    }

    @AfterEach
    void stop()
    {
        core.close();
        port.close();
        peer.close();
    }

    @Test
    void shouldDeliverTinyWithPayload()
    {
        final EagerMessageFlyweight tiny = envelope(peer.encoder.tiny(peer.tx, 0));
        tiny.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).libSeqnum(0x4002).libPiggyack(0x4001)
            .matchInfo(MATCH).session(endpoint.sessionId()).payload(new byte[] {1, 2, 3, 4, 5}, 0, 5);
        peer.send(tiny.frameLength());
        final DriverEvent event = receiveOne();
        assertEquals(EventType.RECV_TINY, event.type());
        assertEquals(peerIndex, event.peerIndex());
        assertEquals(PEER_ENDPOINT, event.srcEndpoint());
        assertEquals(0x4002, event.seqnum());
        assertEquals(0x4001, event.piggyack());
        assertEquals(MATCH, event.matchInfo());
        assertEquals(5, event.messageLength());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, recorder.payloads.get(0));
        assertEquals(1, core.counters().get(DriverCounter.TINY_RECEIVED));
        assertEquals(0, core.counters().get(DriverCounter.PEER_INDEX_FALLBACKS));
    }

    @Test
    void shouldDeliverSmallFoundByMacWhenThePeerIndexIsUnknown()
    {
        final EagerMessageFlyweight small = peer.encoder.small(peer.tx, 0).destinationMac(board).sourceMac(peer.mac)
            .peerIndex(MxoeFrameDescriptor.UNKNOWN_PEER_INDEX);
        final byte[] data = new byte[128];
        java.util.Arrays.fill(data, (byte)0x5A);
        small.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).libSeqnum(1).matchInfo(MATCH)
            .session(endpoint.sessionId()).payload(data, 0, 128);
        peer.send(small.frameLength());
        final DriverEvent event = receiveOne();
        assertEquals(EventType.RECV_SMALL, event.type());
        assertEquals(peerIndex, event.peerIndex());
        assertArrayEquals(data, recorder.payloads.get(0));
        assertEquals(1, core.counters().get(DriverCounter.PEER_INDEX_FALLBACKS));
    }

    @Test
    void shouldDeliverMediumFragmentWithItsOffset()
    {
        final MediumFragFlyweight medium = envelope(peer.encoder.mediumFrag(peer.tx, 0));
        final byte[] data = new byte[1000];
        new java.util.Random(3).nextBytes(data);
        medium.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).libSeqnum(9).libPiggyack(8).matchInfo(MATCH)
            .session(endpoint.sessionId()).msgLength(2 * 8192 + 1000).fragSeqnum(2).payload(data, 0, 1000);
        peer.send(medium.frameLength());
        final DriverEvent event = receiveOne();
        assertEquals(EventType.RECV_MEDIUM_FRAG, event.type());
        assertEquals(2 * 8192 + 1000, event.messageLength());
        assertEquals(2, event.fragmentSeqnum());
        assertEquals(1000, event.fragmentLength());
        assertEquals(2 * 8192, event.fragmentOffset());
        assertEquals(9, event.seqnum());
        assertArrayEquals(data, recorder.payloads.get(0));
    }

    @Test
    void shouldDeliverRndvNotifyLibackAndNack()
    {
        final var rndv = envelope(peer.encoder.rndv(peer.tx, 0));
        rndv.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).libSeqnum(20).libPiggyack(2).matchInfo(MATCH)
            .session(endpoint.sessionId()).msgLength(5_000_000).pulledRdmaId(200).pulledRdmaSeqnum(77);
        peer.send(rndv.frameLength());
        final var notify = envelope(peer.encoder.notifyMessage(peer.tx, 0));
        notify.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).session(endpoint.sessionId())
            .totalLength(4_999_999).pulledRdmaId(12).pulledRdmaSeqnum(13).libSeqnum(21).libPiggyack(3);
        peer.send(notify.frameLength());
        final var liback = envelope(peer.encoder.liback(peer.tx, 0));
        liback.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).session(endpoint.sessionId()).libSeqnum(22)
            .acknum(0xFFFF_FFF0L).sendSeq(22).resent(1);
        peer.send(liback.frameLength());
        final NackLibFlyweight nack = envelope(peer.encoder.nackLib(peer.tx, 0));
        nack.srcEndpoint(PEER_ENDPOINT).nackTypeCode(NackType.BAD_SESSION).dstEndpoint(OWN_ENDPOINT)
            .dstSrcPeerIndex(0).libSeqnum(0x4003);
        peer.send(nack.frameLength());
        receiveAll();
        assertEquals(4, recorder.events.size());
        final DriverEvent r = recorder.events.get(0);
        assertEquals(EventType.RECV_RNDV, r.type());
        assertEquals(5_000_000, r.messageLength());
        assertEquals(200, r.regionId());
        assertEquals(77, r.regionSeqnum());
        assertEquals(20, r.seqnum());
        assertEquals(MATCH, r.matchInfo());
        final DriverEvent n = recorder.events.get(1);
        assertEquals(EventType.RECV_NOTIFY, n.type());
        assertEquals(4_999_999, n.messageLength());
        assertEquals(12, n.regionId());
        assertEquals(13, n.regionSeqnum());
        assertEquals(21, n.seqnum());
        assertEquals(3, n.piggyack());
        final DriverEvent l = recorder.events.get(2);
        assertEquals(EventType.RECV_LIBACK, l.type());
        assertEquals(22, l.seqnum());
        assertEquals(0xFFFF_FFF0, l.acknum());
        assertEquals(22, l.sendSeq());
        assertEquals(1, l.resent());
        final DriverEvent k = recorder.events.get(3);
        assertEquals(EventType.RECV_NACK_LIB, k.type());
        assertEquals(NackType.BAD_SESSION, k.nackType());
        assertEquals(0x4003, k.seqnum());
        assertEquals(PEER_ENDPOINT, k.srcEndpoint());
        assertEquals(peerIndex, k.peerIndex());
    }

    @Test
    void shouldDeliverConnectsFromNewPeersAndLearnReverseIndexes()
    {
        try (WireProbe stranger = new WireProbe(fabric, MxoeLayout.DEFAULT))
        {
            final var request = stranger.encoder.connectRequest(stranger.tx, 0).destinationMac(board)
                .sourceMac(stranger.mac).peerIndex(MxoeFrameDescriptor.UNKNOWN_PEER_INDEX);
            request.dstEndpoint(OWN_ENDPOINT).srcEndpoint(1).srcDstPeerIndex(42).srcSessionId(0xABCD)
                .appKey(0x1234).targetRecvSeqnumStart(0x4001).connectSeqnum(9);
            stranger.send(request.frameLength());
            final DriverEvent event = receiveOne();
            assertEquals(EventType.RECV_CONNECT_REQUEST, event.type());
            final int strangerIndex = event.peerIndex();
            assertEquals(stranger.mac, core.peers().address(strangerIndex), "a connect introduces its sender");
            assertEquals(42, core.peers().reverseIndex(strangerIndex));
            assertEquals(0xABCD, event.sessionId());
            assertEquals(0x1234, event.appKey());
            assertEquals(0x4001, event.targetRecvSeqnumStart());
            assertEquals(9, event.connectSeqnum());

            // our next frame to it carries the learnt reverse index
            core.sendEager(endpoint, false, strangerIndex, 1, 0xABCD, 1, 1, 0, ByteBuffer.allocate(0));
            assertEquals(42, stranger.single().flyweight().peerIndex());
        }
        recorder.clear();
        final var reply = envelope(peer.encoder.connectReply(peer.tx, 0));
        reply.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).srcDstPeerIndex(5).srcSessionId(endpoint.sessionId())
            .targetSessionId(0x77).targetRecvSeqnumStart(0x8001).connectSeqnum(4).statusCode(11);
        peer.send(reply.frameLength());
        final DriverEvent event = receiveOne();
        assertEquals(EventType.RECV_CONNECT_REPLY, event.type());
        assertEquals(endpoint.sessionId(), event.sessionId());
        assertEquals(0x77, event.targetSessionId());
        assertEquals(0x8001, event.targetRecvSeqnumStart());
        assertEquals(4, event.connectSeqnum());
        assertEquals(11, event.connectStatus());
    }

    @Test
    void shouldNackClosedEndpointsBadSessionsAndBadEndpoints()
    {
        sendTiny(4, endpoint.sessionId(), 0x4010);           // endpoint 4 never opened
        sendTiny(OWN_ENDPOINT, endpoint.sessionId() + 1, 0x4011); // stale session
        sendTiny(40, 0, 0x4012);                              // beyond endpointMax (32)
        core.doWork();
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(3, frames.size());
        assertNack(frames.get(0), 4, NackType.ENDPT_CLOSED, 0x4010);
        assertNack(frames.get(1), OWN_ENDPOINT, NackType.BAD_SESSION, 0x4011);
        assertNack(frames.get(2), 40, NackType.BAD_ENDPT, 0x4012);
        assertEquals(1, core.counters().get(DriverCounter.DROP_ENDPOINT_CLOSED));
        assertEquals(1, core.counters().get(DriverCounter.DROP_BAD_SESSION));
        assertEquals(1, core.counters().get(DriverCounter.DROP_BAD_ENDPOINT));
        assertEquals(3, core.counters().get(DriverCounter.NACK_LIB_SENT));
        assertEquals(0, queue.poll(recorder, 10));
    }

    @Test
    void shouldDropLibacksWithBadSessionWithoutNack()
    {
        final var liback = envelope(peer.encoder.liback(peer.tx, 0));
        liback.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).session(12345).libSeqnum(2).acknum(1);
        peer.send(liback.frameLength());
        core.doWork();
        assertTrue(peer.drain().isEmpty());
        assertEquals(1, core.counters().get(DriverCounter.DROP_BAD_SESSION));
    }

    @Test
    void shouldNackPullsForMissingRegionsAndClosedEndpoints()
    {
        sendPull(OWN_ENDPOINT, endpoint.sessionId(), 9);
        sendPull(6, 0, 9);
        sendPull(OWN_ENDPOINT, endpoint.sessionId() ^ 1, 9);
        core.doWork();
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(3, frames.size());
        final int[] expected = {NackType.BAD_RDMAWIN, NackType.ENDPT_CLOSED, NackType.BAD_SESSION};
        for (int i = 0; i < 3; i++)
        {
            final DecodedFrame decoded = peer.decode(frames.get(i));
            assertEquals(MxoePacketType.NACK_MCP, decoded.packetType());
            final NackMcpFlyweight nack = decoded.nackMcp();
            assertEquals(expected[i], nack.nackTypeCode());
            assertEquals(PEER_ENDPOINT, nack.srcEndpoint());
            assertEquals(0x1234_5678, nack.srcPullHandle());
            assertEquals(MxoeFrameDescriptor.pullMagic(PEER_ENDPOINT), nack.srcMagic());
        }
    }

    @Test
    void shouldAnswerAPullFromTheRegion()
    {
        final byte[] data = new byte[20_000];
        new java.util.Random(5).nextBytes(data);
        assertEquals(DriverStatus.SUCCESS, core.createRegion(endpoint, 9, Region.of(ByteBuffer.wrap(data))));
        sendPull(OWN_ENDPOINT, endpoint.sessionId(), 9);
        core.doWork();
        final List<ByteBuffer> frames = peer.drain();
        assertEquals(3, frames.size(), "20000 bytes = 8968 + 8968 + 2064");
        final byte[] pulled = new byte[data.length];
        for (int i = 0; i < frames.size(); i++)
        {
            final var reply = peer.decode(frames.get(i)).pullReply();
            assertEquals(i, reply.frameSeqnum());
            assertEquals(i * 8968L, reply.msgOffset());
            assertEquals(0x1234_5678, reply.dstPullHandle());
            assertEquals(MxoeFrameDescriptor.pullMagic(PEER_ENDPOINT), reply.dstMagic());
            reply.buffer().get(reply.payloadOffset(), pulled, (int)reply.msgOffset(), reply.payloadLength());
        }
        assertArrayEquals(data, pulled);
        assertEquals(1, core.counters().get(DriverCounter.PULL_RECEIVED));
        assertEquals(3, core.counters().get(DriverCounter.PULL_REPLY_SENT));
    }

    @Test
    void shouldStayQuietForNeverOpenedEndpointsWhenAsked() throws DriverException
    {
        core.close();
        port.close();
        port = fabric.attach();
        core = new DriverCore(port, new DriverContext().nackUnknownEndpoints(false));
        queue = new EventQueue(16, 8192);
        endpoint = core.openEndpoint(OWN_ENDPOINT, queue);
        board = core.boardAddress();
        peerIndex = core.addPeer(peer.mac);
        sendTiny(4, 0, 1);
        core.doWork();
        assertTrue(peer.drain().isEmpty(), "another process may own endpoint 4");
        final int session = endpoint.sessionId();
        core.closeEndpoint(endpoint);
        sendTiny(OWN_ENDPOINT, session, 2);
        core.doWork();
        assertEquals(1, peer.drain().size(), "an endpoint we closed is NACKed");
    }

    @Test
    void shouldCountDropsByReasonAndKeepTheBooks()
    {
        final ByteBuffer frame = ByteBuffer.allocate(200);
        // too short
        core.onFrame(ByteBuffer.allocate(10));
        // wrong EtherType
        core.onFrame(validTiny(frame).putShort(12, (short)0x0800).flip());
        // unknown and invalid packet types
        core.onFrame(validTiny(frame).put(16, (byte)200).flip());
        core.onFrame(validTiny(frame).put(16, (byte)33).flip());
        // tiny declaring 33 bytes
        core.onFrame(validTiny(frame).putShort(20, (short)33).flip());
        // length larger than the frame
        core.onFrame(validTiny(frame).putShort(20, (short)32).position(0).limit(60));
        // not addressed to us, from ourselves, from an unknown peer
        core.onFrame(validTiny(frame).put(0, (byte)0x02).put(5, (byte)0x77).flip());
        core.onFrame(validTiny(frame).put(6, mac(board)).flip());
        core.onFrame(validTiny(frame).put(11, (byte)0x66).flip());
        assertEquals(0, queue.poll(recorder, 10));
        final DriverCounters counters = core.counters();
        assertEquals(1, counters.get(DriverCounter.DROP_TOO_SHORT));
        assertEquals(1, counters.get(DriverCounter.DROP_BAD_ETHERTYPE));
        assertEquals(1, counters.get(DriverCounter.DROP_UNKNOWN_TYPE));
        assertEquals(1, counters.get(DriverCounter.DROP_INVALID_TYPE));
        assertEquals(1, counters.get(DriverCounter.DROP_BAD_DATA_LENGTH));
        assertEquals(1, counters.get(DriverCounter.DROP_LENGTH_MISMATCH));
        assertEquals(1, counters.get(DriverCounter.DROP_NOT_FOR_US));
        assertEquals(1, counters.get(DriverCounter.DROP_OWN_FRAME));
        assertEquals(1, counters.get(DriverCounter.DROP_BAD_PEER));
        // a full unexpected queue drops (16 slots)
        for (int i = 0; i < 17; i++)
        {
            core.onFrame(validTiny(frame).flip());
        }
        assertEquals(1, counters.get(DriverCounter.DROP_UNEXP_EVENTQ_FULL));
        assertEquals(16, queue.poll(recorder, 100));
        assertEquals(counters.get(DriverCounter.FRAMES_RECEIVED),
            counters.sum(DriverCounter.Kind.ACCEPTED) + counters.sum(DriverCounter.Kind.DROPPED));
        assertEquals(26, counters.get(DriverCounter.FRAMES_RECEIVED));
        assertEquals(0, counters.get(DriverCounter.ERRORS));
    }

    @Test
    void shouldAnswerHostQueries()
    {
        final var query = envelope(peer.encoder.hostQuery(peer.tx, 0));
        query.srcDstPeerIndex(17).magic(MxoeFrameDescriptor.HOST_QUERY_MAGIC);
        peer.send(query.frameLength());
        core.doWork();
        final DecodedFrame reply = peer.single();
        assertEquals(MxoePacketType.HOST_REPLY, reply.packetType());
        final byte[] name = new byte[reply.host().payloadLength()];
        reply.buffer().get(reply.host().payloadOffset(), name);
        assertTrue(new String(name, java.nio.charset.StandardCharsets.UTF_8).startsWith("node-a"));
        assertEquals(17, core.peers().reverseIndex(peerIndex));
    }

    private ByteBuffer validTiny(final ByteBuffer frame)
    {
        frame.clear();
        final EagerMessageFlyweight tiny = peer.encoder.tiny(frame, 0).destinationMac(board).sourceMac(peer.mac)
            .peerIndex(peerIndex);
        tiny.dstEndpoint(OWN_ENDPOINT).srcEndpoint(PEER_ENDPOINT).session(endpoint.sessionId()).payloadLength(4);
        frame.position(tiny.frameLength());
        return frame;
    }

    private static byte[] mac(final long address)
    {
        final byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(address >>> (40 - 8 * i));
        }
        return bytes;
    }

    private void sendTiny(final int destination, final int session, final int seqnum)
    {
        final EagerMessageFlyweight tiny = envelope(peer.encoder.tiny(peer.tx, 0));
        tiny.dstEndpoint(destination).srcEndpoint(PEER_ENDPOINT).libSeqnum(seqnum).session(session).payloadLength(0);
        peer.send(tiny.frameLength());
    }

    private void sendPull(final int destination, final int session, final int region)
    {
        final PullRequestFlyweight pull = envelope(peer.encoder.pullRequest(peer.tx, 0));
        pull.dstEndpoint(destination).srcEndpoint(PEER_ENDPOINT).session(session).totalLength(20_000)
            .pulledRdmaId(region).srcPullHandle(0x1234_5678).srcMagic(MxoeFrameDescriptor.pullMagic(PEER_ENDPOINT))
            .firstFrameOffset(0).blockLength(20_000).frameIndex(0);
        peer.send(pull.frameLength());
    }

    private void assertNack(final ByteBuffer frame, final int refused, final int type, final int seqnum)
    {
        final DecodedFrame decoded = peer.decode(frame);
        assertEquals(MxoePacketType.NACK_LIB, decoded.packetType());
        final NackLibFlyweight nack = decoded.nackLib();
        assertEquals(peer.mac, nack.destinationMac());
        assertEquals(refused, nack.srcEndpoint());
        assertEquals(type, nack.nackTypeCode());
        assertEquals(PEER_ENDPOINT, nack.dstEndpoint());
        assertEquals(seqnum, nack.libSeqnum());
        assertEquals(peerIndex, nack.dstSrcPeerIndex(), "copy of the refused frame's head");
    }

    private <F extends MxoeFrameFlyweight<F>> F envelope(final F frame)
    {
        return frame.destinationMac(board).sourceMac(peer.mac).peerIndex(peerIndex);
    }

    private DriverEvent receiveOne()
    {
        receiveAll();
        return recorder.only();
    }

    private void receiveAll()
    {
        core.doWork();
        queue.poll(recorder, 100);
    }
}
