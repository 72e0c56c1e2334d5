package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * {@code osu_bibw}: bidirectional bandwidth; both ranks post a window of receives, then a window of sends.
 * <pre>
 *   rank 0                          rank 1
 *   Irecv × W (tag 10)              Irecv × W (tag 100)
 *   Isend × W ──── tag 100 ───────► 
 *             ◄─── tag 10 ───────── Isend × W
 *   Waitall(sends), Waitall(recvs)  Waitall(recvs), Waitall(sends)
 * </pre>
 * Per size: {@code skip} untimed windows, then {@code iterations} timed ones, timed on rank 0. Bandwidth =
 * 2 × size × W × iterations / total time, in 10^6 bytes per second.
 */
public final class OsuBibw
{
    private static final int TO_ONE_TAG = 100;
    private static final int TO_ZERO_TAG = 10;

    private OsuBibw()
    {
    }

    /**
     * @param args launcher and user arguments; see {@link OmbOptions} for the user's
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final int status = OmbDriver.run(OmbBenchmark.BI_BANDWIDTH, args, OsuBibw::measure);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    /**
     * The two-way windowed stream for one size; see {@link OmbKernel#measure}.
     *
     * @param comm    a two-rank communicator
     * @param rank    0 or 1
     * @param size    bytes per message
     * @param options iteration counts and window
     * @param buffers send and receive buffers
     * @return on rank 0 the aggregate bandwidth in MB/s; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final Intracomm comm, final int rank, final int size, final OmbOptions options,
        final MessageBuffers buffers) throws MPIException
    {
        final int iterations = options.iterations(size);
        final int skip = options.skip(size);
        final int window = options.windowSize();
        final Request[] sends = new Request[window];
        final Request[] receives = new Request[window];
        final byte[] s = buffers.send();
        final byte[] r = buffers.receive();
        final int peer = 1 - rank;
        final int sendTag = rank == 0 ? TO_ONE_TAG : TO_ZERO_TAG;
        final int receiveTag = rank == 0 ? TO_ZERO_TAG : TO_ONE_TAG;
        long total = 0;
        for (int i = 0; i < iterations + skip; i++)
        {
            final long start = System.nanoTime();
            for (int j = 0; j < window; j++)
            {
                receives[j] = comm.Irecv(r, 0, size, MPI.BYTE, peer, receiveTag);
            }
            for (int j = 0; j < window; j++)
            {
                sends[j] = comm.Isend(s, 0, size, MPI.BYTE, peer, sendTag);
            }
            if (rank == 0)
            {
                Request.Waitall(sends);
                Request.Waitall(receives);
            }
            else
            {
                Request.Waitall(receives);
                Request.Waitall(sends);
            }
            if (i >= skip)
            {
                total += System.nanoTime() - start;
            }
        }
        return rank == 0 ? OmbMetrics.bandwidthMBps(size, iterations, window, 2, total) : 0;
    }
}
