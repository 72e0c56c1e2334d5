package xen2mx.btl.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.BtlStatus;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MatchEngineTest
{
    private final MatchEngine engine = new MatchEngine();

    private static ByteBuffer bytes(final int... values)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int i = 0; i < values.length; i++)
        {
            buffer.put(i, (byte)values[i]);
        }
        return buffer;
    }

    private void eager(final int source, final long info, final int... values)
    {
        engine.deliverEager(source, info, bytes(values), 0, values.length, null, 0);
    }

    @Test
    void shouldMatchPostedReceiveWhenMessageArrives()
    {
        final ByteBuffer into = ByteBuffer.allocate(3);
        final RecvRequest receive = engine.postReceive(5, -1L, into);
        assertFalse(receive.isComplete());
        assertEquals(1, engine.postedCount());
        eager(2, 5, 1, 2, 3);
        assertTrue(receive.isComplete());
        assertEquals(new BtlStatus(BtlStatus.SUCCESS, 2, 5, 3, 3, null), receive.status());
        assertEquals(bytes(1, 2, 3), into);
        assertEquals(0, engine.postedCount());
    }

    @Test
    void shouldBufferUnexpectedMessageUntilReceivePosted()
    {
        final ByteBuffer source = bytes(9, 8);
        engine.deliverEager(1, 7, source, 0, 2, null, 0);
        source.put(0, (byte)0);
        assertEquals(1, engine.unexpectedCount());
        final ByteBuffer into = ByteBuffer.allocate(4);
        final RecvRequest receive = engine.postReceive(7, -1L, into);
        assertTrue(receive.isComplete());
        assertEquals(2, receive.status().transferLength());
        assertEquals(9, into.get(0));
        assertEquals(8, into.get(1));
        assertEquals(0, engine.unexpectedCount());
    }

    @Test
    void shouldMatchReceivesInPostingOrderAcrossMaskClasses()
    {
        final RecvRequest anyTag = engine.postReceive(0x10_0000L, ~0xFFFFL, ByteBuffer.allocate(1));
        final RecvRequest exact = engine.postReceive(0x10_0005L, -1L, ByteBuffer.allocate(1));
        final RecvRequest any = engine.postReceive(0, 0, ByteBuffer.allocate(1));
        final RecvRequest exactLater = engine.postReceive(0x10_0005L, -1L, ByteBuffer.allocate(1));
        eager(0, 0x10_0005L, 1);
        assertTrue(anyTag.isComplete());
        assertFalse(exact.isComplete());
        eager(0, 0x10_0005L, 2);
        assertTrue(exact.isComplete());
        eager(0, 0x99_0005L, 3);
        assertTrue(any.isComplete());
        assertFalse(exactLater.isComplete());
        eager(0, 0x10_0005L, 4);
        assertTrue(exactLater.isComplete());
        assertEquals(4, exactLater.buffer().get(0));
    }

    @Test
    void shouldHonourWildcardOnEveryBit()
    {
        for (int bit = 0; bit < 64; bit++)
        {
            final long messageInfo = 0x0123_4567_89AB_CDEFL;
            final long flipped = messageInfo ^ (1L << bit);
            final RecvRequest strict = engine.postReceive(flipped, -1L, ByteBuffer.allocate(1));
            final RecvRequest wild = engine.postReceive(flipped, ~(1L << bit), ByteBuffer.allocate(1));
            eager(0, messageInfo, bit);
            assertTrue(wild.isComplete(), "bit " + bit);
            assertEquals(messageInfo, wild.status().matchInfo());
            assertFalse(strict.isComplete(), "bit " + bit);
            assertTrue(engine.cancel(strict));
        }
        assertEquals(0, engine.postedCount());
    }

    @Test
    void shouldHonourWildcardOnEverySixteenBitFieldAgainstUnexpectedMessages()
    {
        for (int field = 0; field < 4; field++)
        {
            final long fieldMask = 0xFFFFL << (16 * field);
            final long info = 0x1111_2222_3333_4444L;
            eager(0, info ^ (0x5A5AL << (16 * field)), field);
            assertNull(engine.probe(info, -1L));
            final BtlStatus probe = engine.probe(info, ~fieldMask);
            assertNotNull(probe, "field " + field);
            final RecvRequest receive = engine.postReceive(info, ~fieldMask, ByteBuffer.allocate(1));
            assertTrue(receive.isComplete());
            assertEquals(field, receive.buffer().get(0));
            assertEquals(probe.matchInfo(), receive.status().matchInfo());
        }
    }

    @Test
    void shouldMatchUnexpectedInArrivalOrder()
    {
        eager(3, 0xA1, 1);
        eager(4, 0xB1, 2);
        eager(3, 0xA1, 3);
        eager(4, 0xA2, 4);
        final int[] expected = {1, 2, 3, 4};
        for (final int value : expected)
        {
            final RecvRequest receive = engine.postReceive(0, 0, ByteBuffer.allocate(1));
            assertEquals(value, receive.buffer().get(0));
        }
        eager(3, 0xA1, 5);
        eager(4, 0xB1, 6);
        eager(3, 0xA1, 7);
        assertEquals(5, engine.postReceive(0xA1, -1L, ByteBuffer.allocate(1)).buffer().get(0));
        assertEquals(6, engine.postReceive(0xB1, -1L, ByteBuffer.allocate(1)).buffer().get(0));
        assertEquals(7, engine.postReceive(0xA1, -1L, ByteBuffer.allocate(1)).buffer().get(0));
    }

    @Test
    void shouldTruncateIntoReceiveWindowOnly()
    {
        final ByteBuffer into = ByteBuffer.allocate(6);
        into.position(2).limit(4);
        final RecvRequest receive = engine.postReceive(1, -1L, into);
        eager(0, 1, 10, 11, 12, 13, 14);
        final BtlStatus status = receive.status();
        assertEquals(BtlStatus.TRUNCATED, status.code());
        assertEquals(5, status.messageLength());
        assertEquals(2, status.transferLength());
        assertEquals(bytes(0, 0, 10, 11, 0, 0), into.clear());
    }

    @Test
    void shouldCancelOnlyPostedReceivesOfThisEngine()
    {
        final RecvRequest receive = engine.postReceive(1, -1L, ByteBuffer.allocate(1));
        assertFalse(new MatchEngine().cancel(receive));
        assertTrue(engine.cancel(receive));
        assertTrue(receive.status().isCancelled());
        assertFalse(engine.cancel(receive));
        eager(0, 1, 1);
        assertEquals(1, engine.unexpectedCount());
        final RecvRequest matched = engine.postReceive(1, -1L, ByteBuffer.allocate(1));
        assertFalse(engine.cancel(matched));
    }

    @Test
    void shouldProbeWithoutRemoving()
    {
        assertNull(engine.probe(0, 0));
        eager(6, 0x42, 1, 2);
        final BtlStatus status = engine.probe(0x40, ~0xFL);
        assertEquals(6, status.source());
        assertEquals(0x42, status.matchInfo());
        assertEquals(2, status.messageLength());
        assertNotNull(engine.probe(0x42, -1L));
        assertEquals(1, engine.unexpectedCount());
    }

    @Test
    void shouldCallSyncCallbackOnceWhenMatchedLater()
    {
        final List<Long> acks = new ArrayList<>();
        engine.deliverEager(1, 3, bytes(5), 0, 1, (receive, cookie) -> acks.add(cookie), 99);
        assertTrue(acks.isEmpty());
        final RecvRequest receive = engine.postReceive(3, -1L, ByteBuffer.allocate(1));
        assertTrue(receive.isComplete());
        assertEquals(List.of(99L), acks);
        engine.postReceive(3, -1L, ByteBuffer.allocate(1));
        engine.deliverEager(1, 3, bytes(5), 0, 1, (r, cookie) -> acks.add(cookie), 100);
        assertEquals(List.of(99L, 100L), acks);
    }

    @Test
    void shouldHandRendezvousToTransportWithPrefixCopied()
    {
        final ByteBuffer full = bytes(1, 2, 3, 4, 5, 6);
        final MatchCallback pull = (receive, cookie) ->
        {
            assertEquals(6, receive.messageLength());
            assertEquals(1, receive.buffer().get(receive.offset()));
            assertEquals(2, receive.buffer().get(receive.offset() + 1));
            final int rest = receive.transferLength() - 2;
            receive.buffer().put(receive.offset() + 2, full, 2, rest);
            receive.completeReceived();
        };
        engine.deliverRendezvous(4, 8, 6, full, 0, 2, pull, 1);
        assertEquals(6, engine.probe(8, -1L).messageLength());
        final RecvRequest late = engine.postReceive(8, -1L, ByteBuffer.allocate(6));
        assertEquals(bytes(1, 2, 3, 4, 5, 6), late.buffer());
        assertEquals(BtlStatus.SUCCESS, late.status().code());

        final RecvRequest early = engine.postReceive(8, -1L, ByteBuffer.allocate(4));
        engine.deliverRendezvous(4, 8, 6, full, 0, 2, pull, 2);
        assertEquals(BtlStatus.TRUNCATED, early.status().code());
        assertEquals(bytes(1, 2, 3, 4), early.buffer());
        assertThrows(IllegalArgumentException.class, () -> engine.deliverRendezvous(0, 0, 1, full, 0, 2, pull, 0));
    }

    @Test
    void shouldRefuseReadOnlyReceiveBuffer()
    {
        assertThrows(IllegalArgumentException.class,
            () -> engine.postReceive(0, 0, ByteBuffer.allocate(1).asReadOnlyBuffer()));
    }

    @Test
    void shouldMatchEveryMessageExactlyOnceUnderConcurrency() throws Exception
    {
        final int senders = 3;
        final int perSender = 3000;
        final CountDownLatch start = new CountDownLatch(1);
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final ConcurrentLinkedQueue<RecvRequest> cancelled = new ConcurrentLinkedQueue<>();
        final AtomicInteger cancelCount = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++)
        {
            final int source = s;
            threads.add(new Thread(() ->
            {
                try
                {
                    start.await();
                    final ByteBuffer payload = ByteBuffer.allocate(4);
                    for (int i = 0; i < perSender; i++)
                    {
                        payload.putInt(0, i);
                        engine.deliverEager(source, ((long)source << 32) | (i & 7), payload, 0, 4, null, 0);
                    }
                }
                catch (final Throwable e)
                {
                    error.compareAndSet(null, e);
                }
            }));
            threads.add(new Thread(() ->
            {
                try
                {
                    start.await();
                    int expected = 0;
                    for (int i = 0; i < perSender; i++)
                    {
                        if (i % 50 == 0)
                        {
                            final RecvRequest decoy = engine.postReceive(0xDEAD_0000_0000L, -1L, ByteBuffer.allocate(4));
                            if (engine.cancel(decoy))
                            {
                                cancelCount.incrementAndGet();
                            }
                            else
                            {
                                cancelled.add(decoy);
                            }
                        }
                        final long mask = i % 2 == 0 ? 0xFFFF_FFFF_0000_0000L : -1L;
                        final RecvRequest receive = engine.postReceive(((long)source << 32) | (i & 7), mask,
                            ByteBuffer.allocate(4));
                        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (!receive.isComplete())
                        {
                            if (System.nanoTime() > deadline)
                            {
                                throw new AssertionError("receive " + i + " of source " + source + " never matched");
                            }
                            Thread.onSpinWait();
                        }
                        assertEquals(source, receive.status().source());
                        assertEquals(expected++, receive.buffer().getInt(0), "per-sender order, source " + source);
                    }
                }
                catch (final Throwable e)
                {
                    error.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join(25_000);
            assertFalse(thread.isAlive());
        }
        if (error.get() != null)
        {
            throw new AssertionError(error.get());
        }
        assertTrue(cancelled.isEmpty());
        assertEquals(senders * (perSender / 50), cancelCount.get());
        assertEquals(0, engine.postedCount());
        assertEquals(0, engine.unexpectedCount());
    }

    @Test
    void shouldKeepManyDistinctInfosFindable()
    {
        for (int i = 0; i < 5000; i++)
        {
            eager(0, i * 0x1_0001L, i & 0x7F);
        }
        for (int i = 4999; i >= 0; i--)
        {
            final RecvRequest receive = engine.postReceive(i * 0x1_0001L, -1L, ByteBuffer.allocate(1));
            assertTrue(receive.isComplete(), "info " + i);
            assertEquals(i & 0x7F, receive.buffer().get(0));
        }
        final List<RecvRequest> posted = new ArrayList<>();
        for (int i = 0; i < 5000; i++)
        {
            posted.add(engine.postReceive(i * 7L, -1L, ByteBuffer.allocate(1)));
        }
        for (int i = 0; i < 5000; i += 2)
        {
            assertTrue(engine.cancel(posted.get(i)));
        }
        for (int i = 1; i < 5000; i += 2)
        {
            eager(1, i * 7L, 1);
            assertTrue(posted.get(i).isComplete(), "info " + i * 7L);
        }
        assertEquals(0, engine.postedCount());
        assertSame(null, engine.probe(0, 0));
    }
}
