package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xen2mx.btl.mx.media.FaultInjector;
import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.RandomFaults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pull engine end to end between two native drivers over {@link MemoryEthernet}: large transfers complete
 * intact under seeded loss, duplication and reordering, repaired by the engine's own retransmission; failures end
 * with the right PULL_DONE status.
 */
@Timeout(60)
class PullTest
{
    private static final long COOKIE = 0xC00C1E_0000_0001L;
    private static final int PULLED_REGION = 5;
    private static final int PULLER_REGION = 7;

    private MemoryEthernet fabric;
    private NativeDriver sender;
    private NativeDriver receiver;
    private DriverEndpoint pulled;
    private DriverEndpoint puller;
    private int senderPeer;

    private void start(final int mtu, final boolean wireCompat, final FaultInjector faults) throws DriverException
    {
        fabric = new MemoryEthernet(mtu, faults, 1024);
        sender = new NativeDriver(fabric.attach(), context(wireCompat));
        receiver = new NativeDriver(fabric.attach(), context(wireCompat));
        pulled = sender.openEndpoint(0, 2);
        puller = receiver.openEndpoint(0, 9);
        senderPeer = receiver.peerIndex(sender.boardAddress(0));
        sender.peerIndex(receiver.boardAddress(0));
    }

    private static DriverContext context(final boolean wireCompat)
    {
        return new DriverContext().threadingMode(ThreadingMode.INVOKER).wireCompat(wireCompat).queueSlots(64)
            .pullRetransmitNanos(TimeUnit.MILLISECONDS.toNanos(4));
    }

    @AfterEach
    void stop()
    {
        if (sender != null)
        {
            sender.close();
            receiver.close();
        }
    }

    @ParameterizedTest(name = "MTU {0}, compat {1}, {2} bytes from offset {3}")
    @CsvSource({
        "9000, false, 4194304, 0",
        "9000, false, 1000000, 1000",
        "1500, false, 1048576, 0",
        "1500, false, 300001, 77",
        "9000, true, 1048576, 0",
    })
    void shouldCompleteLargePullsUnderLossDuplicationAndReordering(
        final int mtu, final boolean wireCompat, final int length, final int offset) throws DriverException
    {
        final RandomFaults faults = RandomFaults.seeded(length ^ mtu).loss(0.05).duplication(0.02)
            .reordering(0.10, 100_000);
        start(mtu, wireCompat, faults);
        final byte[] data = new byte[offset + length];
        new Random(length).nextBytes(data);
        assertEquals(DriverStatus.SUCCESS, pulled.createRegion(PULLED_REGION, ByteBuffer.wrap(data)));
        final ByteBuffer destination = ByteBuffer.allocateDirect(length);
        assertEquals(DriverStatus.SUCCESS, puller.createRegion(PULLER_REGION, destination));

        assertEquals(DriverStatus.SUCCESS, puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(),
            length, PULLER_REGION, PULLED_REGION, 3, offset, 30_000, COOKIE));
        final DriverEvent done = awaitPullDone();

