package xen2mx.bench;

import mpi.MPIException;

/**
 * {@code osu_mbw_mr}: {@code osu_bw}'s windowed stream from each of {@code P} senders (ranks {@code 0..P-1}) to its
 * receiver (rank {@code r + P}) at once, {@code P = -p} or half the ranks; other ranks only join the barriers. Every
 * iteration starts with a barrier of all ranks; rank 0 times its own stream and reports the aggregate bandwidth
 * {@code P × size × W × iterations / time} in MB/s and the message rate {@code 10^6 × MB/s / size} (OMB 7.x).
 * Ranks of one host should be consecutive (block placement).
 */
public final class OsuMbwMr
{
    private OsuMbwMr()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.MULTI_BANDWIDTH, args, OsuMbwMr::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @param run the size, options and buffers
     * @return on rank 0 the aggregate bandwidth in MB/s; elsewhere 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run) throws MPIException
    {
        final int pairs = run.options().pairs(run.ranks());
        final int rank = run.rank();
        if (rank < pairs)
        {
            return WindowStream.measure(run, rank + pairs, true, pairs, true);
        }
        if (rank < 2 * pairs)
        {
            return WindowStream.measure(run, rank - pairs, false, pairs, true);
        }
        for (int i = 0; i < run.iterations() + run.skip(); i++)
        {
            run.comm().Barrier();
        }
        return 0;
    }
}
