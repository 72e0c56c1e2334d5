package xen2mx.bench;

import java.util.Locale;

import mpi.MPI;
import mpi.MPIException;

/**
 * {@code osu_init}: each rank times its own {@code MPI.Init} (in whole milliseconds, as OMB's {@code long}
 * arithmetic does), rank 0 collects the times and prints their minimum, maximum and integer mean:
 * {@code nprocs: %d, min: %d ms, max: %d ms, avg: %d ms}. The JVM's own start is not included (it happens before
 * {@code main}); connecting to the launcher and wiring the BTLs is.
 */
public final class OsuInit
{
    private OsuInit()
    {
    }

    /**
     * @param args launcher and user arguments ({@code -h}, {@code -v})
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final boolean mpjExpress = RuntimeTag.isMpjExpress();
        final long start = System.nanoTime();
        final String[] userArgs = MPI.Init(args);
        final long millis = (System.nanoTime() - start) / 1_000_000;
        final int rank = MPI.COMM_WORLD.Rank();
        int status = StartupBenchmark.INIT.earlyExitStatus(userArgs, rank == 0, System.out, System.err);
        if (status < 0)
        {
            final long[] all = RootGather.longs(MPI.COMM_WORLD, rank, millis);
            if (rank == 0)
            {
                System.out.print(StartupBenchmark.INIT.titleLine() + "# " + RuntimeTag.detect(args, mpjExpress)
                    + "\n" + summary(all));
                System.out.flush();
            }
            status = 0;
        }
        MPI.Finalize();
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @param millis every rank's {@code MPI.Init} time in milliseconds
     * @return OMB's result line
     */
    static String summary(final long[] millis)
    {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        for (final long m : millis)
        {
            min = Math.min(min, m);
            max = Math.max(max, m);
            sum += m;
        }
        return String.format(Locale.ROOT, "nprocs: %d, min: %d ms, max: %d ms, avg: %d ms\n", millis.length, min,
            max, sum / millis.length);
    }
}
