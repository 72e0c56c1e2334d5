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
     * The two-way windowed stream for one size; with {@code -c} both ranks refill their send buffer per iteration
     * and check what they received after its last window.
     *
     * @param run the size, options and buffers
     * @return on rank 0 the aggregate bandwidth in MB/s; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run) throws MPIException
    {
        final Intracomm comm = run.comm();
        final int rank = run.rank();
        final int size = run.size();
        final int iterations = run.iterations();
        final int skip = run.skip();
        final int exchanges = run.exchangesPerIteration();
        final int window = run.options().windowSize();
        final boolean validate = run.options().validate();
        final Request[] sends = new Request[window];
        final Request[] receives = new Request[window];
        final byte[] s = run.buffers().send();
        final byte[] r = run.buffers().receive();
        final int peer = 1 - rank;
        final int sendTag = rank == 0 ? TO_ONE_TAG : TO_ZERO_TAG;
        final int receiveTag = rank == 0 ? TO_ZERO_TAG : TO_ONE_TAG;
        final double bytesPerIteration = 2.0 * size * window;
        long total = 0;
        for (int i = 0; i < iterations + skip; i++)
        {
            if (validate)
            {
                DataPattern.fill(s, size, i, rank);
                DataPattern.clear(r, size);
            }
            for (int k = 0; k < exchanges; k++)
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
                if (i >= skip && k == exchanges - 1)
                {
                    final long elapsed = System.nanoTime() - start;
                    total += elapsed;
                    run.samples().record(bytesPerIteration * 1e3 / elapsed);
                }
            }
            if (validate)
            {
                run.addErrors(DataPattern.errors(r, size, i, peer));
            }
        }
        return rank == 0 ? OmbMetrics.bandwidthMBps(size, iterations, window, 2, total) : 0;
    }
}
