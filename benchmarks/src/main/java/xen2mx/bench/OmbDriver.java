package xen2mx.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The part every point-to-point benchmark shares, in OMB's order: initialise MPI ({@code THREAD_MULTIPLE} for
 * {@code osu_latency_mt}), parse the options, handle help, version and usage errors on rank 0, check the number of
 * ranks, print the preamble, measure each size after a barrier, print one row per size on rank 0, stop at the first
 * size whose data failed {@code -c}, write the machine-readable results ({@code --format}, {@code -o}), finalise.
 */
public final class OmbDriver
{
    /** Exit status for a usage error or a wrong number of ranks, OMB's {@code EXIT_FAILURE}. */
    public static final int EXIT_FAILURE = 1;

    /** OMB's message when the job does not have two ranks. */
    public static final String TWO_PROCESSES_MESSAGE = "This test requires exactly two processes";

    /** OMB's message when {@code osu_latency_mt} validates with unequal thread counts. */
    public static final String EQUAL_THREADS_MESSAGE = "Number of sender and receiver threads must be same when "
        + "validation is enabled. Use option -t to set";

    /** OMB's message when the MPI library does not provide {@code MPI_THREAD_MULTIPLE}. */
    public static final String THREAD_MULTIPLE_MESSAGE = "MPI_Init_thread must return MPI_THREAD_MULTIPLE!";

    private static final int PROCEED = -1;

    private OmbDriver()
    {
    }

    /**
     * Runs a benchmark whose kernel has the older signature (no per-iteration values, no validation).
     *
     * @param benchmark which benchmark
     * @param rawArgs   the arguments {@code main} received
     * @param kernel    the timed loop
     * @return as {@link #run(OmbBenchmark, String[], OmbSizeKernel)}
     * @throws MPIException if a communication call fails
     */
    public static int run(final OmbBenchmark benchmark, final String[] rawArgs, final OmbKernel kernel)
        throws MPIException
    {
        return run(benchmark, rawArgs, (OmbSizeKernel)r -> kernel.measure(r.comm(), r.rank(), r.size(), r.options(),
            r.buffers()));
    }

    /**
     * Runs a benchmark and returns the exit status; {@code main} passes a non-zero status to {@link System#exit}.
     *
     * @param benchmark which benchmark
     * @param rawArgs   the arguments {@code main} received
     * @param kernel    the timed loop
     * @return 0 on success, help and version; {@link #EXIT_FAILURE} on a usage error, a wrong number of ranks or
     *         data that failed validation
     * @throws MPIException if a communication call fails
     */
    public static int run(final OmbBenchmark benchmark, final String[] rawArgs, final OmbSizeKernel kernel)
        throws MPIException
    {
        final boolean mpjExpress = RuntimeTag.isMpjExpress();
        final boolean threaded = benchmark == OmbBenchmark.LATENCY_MT;
        final String[] userArgs = threaded
            ? MPI.initThread(MPI.THREAD_MULTIPLE, MPI.THREAD_MULTIPLE, rawArgs) : MPI.Init(rawArgs);
        final String runtimeTag = RuntimeTag.detect(rawArgs, mpjExpress);
        final Intracomm comm = MPI.COMM_WORLD;
        final int rank = comm.Rank();
        final OmbOptions options = OmbOptions.parse(benchmark, userArgs);
        int status = earlyExitStatus(benchmark, options, rank, comm.Size(), System.out, System.err);
        if (status == PROCEED && threaded && MPI.queryThread() != MPI.THREAD_MULTIPLE)
        {
            print(rank == 0, System.err, THREAD_MULTIPLE_MESSAGE + "\n");
            status = EXIT_FAILURE;
        }
        if (status == PROCEED)
        {
            status = options.varyWindow() ? measureWindows(comm, rank, options, kernel, runtimeTag)
                : measureAll(benchmark, comm, rank, options, kernel, runtimeTag);
        }
        MPI.Finalize();
        return status;
    }

