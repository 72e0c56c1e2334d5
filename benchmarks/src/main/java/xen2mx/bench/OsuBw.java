package xen2mx.bench;

import mpi.MPIException;

/**
 * {@code osu_bw}: unidirectional bandwidth from windows of non-blocking sends.
 * <pre>
 *   rank 0                          rank 1
 *   Isend × W ──── size bytes ────► Irecv × W  (posted first)
 *   Waitall                         Waitall
 *   Recv(4)   ◄──── ack ─────────── Send(4)
 * </pre>
 * Per size: {@code skip} untimed windows, then {@code iterations} timed ones, each timed on rank 0 from the first
 * Isend to the acknowledgement. Bandwidth = size × W × iterations / total time, in 10^6 bytes per second. Data
 * tag 100, acknowledgement tag 101, one buffer for all messages of a window (OMB's defaults); {@link WindowStream}
 * does the work.
 */
public final class OsuBw
{
    private OsuBw()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.BANDWIDTH, args, OsuBw::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * The windowed stream for one size from rank 0 to rank 1; see {@link WindowStream}.
     *
     * @param run the size, options and buffers
     * @return on rank 0 the bandwidth in MB/s; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run) throws MPIException
    {
        return WindowStream.measure(run, 1 - run.rank(), run.rank() == 0, 1, false);
    }
}
