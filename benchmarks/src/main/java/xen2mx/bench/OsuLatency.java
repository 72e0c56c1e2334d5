package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@code osu_latency}: one-way latency from a blocking ping-pong.
 * <pre>
 *   rank 0                      rank 1
 *   Send(size) ───────────────► Recv(size)
 *   Recv(size) ◄─────────────── Send(size)
 * </pre>
 * Per size: {@code skip} untimed round trips, then {@code iterations} timed ones; each round trip is timed on its
 * own and the sum is divided by {@code 2 * iterations} (OMB 7.x). Tag 1 both ways.
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
     * The ping-pong for one size; see {@link OmbKernel#measure}.
     *
     * @param comm    a two-rank communicator
     * @param rank    0 or 1
     * @param size    bytes per message
     * @param options iteration counts
     * @param buffers send and receive buffers
     * @return on rank 0 the one-way latency in microseconds; on rank 1, 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final Intracomm comm, final int rank, final int size, final OmbOptions options,
        final MessageBuffers buffers) throws MPIException
    {
        final int iterations = options.iterations(size);
        final int skip = options.skip(size);
        final byte[] s = buffers.send();
        final byte[] r = buffers.receive();
        long total = 0;
        if (rank == 0)
        {
            for (int i = 0; i < iterations + skip; i++)
            {
                final long start = System.nanoTime();
                comm.Send(s, 0, size, MPI.BYTE, 1, TAG);
                comm.Recv(r, 0, size, MPI.BYTE, 1, TAG);
                if (i >= skip)
                {
                    total += System.nanoTime() - start;
                }
            }
            return OmbMetrics.latencyMicros(total, iterations);
        }
        for (int i = 0; i < iterations + skip; i++)
        {
            comm.Recv(r, 0, size, MPI.BYTE, 0, TAG);
            comm.Send(s, 0, size, MPI.BYTE, 0, TAG);
        }
        return 0;
    }
}
