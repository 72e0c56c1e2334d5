package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver's small parts: limits, peer table, pull geometry, regions, the event queue, codes and counters. */
@Timeout(20)
class DriverPartsTest
{
    @Test
    void shouldDeriveSizesFromTheMtuRule()
    {
        final DriverLimits jumbo = DriverLimits.forMtu(9000, false);
        assertEquals(8192, jumbo.mediumFragmentLength());
        assertEquals(8968, jumbo.pullReplyLength());
        assertEquals(32, jumbo.pullRepliesPerBlock());
        assertEquals(32 * 8192, jumbo.mediumLengthMax());
        assertEquals(8192, jumbo.sendQueueSlotLength());
        assertEquals(4096, DriverLimits.forMtu(5000, false).mediumFragmentLength());
        assertEquals(4052, DriverLimits.forMtu(4100, false).mediumFragmentLength());
        assertEquals(4096, DriverLimits.forMtu(4144, true).pullReplyLength());
        assertThrows(IllegalArgumentException.class, () -> DriverLimits.forMtu(1500, true));
        assertThrows(IllegalArgumentException.class, () -> DriverLimits.forMtu(100, false));
        assertThrows(IllegalArgumentException.class, () -> new DriverLimits(9000, false, 257, 10, 64));
        assertThrows(IllegalArgumentException.class, () -> new DriverLimits(9000, false, 8, 10, 100));
    }

    @Test
    void shouldMapAddressesToIndexesBothWays()
    {
        final PeerTable table = new PeerTable(3);
        assertEquals(0, table.indexOrAdd(0x0200_0000_0001L));
        assertEquals(1, table.indexOrAdd(0x0200_0000_0002L));
        assertEquals(0, table.indexOrAdd(0x0200_0000_0001L));
        assertEquals(-1, table.indexOrAdd(0xFFFF_FFFF_FFFFL), "broadcast");
        assertEquals(-1, table.indexOrAdd(0), "zero");
        assertEquals(-1, table.indexOrAdd(1L << 48), "not 48 bits");
        assertEquals(2, table.indexOrAdd(0x0200_0000_0003L));
        assertEquals(-1, table.indexOrAdd(0x0200_0000_0004L), "full");
        assertEquals(0x0200_0000_0002L, table.address(1));
        assertEquals(-1L, table.address(3));
        assertEquals(-1, table.index(0x0200_0000_0004L));
        assertEquals(PeerTable.UNKNOWN_INDEX, table.reverseIndex(2));
        table.reverseIndex(2, 17);
        table.reverseIndex(2, PeerTable.UNKNOWN_INDEX);
        assertEquals(17, table.reverseIndex(2), "0xFFFF never overwrites a learnt index");
        final PeerTable big = new PeerTable(65535);
        for (int i = 0; i < 65535; i++)
        {
            assertEquals(i, big.indexOrAdd(0x0200_0000_0000L + i * 0x1_0001L));
        }
        for (int i = 0; i < 65535; i++)
        {
            assertEquals(i, big.index(big.address(i)));
        }
    }

    @Test
    void shouldCutMessagesIntoAlignedFrames()
    {
        assertEquals(3, PullGeometry.frameCount(20_000, 0, 8968));
        assertEquals(1, PullGeometry.frameCount(1, 0, 8968));
        assertEquals(2, PullGeometry.frameCount(8968, 1, 8968), "an offset start shortens the first frame");
        assertEquals(0, PullGeometry.frameStart(0, 100, 8968));
        assertEquals(8868, PullGeometry.frameStart(1, 100, 8968));
        assertEquals(8868, PullGeometry.frameEnd(0, 20_000, 100, 8968));
        assertEquals(20_000, PullGeometry.frameEnd(2, 20_000, 100, 8968));
    }

