package xen2mx.bench;

import java.io.PrintStream;
import java.util.List;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The part every point-to-point benchmark shares, in OMB's order: initialise MPI, parse the options, handle help,
 * version and usage errors on rank 0, insist on exactly two ranks, print the preamble, measure each size after a
 * barrier, print one row per size on rank 0, finalise.
 */
public final class OmbDriver
{
    /** Exit status for a usage error or a wrong number of ranks, OMB's {@code EXIT_FAILURE}. */
    public static final int EXIT_FAILURE = 1;

    /** OMB's message when the job does not have two ranks. */
    public static final String TWO_PROCESSES_MESSAGE = "This test requires exactly two processes";

    private static final int PROCEED = -1;

    private OmbDriver()
    {
    }

    /**
     * Runs a benchmark and returns the exit status; {@code main} passes a non-zero status to {@link System#exit}.
     *
     * @param benchmark which benchmark
     * @param rawArgs   the arguments {@code main} received
     * @param kernel    the timed loop
     * @return 0 on success, help and version; {@link #EXIT_FAILURE} on a usage error or a wrong number of ranks
     * @throws MPIException if a communication call fails
     */
    public static int run(final OmbBenchmark benchmark, final String[] rawArgs, final OmbKernel kernel)
        throws MPIException
    {
        final boolean mpjExpress = RuntimeTag.isMpjExpress();
        final String[] userArgs = MPI.Init(rawArgs);
        final String runtimeTag = RuntimeTag.detect(rawArgs, mpjExpress);
        final Intracomm comm = MPI.COMM_WORLD;
        final int rank = comm.Rank();
        final OmbOptions options = OmbOptions.parse(benchmark, userArgs);
        final int status = earlyExitStatus(benchmark, options, rank, comm.Size(), System.out, System.err);
        if (status == PROCEED)
        {
            measureAll(comm, rank, options, kernel, runtimeTag);
        }
        MPI.Finalize();
        return status == PROCEED ? 0 : status;
    }

    /**
     * What happens before any measurement: help, version, usage errors and the two-rank check, with OMB's texts
     * and streams. Only rank 0 prints.
     *
     * @param benchmark the benchmark
     * @param options   the parsed options
     * @param rank      this rank
     * @param ranks     the number of ranks
     * @param out       standard output
     * @param err       standard error
     * @return the exit status if the benchmark must stop here (0 after help or version, {@link #EXIT_FAILURE}
     *         after a usage error or with a number of ranks other than 2), or {@code -1} to go on measuring
     */
    static int earlyExitStatus(final OmbBenchmark benchmark, final OmbOptions options, final int rank,
        final int ranks, final PrintStream out, final PrintStream err)
    {
        final boolean root = rank == 0;
        switch (options.outcome())
        {
            case HELP:
                print(root, out, OmbUsage.text(benchmark));
                return 0;
            case VERSION:
                print(root, out, OmbReport.titleLine(benchmark));
                return 0;
            case BAD_USAGE:
                print(root, err, options.errorLine() + "\n\n");
                print(root, out, OmbUsage.text(benchmark));
                return EXIT_FAILURE;
            default:
                break;
        }
        if (ranks != 2)
        {
            print(root, err, TWO_PROCESSES_MESSAGE + "\n");
            return EXIT_FAILURE;
        }
        return PROCEED;
    }

    private static void measureAll(final Intracomm comm, final int rank, final OmbOptions options,
        final OmbKernel kernel, final String runtimeTag) throws MPIException
    {
        final List<Integer> sizes = options.messageSizes();
        final int largest = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        final MessageBuffers buffers = new MessageBuffers(largest);
        final boolean root = rank == 0;
        print(root, System.out, OmbReport.preamble(options.benchmark(), runtimeTag));
        for (final int size : sizes)
        {
            buffers.prepare(size);
            comm.Barrier();
            final double value = kernel.measure(comm, rank, size, options, buffers);
            print(root, System.out, OmbReport.row(size, value));
        }
    }

    private static void print(final boolean root, final PrintStream out, final String text)
    {
        if (root)
        {
            out.print(text);
            out.flush();
        }
    }
}
