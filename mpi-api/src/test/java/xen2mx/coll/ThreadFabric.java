package xen2mx.coll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * N in-process ranks, one thread each, connected by a {@link CollTransport} with MPI's matching rules: the k-th
 * receive posted from a (source, tag) matches the k-th message sent to it. Sends are synchronous (complete once a
 * receive is posted for them), the strictest behaviour MPI allows, so an algorithm that only works with buffered
 * sends deadlocks here, and every wait gives up after {@link #TIMEOUT_MS} ms.
 */
final class ThreadFabric
{
    static final long TIMEOUT_MS = 20_000;

    private final int size;
    private final Map<List<Integer>, Channel> channels = new ConcurrentHashMap<>();

    private ThreadFabric(final int size)
    {
        this.size = size;
    }

    /** Runs {@code body} on {@code size} threads, one per rank, and rethrows the first failure. */
    static void run(final int size, final Consumer<CollTransport> body)
    {
        final ThreadFabric fabric = new ThreadFabric(size);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < size; r++)
        {
            final CollTransport t = fabric.endpoint(r);
            final Thread thread = new Thread(() ->
            {
                try
                {
                    body.accept(t);
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
            }, "rank-" + r);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS * 2);
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (thread.isAlive() && failure.get() == null)
            {
                throw new AssertionError(thread.getName() + " of " + size + " did not finish");
            }
        }
        if (failure.get() != null)
        {
            throw new AssertionError("a rank of " + size + " failed: " + failure.get(), failure.get());
        }
    }

    private Channel channel(final int source, final int dest, final int tag)
    {
        return channels.computeIfAbsent(List.of(source, dest, tag), k -> new Channel());
    }

    private CollTransport endpoint(final int rank)
    {
        return new CollTransport()
        {
            @Override
            public int rank()
            {
                return rank;
            }

            @Override
            public int size()
            {
                return size;
            }

            @Override
            public Pending send(final int dest, final int tag, final Object array, final int offset,
                final int count)
            {
                checkPeer(dest);
                final Object copy = ElementArrays.copyOf(array, offset, count);
                final Channel channel = channel(rank, dest, tag);
                final int index = channel.deposit(copy);
                return () -> channel.awaitMatched(index);
            }

            @Override
            public Pending recv(final int source, final int tag, final Object array, final int offset,
                final int count)
            {
                checkPeer(source);
                if (count > 0 && offset + count > java.lang.reflect.Array.getLength(array))
                {
                    throw new IllegalArgumentException("receive of " + count + " at " + offset + " overflows");
                }
                final Channel channel = channel(source, rank, tag);
                final int index = channel.post();
                return () ->
                {
                    final Object message = channel.take(index);
                    final int length = java.lang.reflect.Array.getLength(message);
                    if (length > count)
                    {
                        throw new IllegalStateException("rank " + rank + ": message of " + length + " from "
                            + source + " tag " + tag + " truncated to " + count);
                    }
                    ElementArrays.copy(message, 0, array, offset, length);
                };
            }

            private void checkPeer(final int peer)
            {
                if (peer < 0 || peer >= size)
                {
                    throw new IllegalArgumentException("rank " + peer + " out of 0.." + (size - 1));
                }
            }
        };
    }

    /** Messages of one (source, dest, tag) in sending order, and the number of receives posted for them. */
    private static final class Channel
    {
        private final List<Object> messages = new ArrayList<>();
        private int posted;

        synchronized int deposit(final Object message)
        {
            messages.add(message);
            notifyAll();
            return messages.size() - 1;
        }

        synchronized int post()
        {
            notifyAll();
            return posted++;
        }

        synchronized void awaitMatched(final int index)
        {
            waitUntil(() -> posted > index, "send #" + index + " never matched");
        }

        synchronized Object take(final int index)
        {
            waitUntil(() -> messages.size() > index, "receive #" + index + " never got a message");
            return messages.get(index);
        }

        private void waitUntil(final java.util.function.BooleanSupplier condition, final String what)
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
            while (!condition.getAsBoolean())
            {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0)
                {
                    throw new IllegalStateException(what + " within " + TIMEOUT_MS + " ms");
                }
                try
                {
                    wait(left);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }
}
