package xen2mx.btl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link Btl}, run against every module (Netty's transport test suite pattern). A subclass opens
 * connected worlds of its module; tests run with one rank where that makes sense (the sender is then rank 0 itself)
 * and are skipped when they need more ranks than {@link #maxWorldSize()}.
 *
 * <p>Convention in every test: rank 0 receives, {@code sender} (rank 1 when the world has two ranks, else 0) sends.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class BtlConformanceTest
{
    protected static final long TAG_MASK = 0xFFFFL;
    protected static final long ALL = -1L;

    /**
     * Opens {@code size} ranks of the module under test, each with its own matching engine, connected to each other.
     *
     * @param size at most {@link #maxWorldSize()}.
     */
    protected abstract BtlWorld openWorld(int size);

    /** @return the largest world the module supports in one JVM; 1 for {@code self}. */
    protected int maxWorldSize()
    {
        return 4;
    }

    private BtlWorld pair()
    {
        return openWorld(Math.min(2, maxWorldSize()));
    }

    private static int sender(final BtlWorld world)
    {
        return world.size() > 1 ? 1 : 0;
    }

    protected static ByteBuffer pattern(final int length, final int seed, final boolean direct)
    {
        final ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++)
        {
            buffer.put(i, (byte)(i * 31 + seed));
        }
        return buffer;
    }

    protected static void assertPattern(final ByteBuffer buffer, final int offset, final int length, final int seed)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.get(offset + i) != (byte)(i * 31 + seed))
            {
                throw new AssertionError("byte " + i + " of " + length + " differs: " + buffer.get(offset + i) +
                    " != " + (byte)(i * 31 + seed));
            }
        }
    }

    private static void assertReceived(final BtlRequest receive, final int source, final long info, final int length)
    {
        final BtlStatus status = receive.status();
        assertEquals(BtlStatus.SUCCESS, status.code(), () -> "status " + status);
        assertEquals(source, status.source());
        assertEquals(info, status.matchInfo());
        assertEquals(length, status.messageLength());
        assertEquals(length, status.transferLength());
    }

    @Test
    void shouldCompleteSmallStandardSendToSelfWithoutReceive()
    {
        try (BtlWorld world = openWorld(1))
        {
            final Btl btl = world.rank(0);
            final ByteBuffer payload = pattern(100, 1, false);
            final BtlRequest send = btl.isend(0, 7, payload, false);
            world.await(send);
            assertEquals(BtlStatus.SUCCESS, send.status().code());
            payload.clear();
            payload.put(0, (byte)-1);
            final ByteBuffer into = ByteBuffer.allocate(100);
            final BtlRequest receive = btl.irecv(7, ALL, into);
            world.await(receive);
            assertReceived(receive, 0, 7, 100);
            assertPattern(into, 0, 100, 1);
        }
    }

    @Test
    void shouldMatchMessagesOfOneSenderInSendOrder()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final List<BtlRequest> sends = new ArrayList<>();
            for (int i = 0; i < 50; i++)
            {
                sends.add(world.rank(sender).isend(0, 42, pattern(16, i, false), false));
            }
            world.await(sends);
            for (int i = 0; i < 50; i++)
            {
                final ByteBuffer into = ByteBuffer.allocate(16);
                final BtlRequest receive = world.rank(0).irecv(42, ALL, into);
                world.await(receive);
                assertReceived(receive, sender, 42, 16);
                assertPattern(into, 0, 16, i);
            }
        }
    }

    @Test
    void shouldKeepOrderAcrossEagerAndRendezvousMessages()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int big = world.rank(sender).limits().eagerLimit() * 2 + 17;
            final int[] sizes = {big, 10, big, 0, 10, big};
            final List<BtlRequest> receives = new ArrayList<>();
            final List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++)
            {
                final ByteBuffer into = ByteBuffer.allocate(big);
                buffers.add(into);
                if (i < sizes.length / 2)
                {
                    receives.add(world.rank(0).irecv(5, ALL, into));
                }
            }
            final List<BtlRequest> sends = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++)
            {
                sends.add(world.rank(sender).isend(0, 5, pattern(sizes[i], i, i % 2 == 0), false));
            }
            for (int i = sizes.length / 2; i < sizes.length; i++)
            {
                receives.add(world.rank(0).irecv(5, ALL, buffers.get(i)));
            }
            world.await(sends);
            world.await(receives);
            for (int i = 0; i < sizes.length; i++)
            {
                assertReceived(receives.get(i), sender, 5, sizes[i]);
                assertPattern(buffers.get(i), 0, sizes[i], i);
            }
        }
    }

    @Test
    void shouldMatchReceivesInPostingOrderWithWildcards()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final ByteBuffer first = ByteBuffer.allocate(8);
            final ByteBuffer second = ByteBuffer.allocate(8);
            final ByteBuffer third = ByteBuffer.allocate(8);
            final BtlRequest any = world.rank(0).irecv(0, 0, first);
            final BtlRequest exact = world.rank(0).irecv(0x1234_0000_0000_0003L, ALL, second);
            final BtlRequest anyTag = world.rank(0).irecv(0x1234_0000_0000_0000L, ~TAG_MASK, third);
            world.await(world.rank(sender).isend(0, 0x1234_0000_0000_0003L, pattern(8, 1, false), false));
            world.await(any);
            assertFalse(exact.isComplete());
            world.await(world.rank(sender).isend(0, 0x1234_0000_0000_0009L, pattern(8, 2, false), false));
            world.await(anyTag);
            assertEquals(0x1234_0000_0000_0009L, anyTag.status().matchInfo());
            assertFalse(exact.isComplete());
            world.await(world.rank(sender).isend(0, 0x1234_0000_0000_0003L, pattern(8, 3, false), false));
            world.await(exact);
            assertPattern(first, 0, 8, 1);
            assertPattern(third, 0, 8, 2);
            assertPattern(second, 0, 8, 3);
        }
    }

    @Test
    void shouldMatchUnexpectedMessagesInArrivalOrderUnderMask()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final long[] infos = {0xA_0001L, 0xB_0002L, 0xA_0003L, 0xB_0004L};
            final List<BtlRequest> sends = new ArrayList<>();
            for (int i = 0; i < infos.length; i++)
            {
                sends.add(world.rank(sender).isend(0, infos[i], pattern(4, i, false), false));
            }
            world.await(sends);
            assertNotNull(world.probe(0, 0xB_0004L, ALL));
            final long highMask = ~TAG_MASK;
            final long[] expected = {0xB_0002L, 0xB_0004L, 0xA_0001L, 0xA_0003L};
            final long[] recvInfos = {0xB_0000L, 0xB_FFFFL, 0xA_0000L, 0};
            final long[] masks = {highMask, highMask, highMask, 0};
            for (int i = 0; i < expected.length; i++)
            {
                final BtlRequest receive = world.rank(0).irecv(recvInfos[i], masks[i], ByteBuffer.allocate(4));
                world.await(receive);
                assertEquals(expected[i], receive.status().matchInfo());
            }
        }
    }

    @Test
    void shouldDeliverZeroLengthMessages()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final BtlRequest send = world.rank(sender).isend(0, 1, ByteBuffer.allocate(0), false);
            final BtlRequest sync = world.rank(sender).isend(0, 2, ByteBuffer.allocate(0), true);
            final BtlRequest r1 = world.rank(0).irecv(1, ALL, ByteBuffer.allocate(0));
            final BtlRequest r2 = world.rank(0).irecv(2, ALL, ByteBuffer.allocate(16));
            world.await(send, sync, r1, r2);
            assertReceived(r1, sender, 1, 0);
            assertReceived(r2, sender, 2, 0);
            assertEquals(BtlStatus.SUCCESS, sync.status().code());
        }
    }

    @Test
    void shouldTruncateEagerAndRendezvousMessages()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int eager = world.rank(sender).limits().eagerLimit();
            for (final int length : new int[] {Math.max(2, eager / 2), eager * 3 + 5})
            {
                final int capacity = length / 2 + 1;
                final ByteBuffer into = ByteBuffer.allocate(capacity + 10);
                into.position(5).limit(5 + capacity);
                final BtlRequest receive = world.rank(0).irecv(9, ALL, into);
                final BtlRequest send = world.rank(sender).isend(0, 9, pattern(length, 4, false), false);
                world.await(send, receive);
                final BtlStatus status = receive.status();
                assertEquals(BtlStatus.TRUNCATED, status.code(), () -> "length " + length + ": " + status);
                assertTrue(status.isTruncated());
                assertEquals(length, status.messageLength());
                assertEquals(capacity, status.transferLength());
                assertEquals(5, into.position());
                assertEquals(5 + capacity, into.limit());
                assertPattern(into, 5, capacity, 4);
                assertEquals(0, into.duplicate().clear().get(5 + capacity), "byte after the receive window");
                assertEquals(BtlStatus.SUCCESS, send.status().code());
            }
        }
    }

    @Test
    void shouldCompleteSynchronousSendOnlyOnceMatched()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int eager = world.rank(sender).limits().eagerLimit();
            for (final int length : new int[] {8, eager + 1})
            {
                final BtlRequest send = world.rank(sender).isend(0, 77, pattern(length, 6, false), true);
                world.progressFor(50);
                assertFalse(send.isComplete(), "synchronous send of " + length + " bytes completed unmatched");
                final ByteBuffer into = ByteBuffer.allocate(length);
                final BtlRequest receive = world.rank(0).irecv(77, ALL, into);
                world.await(receive, send);
                assertReceived(receive, sender, 77, length);
                assertEquals(BtlStatus.SUCCESS, send.status().code());
                assertPattern(into, 0, length, 6);
            }
        }
    }

    @Test
    void shouldCarryMessagesAroundTheEagerLimit()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int eager = world.rank(sender).limits().eagerLimit();
            int seed = 0;
            for (final int length : new int[] {0, 1, eager - 1, eager, eager + 1, 2 * eager, 3 * eager + 3})
            {
                for (final boolean direct : new boolean[] {false, true})
                {
                    for (final boolean postFirst : new boolean[] {false, true})
                    {
                        seed++;
                        final ByteBuffer into = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                        BtlRequest receive = postFirst ? world.rank(0).irecv(seed, ALL, into) : null;
                        final BtlRequest send = world.rank(sender).isend(0, seed, pattern(length, seed, direct), false);
                        if (!postFirst)
                        {
                            world.progressFor(1);
                            receive = world.rank(0).irecv(seed, ALL, into);
                        }
                        world.await(send, receive);
                        assertReceived(receive, sender, seed, length);
                        assertPattern(into, 0, length, seed);
                    }
                }
            }
        }
    }

    @Test
    void shouldCarrySixteenMebibytes()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int length = 16 * 1024 * 1024;
            for (final boolean direct : new boolean[] {false, true})
            {
                final ByteBuffer into = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
                final BtlRequest receive = world.rank(0).irecv(3, ALL, into);
                final BtlRequest send = world.rank(sender).isend(0, 3, pattern(length, 11, direct), false);
                world.await(send, receive);
                assertReceived(receive, sender, 3, length);
                assertPattern(into, 0, length, 11);
            }
        }
    }

    @Test
    void shouldProbeWithoutReceiving()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            assertNull(world.rank(0).iprobe(0, 0));
            final int big = world.rank(sender).limits().eagerLimit() + 100;
            world.await(world.rank(sender).isend(0, 0x55, pattern(12, 1, false), false));
            final BtlRequest bigSend = world.rank(sender).isend(0, 0x66, pattern(big, 2, false), false);
            final BtlStatus small = world.probe(0, 0x55, ALL);
            assertNotNull(small);
            assertEquals(sender, small.source());
            assertEquals(12, small.messageLength());
            final BtlStatus large = world.probe(0, 0x66, ALL);
            assertNotNull(large);
            assertEquals(big, large.messageLength());
            assertEquals(0x55, world.rank(0).iprobe(0, 0).matchInfo());
            final ByteBuffer into = ByteBuffer.allocate(big);
            final BtlRequest r1 = world.rank(0).irecv(0x55, ALL, into);
            world.await(r1);
            assertNull(world.rank(0).iprobe(0x55, ALL));
            final BtlRequest r2 = world.rank(0).irecv(0x66, ALL, into);
            world.await(r2, bigSend);
            assertReceived(r2, sender, 0x66, big);
            assertPattern(into, 0, big, 2);
            assertNull(world.rank(0).iprobe(0, 0));
        }
    }

    @Test
    void shouldCancelOnlyUnmatchedReceives()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final BtlRequest receive = world.rank(0).irecv(1, ALL, ByteBuffer.allocate(4));
            assertTrue(world.rank(0).cancel(receive));
            assertTrue(receive.isComplete());
            assertTrue(receive.status().isCancelled());
            assertFalse(world.rank(0).cancel(receive));
            final BtlRequest matched = world.rank(0).irecv(2, ALL, ByteBuffer.allocate(4));
            world.await(world.rank(sender).isend(0, 2, pattern(4, 0, false), false), matched);
            assertFalse(world.rank(0).cancel(matched));
            assertEquals(BtlStatus.SUCCESS, matched.status().code());
            world.await(world.rank(sender).isend(0, 1, pattern(4, 9, false), false));
            final ByteBuffer into = ByteBuffer.allocate(4);
            final BtlRequest after = world.rank(0).irecv(1, ALL, into);
            world.await(after);
            assertPattern(into, 0, 4, 9);
        }
    }

    @Test
    void shouldCompleteManyOutstandingRequests()
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int eager = world.rank(sender).limits().eagerLimit();
            final int count = 300;
            final List<BtlRequest> requests = new ArrayList<>();
            final List<ByteBuffer> buffers = new ArrayList<>();
            final int[] sizes = new int[count];
            for (int i = 0; i < count; i++)
            {
                sizes[i] = i % 10 == 0 ? eager + i : i * 7;
                final ByteBuffer into = ByteBuffer.allocate(sizes[i]);
                buffers.add(into);
                if (i % 2 == 0)
                {
                    requests.add(world.rank(0).irecv(i, ALL, into));
                }
                requests.add(world.rank(sender).isend(0, i, pattern(sizes[i], i, false), i % 3 == 0));
            }
            for (int i = 1; i < count; i += 2)
            {
                requests.add(world.rank(0).irecv(i, ALL, buffers.get(i)));
            }
            world.await(requests);
            for (final BtlRequest request : requests)
            {
                assertEquals(BtlStatus.SUCCESS, request.status().code(), () -> String.valueOf(request.status()));
            }
            for (int i = 0; i < count; i++)
            {
                assertPattern(buffers.get(i), 0, sizes[i], i);
            }
        }
    }

    @Test
    void shouldSendAndReceiveFromSeveralThreads() throws Exception
    {
        try (BtlWorld world = pair())
        {
            final int sender = sender(world);
            final int eager = world.rank(sender).limits().eagerLimit();
            final int threads = 4;
            final int perThread = 100;
            final CountDownLatch start = new CountDownLatch(1);
            final AtomicReference<Throwable> error = new AtomicReference<>();
            final List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int tag = t;
                workers.add(new Thread(() -> runSender(world, sender, tag, perThread, eager, start, error)));
                workers.add(new Thread(() -> runReceiver(world, sender, tag, perThread, eager, start, error)));
            }
            workers.forEach(Thread::start);
            start.countDown();
            for (final Thread worker : workers)
            {
                worker.join(TimeUnit.SECONDS.toMillis(25));
                assertFalse(worker.isAlive(), "worker still running");
            }
            if (error.get() != null)
            {
                throw new AssertionError(error.get());
            }
        }
    }

    private static int threadedLength(final int i, final int eager)
    {
        return i % 25 == 0 ? eager + 1000 : (i * 13) % 2000;
    }

    private static void runSender(final BtlWorld world, final int sender, final int tag, final int count,
        final int eager, final CountDownLatch start, final AtomicReference<Throwable> error)
    {
        try
        {
            start.await();
            for (int i = 0; i < count; i++)
            {
                final BtlRequest send = world.rank(sender).isend(0, ((long)tag << 32) | i,
                    pattern(threadedLength(i, eager), tag * 1000 + i, false), i % 7 == 0);
                awaitConcurrently(world, send);
            }
        }
        catch (final Throwable e)
        {
            error.compareAndSet(null, e);
        }
    }

    private static void runReceiver(final BtlWorld world, final int sender, final int tag, final int count,
        final int eager, final CountDownLatch start, final AtomicReference<Throwable> error)
    {
        try
        {
            start.await();
            for (int i = 0; i < count; i++)
            {
                final int length = threadedLength(i, eager);
                final ByteBuffer into = ByteBuffer.allocate(length);
                final BtlRequest receive = world.rank(0).irecv((long)tag << 32, 0xFFFF_FFFF_0000_0000L, into);
                awaitConcurrently(world, receive);
                assertEquals(((long)tag << 32) | i, receive.status().matchInfo(), "tag " + tag + " message " + i);
                assertReceived(receive, sender, ((long)tag << 32) | i, length);
                assertPattern(into, 0, length, tag * 1000 + i);
            }
        }
        catch (final Throwable e)
        {
            error.compareAndSet(null, e);
        }
    }

    private static void awaitConcurrently(final BtlWorld world, final BtlRequest request)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!request.isComplete())
        {
            if (world.progressAll() == 0)
            {
                Thread.yield();
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("request not complete after 20 s");
            }
        }
    }

    @Test
    void shouldMatchWildcardReceiveFromEverySender()
    {
        assumeTrue(maxWorldSize() >= 3, "needs three ranks");
        try (BtlWorld world = openWorld(3))
        {
            final List<BtlRequest> sends = new ArrayList<>();
            for (int source = 0; source < 3; source++)
            {
                sends.add(world.rank(source).isend(0, 0x700 + source, pattern(10, source, false), false));
            }
            boolean[] seen = new boolean[3];
            for (int i = 0; i < 3; i++)
            {
                final ByteBuffer into = ByteBuffer.allocate(10);
                final BtlRequest receive = world.rank(0).irecv(0x700, ~0xFL, into);
                world.await(receive);
                final int source = receive.status().source();
                assertEquals(0x700 + source, receive.status().matchInfo());
                assertPattern(into, 0, 10, source);
                assertFalse(seen[source]);
                seen[source] = true;
            }
            world.await(sends);
        }
    }

    @Test
    void shouldDeliverCompletedSendsOfAModuleClosedRightAfter()
    {
        assumeTrue(maxWorldSize() >= 2, "needs two ranks");
        try (BtlWorld world = openWorld(2))
        {
            world.await(world.rank(0).isend(1, 1, pattern(4, 0, false), false),
                world.rank(1).irecv(1, ALL, ByteBuffer.allocate(4)));
            final BtlRequest[] sends = new BtlRequest[16];
            for (int i = 0; i < sends.length; i++)
            {
                sends[i] = world.rank(0).isend(1, 100 + i, pattern(64 + i, i, false), false);
            }
            world.await(sends);
            world.rank(0).close();
            for (int i = 0; i < sends.length; i++)
            {
                final ByteBuffer into = ByteBuffer.allocate(64 + i);
                final BtlRequest receive = world.rank(1).irecv(100 + i, ALL, into);
                world.await(receive);
                assertEquals(BtlStatus.SUCCESS, receive.status().code(), "send " + i + " lost at close");
                assertPattern(into, 0, 64 + i, i);
            }
        }
    }

    @Test
    void shouldFailRequestsWhenPeerCloses()
    {
        assumeTrue(maxWorldSize() >= 2, "needs two ranks");
        try (BtlWorld world = openWorld(2))
        {
            final int eager = world.rank(0).limits().eagerLimit();
            world.await(world.rank(1).isend(0, 1, pattern(4, 0, false), false),
                world.rank(0).irecv(1, ALL, ByteBuffer.allocate(4)));
            final BtlRequest sync = world.rank(0).isend(1, 2, pattern(8, 0, false), true);
            final BtlRequest large = world.rank(0).isend(1, 3, pattern(eager * 4 + 1, 0, false), false);
            world.progressFor(20);
            assertFalse(sync.isComplete());
            world.rank(1).close();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((!sync.isComplete() || !large.isComplete()) && System.nanoTime() < deadline)
            {
                world.rank(0).progress();
            }
            for (final BtlRequest request : List.of(sync, large))
            {
                assertTrue(request.isComplete(), "request to closed peer never completed");
                assertEquals(BtlStatus.FAILED, request.status().code());
                assertTrue(request.status().errorMessage().contains("rank 1"), request.status().errorMessage());
            }
            final BtlRequest later = world.rank(0).isend(1, 4, pattern(8, 0, false), false);
            world.rank(0).progress();
            assertTrue(later.isComplete());
            assertEquals(BtlStatus.FAILED, later.status().code());
        }
    }
}
