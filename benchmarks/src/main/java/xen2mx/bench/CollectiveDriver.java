package xen2mx.bench;

import java.io.PrintStream;
import java.util.List;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The part every collective benchmark shares, in OMB's order: initialise MPI, parse the options, handle help,
 * version and usage errors on rank 0, insist on at least two ranks, print the preamble; then per size, after a
 * barrier, time {@code skip + iterations} operations one by one (a barrier after each, untimed), take each rank's
 * mean, and print on rank 0 the mean over ranks (with {@code -f} also the minimum, maximum and iterations).
 */
public final class CollectiveDriver
{
    /** OMB's message when the job has a single rank. */
    public static final String TWO_PROCESSES_MESSAGE = "This test requires at least two processes";

    /** What {@link #earlyExitStatus} returns when the benchmark goes on to measure. */
    static final int PROCEED = -1;

    private CollectiveDriver()
    {
    }

    /**
     * Runs a benchmark and ends the JVM with a non-zero status on a usage error or too few ranks.
     *
     * @param benchmark which benchmark
     * @param rawArgs   the arguments {@code main} received
     * @throws MPIException if a communication call fails
     */
    public static void main(final CollectiveBenchmark benchmark, final String[] rawArgs)
    {
        final int status = run(benchmark, rawArgs);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @return 0 on success, help and version; {@link OmbDriver#EXIT_FAILURE} on a usage error or a single rank
     */
    static int run(final CollectiveBenchmark benchmark, final String[] rawArgs)
    {
        final boolean mpjExpress = RuntimeTag.isMpjExpress();
        final String[] userArgs = MPI.Init(rawArgs);
        final String runtimeTag = RuntimeTag.detect(rawArgs, mpjExpress);
        final Intracomm comm = MPI.COMM_WORLD;
        final CollectiveOptions options = CollectiveOptions.parse(benchmark, userArgs);
        final int status = earlyExitStatus(benchmark, options, comm.Rank(), comm.Size(), System.out, System.err);
        if (status == PROCEED)
        {
            measureAll(comm, benchmark, options, runtimeTag);
        }
        MPI.Finalize();
        return status == PROCEED ? 0 : status;
    }

    /**
     * Help, version, usage errors and the rank count, with OMB's texts and streams; only rank 0 prints.
     *
     * @return the exit status if the benchmark must stop before measuring (0 after help or version,
     *         {@link OmbDriver#EXIT_FAILURE} after a usage error or on a single rank), else {@link #PROCEED}
     */
    static int earlyExitStatus(final CollectiveBenchmark benchmark, final CollectiveOptions options, final int rank,
        final int ranks, final PrintStream out, final PrintStream err)
    {
        final boolean root = rank == 0;
        switch (options.outcome())
        {
            case HELP:
                print(root, out, CollectiveUsage.text(benchmark));
                return 0;
            case VERSION:
                print(root, out, CollectiveReport.titleLine(benchmark));
                return 0;
            case BAD_USAGE:
                print(root, err, options.errorLine() + "\n\n");
                print(root, out, CollectiveUsage.text(benchmark));
                return OmbDriver.EXIT_FAILURE;
            default:
                break;
        }
        if (ranks < 2)
        {
            print(root, err, TWO_PROCESSES_MESSAGE + "\n");
            return OmbDriver.EXIT_FAILURE;
        }
        return PROCEED;
    }

    private static void print(final boolean root, final PrintStream out, final String text)
    {
        if (root)
        {
            out.print(text);
            out.flush();
        }
    }

    private static void measureAll(final Intracomm comm, final CollectiveBenchmark benchmark,
        final CollectiveOptions options, final String runtimeTag)
    {
        final boolean root = comm.Rank() == 0;
        final List<Integer> sizes = options.messageSizes();
        final int largest = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        final CollectiveBuffers buffers = new CollectiveBuffers(largest, comm.Size());
        print(root, System.out, CollectiveReport.preamble(benchmark, runtimeTag, options.full()));
        for (final int size : sizes)
        {
            buffers.prepare();
            final int iterations = options.iterations(size);
            final int skip = options.skip(size);
            comm.Barrier();
            long total = 0;
            for (int i = 0; i < skip + iterations; i++)
            {
                final long start = System.nanoTime();
                benchmark.run(comm, size, buffers);
                final long elapsed = System.nanoTime() - start;
                if (i >= skip)
                {
                    total += elapsed;
                }
                comm.Barrier();
            }
            final CollectiveReport.LatencyStats stats = summarise(comm, total / 1e3 / iterations);
            print(root, System.out, CollectiveReport.row(benchmark, size, stats, iterations,
                options.full()));
        }
    }

    /** @return on rank 0 the mean, minimum and maximum of every rank's {@code micros}; elsewhere zeros */
    private static CollectiveReport.LatencyStats summarise(final Intracomm comm, final double micros)
    {
        final double[] mine = {micros};
        final double[] min = new double[1];
        final double[] max = new double[1];
        final double[] sum = new double[1];
        comm.Reduce(mine, 0, min, 0, 1, MPI.DOUBLE, MPI.MIN, 0);
        comm.Reduce(mine, 0, max, 0, 1, MPI.DOUBLE, MPI.MAX, 0);
        comm.Reduce(mine, 0, sum, 0, 1, MPI.DOUBLE, MPI.SUM, 0);
        return new CollectiveReport.LatencyStats(sum[0] / comm.Size(), min[0], max[0]);
    }
}
