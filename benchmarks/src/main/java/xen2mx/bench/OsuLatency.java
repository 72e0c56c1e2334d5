package xen2mx.bench;

import mpi.MPIException;

/**
 * {@code osu_latency}: one-way latency from a blocking ping-pong.
 * <pre>
 *   rank 0                      rank 1
 *   Send(size) ───────────────► Recv(size)
 *   Recv(size) ◄─────────────── Send(size)
 * </pre>
 * Per size: {@code skip} untimed round trips, then {@code iterations} timed ones; each round trip is timed on its
 * own and the sum is divided by {@code 2 * iterations} (OMB 7.x). Tag 1 both ways. {@link PingPong} does the work.
 */
public final class OsuLatency
{
    private static final int TAG = 1;

    private OsuLatency()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.LATENCY, args, OsuLatency::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * The ping-pong for one size between ranks 0 and 1; see {@link PingPong}.
     *
     * @param run the size, options and buffers
     * @return on rank 0 the one-way latency in microseconds; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run) throws MPIException
    {
        return PingPong.measure(run, 1 - run.rank(), run.rank() == 0, false, TAG);
    }
}
