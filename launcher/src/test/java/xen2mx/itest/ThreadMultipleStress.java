package xen2mx.itest;

import java.util.concurrent.atomic.AtomicReference;

import mpi.Intracomm;
import mpi.MPI;
import mpi.Request;
import mpi.Status;

/**
 * THREAD_MULTIPLE under load: ranks 0 and 1 each run {@code threads} threads (default 4); thread t exchanges
 * {@code messages} (default 10,000) messages each way with thread t of the other rank on tag t, half of them
 * blocking Send/Recv in lock-step, half streamed with windows of non-blocking sends and receives (some received
 * with ANY_SOURCE), and checks every payload and the per-tag order. Each thread also sends 1,000 messages to its own
 * rank (the self path) meanwhile. Any loss, reordering or exception fails the rank; a thread that is not done within
 * {@code limitSeconds} (default 120) fails it too, so nothing hangs. Run:
 * {@code mpirun -np 2 ThreadMultipleStress [threads messages limitSeconds]}.
 */
public final class ThreadMultipleStress
{
    private static final int WINDOW = 64;
    private static final int SELF_MESSAGES = 1000;
    private static final int SELF_TAG_BASE = 1000;

    private ThreadMultipleStress()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int provided = MPI.Init_thread(args, MPI.THREAD_MULTIPLE);
        if (provided != MPI.THREAD_MULTIPLE)
        {
            throw new AssertionError("THREAD_MULTIPLE not provided: " + provided);
        }
        final int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        final int messages = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        final long limitMillis = 1000L * (args.length > 2 ? Integer.parseInt(args[2]) : 120);
        final Intracomm world = MPI.COMM_WORLD;
        final int rank = world.Rank();
        if (world.Size() != 2)
        {
            throw new IllegalArgumentException("ThreadMultipleStress needs exactly 2 ranks");
        }
        final int peer = 1 - rank;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] workers = new Thread[threads];
        final long start = System.nanoTime();
        for (int t = 0; t < threads; t++)
        {
            final int tag = t;
            workers[t] = new Thread(() ->
            {
                try
                {
                    final Thread self = selfTraffic(world, rank, tag, failure);
                    lockStep(world, rank, peer, tag, messages / 2);
                    streamed(world, peer, tag, messages - messages / 2, messages / 2);
                    self.join();
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
            }, "stress-" + t);
            workers[t].start();
        }
        final long deadline = System.currentTimeMillis() + limitMillis;
        for (final Thread worker : workers)
        {
            worker.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (worker.isAlive())
            {
                throw new AssertionError("rank " + rank + ": " + worker.getName() + " not done within "
                    + limitMillis / 1000 + " s (deadlock or lost message)");
            }
        }
        if (failure.get() != null)
        {
            throw new AssertionError("rank " + rank + ": a thread failed", failure.get());
        }
        world.Barrier();
        System.out.println("rank " + rank + ": " + threads + " threads x " + messages + " messages each way passed in "
            + (System.nanoTime() - start) / 1_000_000 + " ms");
        MPI.Finalize();
    }

    private static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new AssertionError(Thread.currentThread().getName() + ": " + what);
        }
    }

    /** Both sides post a receive, send, and wait: {@code count} round trips on {@code tag}. */
    private static void lockStep(final Intracomm world, final int rank, final int peer, final int tag,
        final int count)
    {
        final long[] in = new long[2];
        for (int i = 0; i < count; i++)
        {
            final Request recv = world.Irecv(in, 0, 2, MPI.LONG, peer, tag);
            world.Send(new long[] {rank, i}, 0, 2, MPI.LONG, peer, tag);
            final Status status = recv.Wait();
            expect(in[0] == peer && in[1] == i && status.tag == tag && status.source == peer,
                "lock-step message " + i + " on tag " + tag + " got " + in[0] + "/" + in[1]);
        }
    }

    /**
     * Windows of {@link #WINDOW} receives (every other one ANY_SOURCE) and sends in flight; numbering continues
     * from {@code first}.
     */
    private static void streamed(final Intracomm world, final int peer, final int tag, final int count,
        final int first)
    {
        final int[][] in = new int[WINDOW][2];
        for (int done = 0; done < count; done += WINDOW)
        {
            final int n = Math.min(WINDOW, count - done);
            final Request[] recvs = new Request[n];
            final Request[] sends = new Request[n];
            for (int k = 0; k < n; k++)
            {
                recvs[k] = world.Irecv(in[k], 0, 2, MPI.INT, k % 2 == 0 ? MPI.ANY_SOURCE : peer, tag);
            }
            for (int k = 0; k < n; k++)
            {
                sends[k] = world.Isend(new int[] {tag, first + done + k}, 0, 2, MPI.INT, peer, tag);
            }
            Request.Waitall(sends);
            final Status[] statuses = Request.Waitall(recvs);
            for (int k = 0; k < n; k++)
            {
                expect(in[k][0] == tag && in[k][1] == first + done + k && statuses[k].source == peer,
                    "streamed message " + (first + done + k) + " on tag " + tag + " got " + in[k][0] + "/"
                    + in[k][1]);
            }
        }
    }

    /** A companion thread that sends {@link #SELF_MESSAGES} to this rank itself and receives them in order. */
    private static Thread selfTraffic(final Intracomm world, final int rank, final int tag,
        final AtomicReference<Throwable> failure)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                final int[] in = new int[1];
                for (int i = 0; i < SELF_MESSAGES; i++)
                {
                    final Request recv = world.Irecv(in, 0, 1, MPI.INT, rank, SELF_TAG_BASE + tag);
                    world.Send(new int[] {i}, 0, 1, MPI.INT, rank, SELF_TAG_BASE + tag);
                    recv.Wait();
                    expect(in[0] == i, "self message " + i + " got " + in[0]);
                }
            }
            catch (final Throwable e)
            {
                failure.compareAndSet(null, e);
            }
        }, Thread.currentThread().getName() + "-self");
        thread.start();
        return thread;
    }
}