        assertEquals(PullStatus.SUCCESS, done.status(), PullStatus.name(done.status()));
        assertEquals(COOKIE, done.cookie());
        assertEquals(PULLER_REGION, done.regionId());
        assertEquals(length, done.messageLength());
        final byte[] received = new byte[length];
        destination.get(0, received);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, offset, offset + length), received);

        final DriverCounters counters = receiver.counters();
        assertTrue(faults.lost() > 0 && faults.duplicated() > 0 && faults.reordered() > 0, "faults were injected");
        assertTrue(counters.get(DriverCounter.PULL_TIMEOUT_RETRANSMITS)
            + counters.get(DriverCounter.PULL_EARLY_RETRANSMITS) > 0, counters.toString());
        assertTrue(counters.get(DriverCounter.DROP_PULL_REPLY_DUPLICATE) > 0, counters.toString());
        assertEquals(1, counters.get(DriverCounter.PULLS_COMPLETED));
        assertEquals(0, counters.get(DriverCounter.ERRORS) + sender.counters().get(DriverCounter.ERRORS));
    }

    @Test
    void shouldCompleteIntoASegmentedRegionWithoutFaults() throws DriverException
    {
        start(9000, false, FaultInjector.NONE);
        final byte[] data = new byte[700_001];
        new Random(1).nextBytes(data);
        assertEquals(DriverStatus.SUCCESS, pulled.createRegion(PULLED_REGION, ByteBuffer.wrap(data)));
        final ByteBuffer[] segments = {
            ByteBuffer.allocate(1), ByteBuffer.allocateDirect(300_000), ByteBuffer.allocate(0),
            ByteBuffer.allocate(400_000),
        };
        assertEquals(DriverStatus.SUCCESS, puller.createRegion(PULLER_REGION, segments, segments.length));
        assertEquals(DriverStatus.SUCCESS, puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(),
            data.length, PULLER_REGION, PULLED_REGION, 0, 0, 0, COOKIE));
        assertEquals(PullStatus.SUCCESS, awaitPullDone().status());
        final ByteBuffer joined = ByteBuffer.allocate(data.length);
        for (final ByteBuffer segment : segments)
        {
            joined.put(segment.duplicate().clear());
        }
        assertArrayEquals(data, joined.array());
        assertEquals(0, receiver.counters().get(DriverCounter.PULL_TIMEOUT_RETRANSMITS));
        assertEquals(0, receiver.counters().get(DriverCounter.PULL_EARLY_RETRANSMITS));
    }

    @Test
    void shouldEndWithTheNackOfThePulledSide() throws DriverException
    {
        start(9000, false, FaultInjector.NONE);
        assertEquals(DriverStatus.SUCCESS, puller.createRegion(PULLER_REGION, ByteBuffer.allocate(100_000)));
        // no such region on the pulled side
        puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(), 100_000, PULLER_REGION, 99, 0, 0, 0, 1);
        assertEquals(PullStatus.BAD_RDMAWIN, awaitPullDone().status());
        // stale session
        pulled.createRegion(PULLED_REGION, ByteBuffer.allocate(100_000));
        puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId() + 1, 100_000, PULLER_REGION,
            PULLED_REGION, 0, 0, 0, 2);
        assertEquals(PullStatus.BAD_SESSION, awaitPullDone().status());
        // endpoint closed
        pulled.close();
        puller.pull(senderPeer, 2, 0, 100_000, PULLER_REGION, PULLED_REGION, 0, 0, 0, 3);
        assertEquals(PullStatus.ENDPT_CLOSED, awaitPullDone().status());
        assertEquals(3, receiver.counters().get(DriverCounter.NACK_MCP_RECEIVED));
        assertEquals(3, receiver.counters().get(DriverCounter.PULLS_FAILED));
    }

    @Test
    void shouldTimeOutWhenNoReplyComesAndRetransmitMeanwhile() throws DriverException
    {
        final RandomFaults allLost = RandomFaults.seeded(1).loss(1.0);
        start(9000, false, allLost);
        assertEquals(DriverStatus.SUCCESS, puller.createRegion(PULLER_REGION, ByteBuffer.allocate(50_000)));
        final long started = System.nanoTime();
        assertEquals(DriverStatus.SUCCESS, puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(),
            50_000, PULLER_REGION, PULLED_REGION, 0, 0, 60, COOKIE));
        final DriverEvent done = awaitPullDone();
        assertEquals(PullStatus.TIMEOUT, done.status());
        assertEquals(0, done.messageLength());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(60));
        assertTrue(receiver.counters().get(DriverCounter.PULL_TIMEOUT_RETRANSMITS) >= 5,
            receiver.counters().toString());
        assertEquals(1, receiver.counters().get(DriverCounter.PULL_TIMEOUTS));
    }

    @Test
    void shouldAbortWhenThePullerRegionIsDestroyed() throws DriverException
    {
        start(9000, false, RandomFaults.seeded(2).loss(1.0));
        puller.createRegion(PULLER_REGION, ByteBuffer.allocate(50_000));
        puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(), 50_000, PULLER_REGION, PULLED_REGION, 0,
            0, 0, COOKIE);
        assertEquals(DriverStatus.SUCCESS, puller.destroyRegion(PULLER_REGION));
        final DriverEvent done = awaitPullDone();
        assertEquals(PullStatus.ABORTED, done.status());
        assertEquals(COOKIE, done.cookie());
    }

    @Test
    void shouldCompleteZeroLengthPullsAtOnce() throws DriverException
    {
        start(9000, false, FaultInjector.NONE);
        puller.createRegion(PULLER_REGION, ByteBuffer.allocate(0));
        assertEquals(DriverStatus.SUCCESS, puller.pull(senderPeer, pulled.endpointIndex(), pulled.sessionId(), 0,
            PULLER_REGION, PULLED_REGION, 0, 0, 0, COOKIE));
        assertEquals(PullStatus.SUCCESS, awaitPullDone().status());
        assertEquals(0, receiver.counters().get(DriverCounter.PULL_SENT));
    }

    @Test
    void shouldPullBetweenTwoEndpointsOfOneDriverThroughTheLoopback() throws DriverException
    {
        start(9000, false, FaultInjector.NONE);
        final DriverEndpoint local = sender.openEndpoint(0, Driver.ANY_ENDPOINT);
        final byte[] data = new byte[1_500_000];
        new Random(9).nextBytes(data);
        pulled.createRegion(PULLED_REGION, ByteBuffer.wrap(data));
        final ByteBuffer destination = ByteBuffer.allocate(data.length);
        local.createRegion(1, destination);
        final int self = sender.peerIndex(sender.boardAddress(0));
        assertEquals(0, self, "the board is peer 0 of its own table");
        local.pull(self, pulled.endpointIndex(), pulled.sessionId(), data.length, 1, PULLED_REGION, 0, 0, 0, 5);
        final EventRecorder recorder = new EventRecorder();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorder.events.isEmpty() && System.nanoTime() < deadline)
        {
            local.poll(recorder, 1);
        }
        assertEquals(PullStatus.SUCCESS, recorder.only().status());
        assertArrayEquals(data, destination.array());
        assertTrue(sender.counters().get(DriverCounter.LOOPBACK_FRAMES) > data.length / 8968);
    }

    /** Drives both drivers from this thread until the puller's PULL_DONE arrives (bounded). */
    private DriverEvent awaitPullDone()
    {
        final EventRecorder recorder = new EventRecorder();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (recorder.events.isEmpty())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no PULL_DONE within 20 s; counters:\n" + receiver.counters());
            }
            sender.doWork(); // the pulled side answers without its library
            puller.poll(recorder, 1);
        }
        final DriverEvent done = recorder.only();
        assertEquals(EventType.PULL_DONE, done.type());
        return done;
    }
}