    @Test
    void shouldReadAndWriteAcrossSegments()
    {
        final ByteBuffer[] segments = {
            ByteBuffer.allocate(3), ByteBuffer.allocate(0), ByteBuffer.allocateDirect(5), ByteBuffer.allocate(4),
        };
        final Region region = Region.of(segments, segments.length);
        assertEquals(12, region.length());
        final ByteBuffer source = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        region.write(0, source, 1, 12);
        final ByteBuffer out = ByteBuffer.allocate(7);
        region.read(2, out, 0, 7);
        assertArrayEquals(new byte[] {3, 4, 5, 6, 7, 8, 9}, out.array());
        assertEquals(6, segments[2].get(2), "region bytes 3..7 live in the third segment");
        final ByteBuffer window = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4, 5}).position(2).limit(5);
        final Region single = Region.of(window);
        assertEquals(3, single.length());
        final ByteBuffer first = ByteBuffer.allocate(1);
        single.read(0, first, 0, 1);
        assertEquals(2, first.get(0), "a region starts at the buffer's position");
        final ByteBuffer[] many = new ByteBuffer[2048];
        java.util.Arrays.fill(many, ByteBuffer.allocate(1 << 20));
        assertNull(Region.of(many, 2048), "2 GiB is one byte too long");
        assertEquals(2047L << 20, Region.of(many, 2047).length());
    }

    @Test
    void shouldHandOverEventsInOrderBetweenThreads() throws InterruptedException
    {
        final EventQueue queue = new EventQueue(16, 128);
        final int total = 200_000;
        final Thread producer = new Thread(() ->
        {
            final DriverEvent event = new DriverEvent();
            final ByteBuffer payload = ByteBuffer.allocate(8);
            for (int i = 0; i < total; i++)
            {
                event.reset(EventType.RECV_TINY).seqnum(i & 0xFFFF).messageLength(i);
                payload.putInt(0, i).putInt(4, ~i);
                while (!queue.offerUnexpected(event, payload, 0, 8))
                {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        final int[] next = {0};
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (next[0] < total && System.nanoTime() < deadline)
        {
            queue.poll(event ->
            {
                assertEquals(next[0], event.messageLength());
                assertEquals(next[0], event.payload().getInt(0));
                assertEquals(~next[0], event.payload().getInt(4));
                next[0]++;
            }, 64);
        }
        producer.join(5_000);
        assertEquals(total, next[0]);
        assertFalse(queue.hasEvents());
    }

    /**
     * While its consumer runs the duty cycle, an unexpected event offered on the consumer's thread reaches the handler
     * at once with a view of the frame (restored afterwards); behind queued events, or on another thread, it is
     * queued; a handler's exception comes back to the consumer.
     */
    @Test
    void shouldDeliverDirectlyOnlyOnTheConsumersThreadAndInOrder() throws Exception
    {
        final EventQueue queue = new EventQueue(16, 128);
        final List<Integer> seen = new ArrayList<>();
        final DriverEventHandler handler = event -> seen.add(event.payload().getInt(event.payload().position()));
        final ByteBuffer frame = ByteBuffer.allocate(32).putInt(20, 7);
        final DriverEvent event = new DriverEvent().reset(EventType.RECV_SMALL);

        queue.deliverDirectly(handler, 4);
        assertTrue(queue.offerUnexpected(event, frame, 20, 4));
        final Thread other = new Thread(() -> queue.offerUnexpected(event, frame.duplicate().putInt(20, 8), 20, 4));
        other.start();
        other.join();
        assertTrue(queue.offerUnexpected(event, frame.duplicate().putInt(20, 9), 20, 4), "queued behind 8");
        assertEquals(1, queue.stopDirect());

        assertEquals(List.of(7), seen, "7 went straight to the handler");
        assertEquals(0, frame.position());
        assertEquals(32, frame.limit(), "the frame's bounds are restored");
        assertEquals(2, queue.poll(handler, 10));
        assertEquals(List.of(7, 8, 9), seen);

        queue.deliverDirectly(e ->
        {
            throw new IllegalStateException("handler failed");
        }, 4);
        assertTrue(queue.offerUnexpected(event, frame, 20, 4));
        assertThrows(IllegalStateException.class, queue::stopDirect);
    }

    @Test
    void shouldReserveExpectedSlots()
    {
        final EventQueue queue = new EventQueue(16, 128);
        for (int i = 0; i < 16; i++)
        {
            assertTrue(queue.reserveExpected());
        }
        assertFalse(queue.reserveExpected());
        queue.releaseExpected();
        assertTrue(queue.reserveExpected());
        final DriverEvent done = new DriverEvent().reset(EventType.PULL_DONE).cookie(5);
        queue.postExpected(done);
        final EventRecorder recorder = new EventRecorder();
        final DriverEvent tiny = new DriverEvent().reset(EventType.RECV_TINY);
        assertTrue(queue.offerUnexpected(tiny, ByteBuffer.allocate(1), 0, 1));
        assertEquals(2, queue.poll(recorder, 10));
        assertSame(EventType.PULL_DONE, recorder.events.get(0).type(), "expected events first");
        assertEquals(5, recorder.events.get(0).cookie());
        assertTrue(queue.reserveExpected(), "a polled slot is free again");
    }

    @Test
    void shouldKeepCodesAndIdsStable()
    {
        final Set<Integer> ids = new HashSet<>();
        for (final DriverCounter counter : DriverCounter.values())
        {
            assertTrue(ids.add(counter.id()));
            assertSame(counter, DriverCounter.fromId(counter.id()));
            assertFalse(counter.label().isEmpty());
        }
        assertEquals(0, DriverCounter.FRAMES_SENT.id());
        assertEquals(50, DriverCounter.DROP_TOO_SHORT.id());
        assertEquals(83, DriverCounter.PULL_TIMEOUT_RETRANSMITS.id());
        for (final EventType type : EventType.values())
        {
            assertSame(type, EventType.fromCode(type.code()));
        }
        assertEquals(0x13, EventType.RECV_TINY.code());
        assertEquals(0x21, EventType.PULL_DONE.code());
        assertTrue(EventType.PULL_DONE.expected());
        assertFalse(EventType.RECV_NACK_LIB.expected());
        for (final DriverStatus status : DriverStatus.values())
        {
            assertSame(status, DriverStatus.fromCode(status.code()));
        }
        assertNull(DriverStatus.fromCode(99));
        assertEquals("BAD_RDMAWIN", NackType.name(NackType.BAD_RDMAWIN));
        assertEquals("TIMEOUT", PullStatus.name(PullStatus.TIMEOUT));
    }
}
