package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

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
 * tag 100, acknowledgement tag 101, one buffer for all messages of a window (OMB's defaults).
 */
public final class OsuBw
{
    private static final int DATA_TAG = 100;
    private static final int ACK_TAG = 101;

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
     * The windowed stream for one size; see {@link OmbKernel#measure}.
     *
     * @param comm    a two-rank communicator
     * @param rank    0 (sender) or 1 (receiver)
     * @param size    bytes per message
     * @param options iteration counts and window
     * @param buffers send and receive buffers
     * @return on rank 0 the bandwidth in MB/s; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final Intracomm comm, final int rank, final int size, final OmbOptions options,
        final MessageBuffers buffers) throws MPIException
    {
        final int iterations = options.iterations(size);
        final int skip = options.skip(size);
        final int window = options.windowSize();
        final Request[] requests = new Request[window];
        final byte[] s = buffers.send();
        final byte[] r = buffers.receive();
        long total = 0;
        if (rank == 0)
        {
            for (int i = 0; i < iterations + skip; i++)
            {
                final long start = System.nanoTime();
                for (int j = 0; j < window; j++)
                {
                    requests[j] = comm.Isend(s, 0, size, MPI.BYTE, 1, DATA_TAG);
                }
                Request.Waitall(requests);
                comm.Recv(r, 0, MessageBuffers.ACK_LENGTH, MPI.BYTE, 1, ACK_TAG);
                if (i >= skip)
                {
                    total += System.nanoTime() - start;
                }
            }
            return OmbMetrics.bandwidthMBps(size, iterations, window, 1, total);
        }
        for (int i = 0; i < iterations + skip; i++)
        {
            for (int j = 0; j < window; j++)
            {
                requests[j] = comm.Irecv(r, 0, size, MPI.BYTE, 0, DATA_TAG);
            }
            Request.Waitall(requests);
            comm.Send(s, 0, MessageBuffers.ACK_LENGTH, MPI.BYTE, 0, ACK_TAG);
        }
        return 0;
    }
}
