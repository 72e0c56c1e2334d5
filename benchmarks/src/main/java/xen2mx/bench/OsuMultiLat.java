package xen2mx.bench;

import mpi.MPIException;

/**
 * {@code osu_multi_lat}: {@code osu_latency}'s ping-pong between every pair of ranks at once; with {@code n} ranks,
 * rank {@code r < n/2} pings rank {@code r + n/2}. Every round trip starts with a barrier of all ranks (OMB 7.x), so
 * the pairs run in step; rank 0 reports its own pair's one-way latency. Ranks of one host should be consecutive
 * (block placement) for the pairs to cross hosts, as OMB's README says.
 */
public final class OsuMultiLat
{
    private static final int TAG = 1;

    private OsuMultiLat()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.MULTI_LATENCY, args, OsuMultiLat::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * @param run the size, options and buffers; an even number of ranks
     * @return on rank 0 the one-way latency of its pair in µs; elsewhere 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run) throws MPIException
    {
        final int pairs = run.ranks() / 2;
        final int rank = run.rank();
        final boolean initiator = rank < pairs;
        return PingPong.measure(run, initiator ? rank + pairs : rank - pairs, initiator, true, TAG);
    }
}
