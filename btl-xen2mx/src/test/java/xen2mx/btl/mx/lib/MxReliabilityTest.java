package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.media.FaultInjector;
import xen2mx.btl.mx.media.RandomFaults;

/**
 * Reliability over a faulty fabric: every message arrives exactly once, in order, intact, and the counters show the
 * repairs (resends, duplicates dropped, early packets replayed).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MxReliabilityTest
{
    private static final int TINY = 37;
    private static final int RNDV = 40;

    /** Messages of every class, in both directions, through loss, duplication and reordering. */
    @Test
    void shouldDeliverEveryMessageOnceInOrderIntactThroughLossDuplicationAndReordering()
    {
        final RandomFaults faults = RandomFaults.seeded(42).loss(0.05).duplication(0.03)
            .reordering(0.10, TimeUnit.MICROSECONDS.toNanos(300));
        try (MxFabric fabric = new MxFabric(9000, faults))
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            final MxEndpointAddress toA = MxFabric.connect(b, a);
            final int count = 400;
            final List<MxRequest> requests = new ArrayList<>();
            final List<ByteBuffer> atB = new ArrayList<>();
            final List<ByteBuffer> atA = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                final int length = length(i);
                atB.add(ByteBuffer.allocate(length));
                atA.add(ByteBuffer.allocate(length));
                requests.add(b.irecv(atB.get(i), 5, Mx.MATCH_MASK_NONE, null));
                requests.add(a.irecv(atA.get(i), 6, Mx.MATCH_MASK_NONE, null));
            }
            for (int i = 0; i < count; i++)
            {
                requests.add(a.isend(MxFabric.pattern(length(i), i), toB, 5, null));
                requests.add(b.isend(MxFabric.pattern(length(i), i + 1), toA, 6, null));
            }
            for (final MxRequest request : requests)
            {
                assertEquals(MxStatusCode.SUCCESS, fabric.await(request.endpoint(), request).code());
            }
            for (int i = 0; i < count; i++)
            {
                MxFabric.assertPattern(atB.get(i), 0, length(i), i);
                MxFabric.assertPattern(atA.get(i), 0, length(i), i + 1);
            }
            fabric.progressFor(20);
            final MxStatus extra = new MxStatus();
            assertFalse(b.iprobe(0, 0, extra), "no message twice");
            assertFalse(a.iprobe(0, 0, extra), "no message twice");
            assertTrue(faults.lost() > 0 && faults.duplicated() > 0 && faults.reordered() > 0);
            assertTrue(a.counter(MxCounter.RESENDS) + b.counter(MxCounter.RESENDS) > 0, "resends");
            assertTrue(a.counter(MxCounter.DUPLICATES) + b.counter(MxCounter.DUPLICATES) > 0, "duplicates");
            assertTrue(a.counter(MxCounter.EARLY_QUEUED) + b.counter(MxCounter.EARLY_QUEUED) > 0, "early");
        }
    }

    private static int length(final int i)
    {
        switch (i % 5)
        {
            case 0:
                return i % 33;
            case 1:
                return 100;
            case 2:
                return 9000 + i;
            case 3:
                return 30_000;
            default:
                return i % 20 == 4 ? 200_000 : 40_000;
        }
    }

    /** The 14-bit sequence space wraps (more than 16384 messages to one partner) without losing order. */
    @Test
    void shouldWrapSequenceNumbers()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            final ByteBuffer into = ByteBuffer.allocate(4);
            for (int i = 0; i < 17_000; i++)
            {
                final MxRequest receive = b.irecv(into, 0, 0, null);
                a.forget(a.isend(ByteBuffer.allocate(4).putInt(0, i), toB, i, null));
                assertEquals(i, fabric.await(b, receive).matchInfo());
                assertEquals(i, into.getInt(0));
            }
        }
    }

    /** A lost frame is resent after the resend delay; the receiver sees it once. */
    @Test
    void shouldResendALostMessage()
    {
        final DropFirst dropper = new DropFirst(TINY);
        try (MxFabric fabric = new MxFabric(9000, dropper))
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            dropper.armed = true;
            final ByteBuffer into = ByteBuffer.allocate(8);
            final MxRequest receive = b.irecv(into, 3, Mx.MATCH_MASK_NONE, null);
            a.isend(MxFabric.pattern(8, 3), toB, 3, null);
            fabric.await(b, receive);
            MxFabric.assertPattern(into, 0, 8, 3);
            assertEquals(1, dropper.dropped);
            assertTrue(a.counter(MxCounter.RESENDS) >= 1);
        }
    }

    /**
     * A zero-length message that arrives early (the message before it was lost) keeps its own length when it is
     * replayed after the resend, even once the receiver's event queue has wrapped: an early packet must not share the
     * driver's payload view, which a later event in the same queue slot reuses.
     */
    @Test
    void shouldReplayAnEarlyZeroLengthMessageWithItsOwnLength()
    {
        final DropFirst dropper = new DropFirst(TINY);
        final int later = 40;
        try (MxFabric fabric = new MxFabric(9000, dropper);
             NativeDriver smallQueues = new NativeDriver(fabric.ethernet.attach("small-queues"),
                 new DriverContext().threadingMode(ThreadingMode.INVOKER).queueSlots(16)))
        {
            final MxEndpoint a = fabric.endpoint(MxFabric.fastConfig().resendDelayNanos(
                TimeUnit.MILLISECONDS.toNanos(300)));
            final MxEndpoint b = fabric.open(smallQueues, MxFabric.fastConfig());
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            final List<MxRequest> receives = new ArrayList<>();
            final List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < later + 2; i++)
            {
                buffers.add(ByteBuffer.allocate(16));
                receives.add(b.irecv(buffers.get(i), i, Mx.MATCH_MASK_NONE, null));
            }
            dropper.armed = true;
            a.forget(a.isend(MxFabric.pattern(8, 0), toB, 0, null));
            a.forget(a.isend(ByteBuffer.allocate(0), toB, 1, null));
            awaitEarly(a, b, 1);
            for (int i = 2; i < later + 2; i++)
            {
                a.forget(a.isend(MxFabric.pattern(8, i), toB, i, null));
                awaitEarly(a, b, i);
            }
            for (int i = 0; i < later + 2; i++)
            {
                final MxStatus status = fabric.await(b, receives.get(i));
                assertEquals(MxStatusCode.SUCCESS, status.code(), "message " + i);
                assertEquals(i == 1 ? 0 : 8, status.msgLength(), "length of message " + i);
                if (i != 1)
                {
                    MxFabric.assertPattern(buffers.get(i), 0, 8, i);
                }
            }
            assertEquals(1, dropper.dropped);
        }
    }

    /** Progresses both ends until {@code count} packets wait on the receiver's early queue (at most 5 s). */
    private static void awaitEarly(final MxEndpoint sender, final MxEndpoint receiver, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (receiver.counter(MxCounter.EARLY_QUEUED) < count)
        {
            assertTrue(System.nanoTime() - deadline < 0, "early packets: " + receiver.counter(MxCounter.EARLY_QUEUED)
                + " of " + count);
            sender.progress();
            receiver.progress();
        }
        assertEquals(0, sender.counter(MxCounter.RESENDS), "the lost message is resent only after the others came");
    }

    /**
     * A zero-length message that arrives early (its predecessor was lost) is matched, once its turn comes, with its
     * own length. Regression: the early copy kept a view of the driver's receive queue slot instead of an empty
     * payload, so once later events reused the slot it was matched with their length (TRUNCATED, 100 bytes).
     */
    @Test
    void shouldKeepTheLengthOfAnEarlyZeroLengthMessage()
    {
        final DropFirst dropper = new DropFirst(TINY);
        try (MxFabric fabric = new MxFabric(9000, dropper))
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.open(fabric.host(new DriverContext().queueSlots(16)), MxFabric.fastConfig());
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            dropper.armed = true;
            final MxRequest first = b.irecv(ByteBuffer.allocate(8), 1, Mx.MATCH_MASK_NONE, null);
            final MxRequest empty = b.irecv(ByteBuffer.allocate(0), 2, Mx.MATCH_MASK_NONE, null);
            final List<MxRequest> later = new ArrayList<>();
            for (int i = 0; i < 40; i++)
            {
                later.add(b.irecv(ByteBuffer.allocate(100), 3, Mx.MATCH_MASK_NONE, null));
            }
            a.isend(MxFabric.pattern(8, 1), toB, 1, null);
            a.isend(ByteBuffer.allocate(0), toB, 2, null);
            for (int i = 0; i < 40; i++)
            {
                a.isend(MxFabric.pattern(100, i), toB, 3, null);
            }

            fabric.await(b, first);
            final MxStatus status = fabric.await(b, empty);

            assertEquals(1, dropper.dropped);
            assertTrue(b.counter(MxCounter.EARLY_QUEUED) > 0, "the zero-length message arrived early");
            assertEquals(MxStatusCode.SUCCESS, status.code());
            assertEquals(0, status.msgLength());
            for (final MxRequest request : later)
            {
                final MxStatus each = fabric.await(b, request);
                assertEquals(MxStatusCode.SUCCESS, each.code());
                assertEquals(100, each.msgLength());
            }
        }
    }

    /** A lost RNDV is resent too, and the large message still arrives once. */
    @Test
    void shouldResendALostRendezvous()
    {
        final DropFirst dropper = new DropFirst(RNDV);
        try (MxFabric fabric = new MxFabric(9000, dropper))
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            dropper.armed = true;
            final ByteBuffer into = ByteBuffer.allocate(100_000);
            final MxRequest receive = b.irecv(into, 3, Mx.MATCH_MASK_NONE, null);
            final MxRequest send = a.isend(MxFabric.pattern(100_000, 3), toB, 3, null);
            fabric.await(b, receive);
            fabric.await(a, send);
            MxFabric.assertPattern(into, 0, 100_000, 3);
            assertEquals(1, dropper.dropped);
        }
    }

    /**
     * Throttling: with the receiver not progressing, at most 8191 messages to it are unacknowledged; later sends wait
     * for a seqnum (not buffered) and go once acks make room, still in order.
     */
    @Test
    void shouldThrottleSendsToAPartnerThatDoesNotAcknowledge()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint(MxFabric.fastConfig().progressThread(false));
            final MxEndpoint b = fabric.endpoint(MxFabric.fastConfig().progressThread(false));
            final MxEndpointAddress toB = connectWhileProgressing(fabric, a, b);
            final int count = SeqNum.THROTTLE_MAX + 50;
            MxRequest last = null;
            for (int i = 0; i < count; i++)
            {
                last = a.isend(ByteBuffer.allocate(4).putInt(0, i), toB, 1, null);
                if (i < count - 1)
                {
                    a.forget(last);
                }
            }
            assertFalse(a.ibuffered(last), "beyond the throttle a send waits for its seqnum");
            assertTrue(a.counter(MxCounter.THROTTLED) > 0);
            final ByteBuffer into = ByteBuffer.allocate(4);
            for (int i = 0; i < count; i++)
            {
                final MxRequest receive = b.irecv(into, 1, Mx.MATCH_MASK_NONE, null);
                fabric.await(b, receive);
                assertEquals(i, into.getInt(0));
            }
            fabric.await(a, last);
        }
    }

    private static MxEndpointAddress connectWhileProgressing(final MxFabric fabric, final MxEndpoint from,
        final MxEndpoint to)
    {
        final MxRequest connect = from.iconnect(to.nicId(), to.endpointId(), MxFabric.KEY, 0, null);
        return fabric.await(from, connect).source();
    }

    /** Loses the first frame of one packet type once armed. */
    private static final class DropFirst implements FaultInjector
    {
        private final int type;
        volatile boolean armed;
        int dropped;

        DropFirst(final int type)
        {
            this.type = type;
        }

        @Override
        public void inject(final int sourcePort, final ByteBuffer frame, final xen2mx.btl.mx.media.FrameFate fate)
        {
            if (armed && dropped == 0 && frame.limit() > 16 && (frame.get(16) & 0xFF) == type)
            {
                dropped++;
                fate.lose();
            }
        }
    }
}