    /**
     * What happens before any measurement: help, version, usage errors and the checks of the job's shape, with
     * OMB's texts and streams. Only rank 0 prints.
     *
     * @param benchmark the benchmark
     * @param options   the parsed options
     * @param rank      this rank
     * @param ranks     the number of ranks
     * @param out       standard output
     * @param err       standard error
     * @return the exit status if the benchmark must stop here (0 after help or version, {@link #EXIT_FAILURE}
     *         after a usage error or with a number of ranks the benchmark cannot use), or {@code -1} to go on
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
                return badUsage(benchmark, options.errorLine(), root, out, err);
            default:
                break;
        }
        if (benchmark == OmbBenchmark.MULTI_BANDWIDTH && options.pairs(ranks) > ranks / 2)
        {
            return badUsage(benchmark, "Invalid Number of Pairs [-p " + options.pairs(ranks) + "]", root, out, err);
        }
        final String rankError = benchmark.rankCountError(ranks);
        if (rankError != null)
        {
            print(root, err, rankError + "\n");
            return EXIT_FAILURE;
        }
        if (benchmark == OmbBenchmark.LATENCY_MT && options.validate() && (!options.senderThreadsGiven()
            || options.senderThreads() != options.receiverThreads()))
        {
            print(root, err, EQUAL_THREADS_MESSAGE + "\n");
            return EXIT_FAILURE;
        }
        return PROCEED;
    }

    private static int badUsage(final OmbBenchmark benchmark, final String line, final boolean root,
        final PrintStream out, final PrintStream err)
    {
        print(root, err, line + "\n\n");
        print(root, out, OmbUsage.text(benchmark));
        return EXIT_FAILURE;
    }

    private static int measureAll(final OmbBenchmark benchmark, final Intracomm comm, final int rank,
        final OmbOptions options, final OmbSizeKernel kernel, final String runtimeTag) throws MPIException
    {
        final int ranks = comm.Size();
        final List<Integer> sizes = options.messageSizes();
        final int largest = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        final MessageBuffers buffers = new MessageBuffers(largest);
        final boolean root = rank == 0;
        final boolean text = options.stdoutFormat() == ResultFormat.TEXT;
        final OmbTable table = new OmbTable(benchmark, options, ranks);
        final List<String> hosts = Arrays.asList(RootGather.strings(comm, rank, MPI.Get_processor_name()));
        final Provenance provenance = root ? Provenance.collect(benchmark, runtimeTag, options, hosts) : null;
        final Progress progress = Progress.forStderr(root, benchmark.command(), sizes, options);
        final List<SizeResult> results = new ArrayList<>();
        print(root && text, System.out, table.preamble(runtimeTag));
        long failedSize = -1;
        for (int index = 0; index < sizes.size() && failedSize < 0; index++)
        {
            final int size = sizes.get(index);
            buffers.prepare(size);
            comm.Barrier();
            final SizeRun run = new SizeRun(comm, rank, ranks, size, options, buffers);
            final double value = kernel.measure(run);
            final long errors = options.validate() ? RootGather.total(comm, rank, run.errors()) : 0;
            if (root)
            {
                final double rate = benchmark == OmbBenchmark.MULTI_BANDWIDTH && size > 0 ? value * 1e6 / size
                    : Double.NaN;
                final SizeResult result = SizeResult.of(size, value, rate, run.samples(), run.iterations(),
                    run.skip(), options.validate() ? DataPattern.status(errors) : null);
                results.add(result);
                clear(progress);
                print(text, System.out, table.row(result));
                if (progress != null)
                {
                    progress.sizeDone(index);
                }
            }
            if (errors > 0)
            {
                failedSize = size;
            }
        }
        clear(progress);
        if (root)
        {
            writeResults(options, new BenchmarkRun(benchmark, provenance, results));
        }
        if (failedSize >= 0)
        {
            print(root, System.out, table.validationErrorLine(failedSize));
            return EXIT_FAILURE;
        }
        return 0;
    }

    /**
     * {@code osu_mbw_mr -V}: every size with every window of {@link OmbOptions#VARIED_WINDOWS}, OMB's two tables.
     */
    private static int measureWindows(final Intracomm comm, final int rank, final OmbOptions options,
        final OmbSizeKernel kernel, final String runtimeTag) throws MPIException
    {
        final int ranks = comm.Size();
        final List<Integer> sizes = options.messageSizes();
        final MessageBuffers buffers = new MessageBuffers(sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1));
        final boolean root = rank == 0;
        final OmbTable table = new OmbTable(OmbBenchmark.MULTI_BANDWIDTH, options, ranks);
        final List<double[]> rows = new ArrayList<>();
        print(root, System.out, table.variedPreamble(runtimeTag));
        long errors = 0;
        long failedSize = -1;
        for (final int size : sizes)
        {
            final double[] row = new double[OmbOptions.VARIED_WINDOWS.size()];
            for (int w = 0; w < row.length; w++)
            {
                buffers.prepare(size);
                comm.Barrier();
                final SizeRun run = new SizeRun(comm, rank, ranks, size, options, buffers,
                    OmbOptions.VARIED_WINDOWS.get(w));
                row[w] = kernel.measure(run);
                errors += options.validate() ? RootGather.total(comm, rank, run.errors()) : 0;
            }
            rows.add(row);
            print(root, System.out, OmbTable.variedRow(size, row));
            if (errors > 0 && failedSize < 0)
            {
                failedSize = size;
            }
        }
        print(root, System.out, table.rateProfile(sizes, rows));
        if (failedSize >= 0)
        {
            print(root, System.out, table.validationErrorLine(failedSize));
            return EXIT_FAILURE;
        }
        return 0;
    }

    private static void writeResults(final OmbOptions options, final BenchmarkRun run)
    {
        if (options.stdoutFormat() != ResultFormat.TEXT)
        {
            print(true, System.out, render(options.stdoutFormat(), run));
        }
        if (options.outputFile() != null)
        {
            try
            {
                Files.writeString(Path.of(options.outputFile()), render(options.fileFormat(), run),
                    StandardCharsets.UTF_8);
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException("cannot write results to " + options.outputFile(), e);
            }
        }
    }

    private static String render(final ResultFormat format, final BenchmarkRun run)
    {
        return format == ResultFormat.CSV ? ResultCsv.write(run) : ResultJson.write(run);
    }

    private static void clear(final Progress progress)
    {
        if (progress != null)
        {
            progress.clear();
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
