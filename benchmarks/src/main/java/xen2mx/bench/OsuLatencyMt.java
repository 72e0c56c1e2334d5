package xen2mx.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@code osu_latency_mt}: the ping-pong of {@code osu_latency} between {@code S} sender threads on rank 0 and
 * {@code R} receiver threads on rank 1 ({@code -t [S:]R}, default 1 and 2), under {@code MPI_THREAD_MULTIPLE}.
 * <pre>
 *   rank 0, sender thread t                   rank 1, receiver thread u
 *   for i = t, t+S, ...: Send ──────────────► for i = u, u+R, ...: Recv
 *                        Recv ◄────────────── Send
 * </pre>
 * With one sender the tags are 1 (to rank 1) and 2 (back), so any receiver thread takes any message; with
 * {@code -t S:R} and {@code S > 1} both directions use the iteration number as tag. Each sender thread times its
 * own timed round trips; latency = their total / (2 × iterations / S) (OMB 7.x). Threads are started per size
 * after the driver's barrier and joined before the row is printed; each has its own buffers.
 */
public final class OsuLatencyMt
{
    private static final int TO_RECEIVER_TAG = 1;
    private static final int TO_SENDER_TAG = 2;

    private OsuLatencyMt()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.LATENCY_MT, args, OsuLatencyMt::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @param run the size, options and buffers (the shared buffers are not used: each thread has its own)
     * @return on rank 0 the one-way latency in µs; on rank 1, 0
     * @throws MPIException if a communication call fails in any thread
     */
    static double measure(final SizeRun run) throws MPIException
    {
        final OmbOptions options = run.options();
        final boolean sender = run.rank() == 0;
        final int threads = sender ? options.senderThreads() : options.receiverThreads();
        final LongAdder totalNanos = new LongAdder();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int first = t;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    exchange(run, first, threads, sender, totalNanos);
                }
                catch (final Throwable e)
                {
                    failure.compareAndSet(null, e);
                }
            }, (sender ? "osu-sender-" : "osu-receiver-") + t);
            thread.start();
            started.add(thread);
        }
        for (final Thread thread : started)
        {
            joinUninterruptibly(thread);
        }
        rethrow(failure.get());
        return sender ? totalNanos.sum() / 1e3 / (2.0 * run.iterations() / threads) : 0;
    }

    private static void exchange(final SizeRun run, final int first, final int stride, final boolean sender,
        final LongAdder totalNanos) throws MPIException
    {
        final Intracomm comm = run.comm();
        final int size = run.size();
        final int skip = run.skip();
        final int exchanges = run.exchangesPerIteration();
        final OmbOptions options = run.options();
        final boolean validate = options.validate();
        final boolean iterationTags = options.senderThreadsGiven() && options.senderThreads() > 1;
        final int peer = 1 - run.rank();
        final byte[] s = new byte[Math.max(size, 1)];
        final byte[] r = new byte[Math.max(size, 1)];
        Arrays.fill(s, (byte)'a');
        for (int i = first; i < run.iterations() + skip; i += stride)
        {
            final int outTag = iterationTags ? i : sender ? TO_RECEIVER_TAG : TO_SENDER_TAG;
            final int inTag = iterationTags ? i : sender ? TO_SENDER_TAG : TO_RECEIVER_TAG;
            if (validate)
            {
                DataPattern.fill(s, size, i, run.rank());
                DataPattern.clear(r, size);
            }
            for (int k = 0; k < exchanges; k++)
            {
                final long start = System.nanoTime();
                if (sender)
                {
                    comm.Send(s, 0, size, MPI.BYTE, peer, outTag);
                    comm.Recv(r, 0, size, MPI.BYTE, peer, inTag);
                    if (i >= skip && k == exchanges - 1)
                    {
                        final long elapsed = System.nanoTime() - start;
                        totalNanos.add(elapsed);
                        run.samples().recordShared(elapsed / 2e3);
                    }
                }
                else
                {
                    comm.Recv(r, 0, size, MPI.BYTE, peer, inTag);
                    comm.Send(s, 0, size, MPI.BYTE, peer, outTag);
                }
            }
            if (validate)
            {
                run.addErrors(DataPattern.errors(r, size, i, peer));
            }
        }
    }

    private static void joinUninterruptibly(final Thread thread)
    {
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(final Throwable failure) throws MPIException
    {
        if (failure instanceof MPIException e)
        {
            throw e;
        }
        if (failure instanceof RuntimeException e)
        {
            throw e;
        }
        if (failure instanceof Error e)
        {
            throw e;
        }
        if (failure != null)
        {
            throw new IllegalStateException(failure);
        }
    }
}
