package xen2mx.apps;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * A token goes round the ring {@code laps} times (first argument, default 10); each rank adds its
 * {@link RingToken#contribution} on each pass and rank 0 checks the final value. Exits 1 on a wrong token.
 * <pre>
 *   0 ──► 1 ──► 2 ──► … ──► n-1
 *   ▲                        │
 *   └────────────────────────┘
 * </pre>
 * Each hop is an {@code Isend} to the next rank, a {@code Recv} from the previous one and a {@code Wait}, which
 * also works for a one-rank ring.
 */
public final class Ring
{
    private static final int DEFAULT_LAPS = 10;
    private static final int TAG = 7;

    private Ring()
    {
    }

    /**
     * @param args launcher arguments, then optionally the number of laps
     * @throws MPIException if MPI fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final String[] userArgs = MPI.Init(args);
        final int laps = userArgs.length > 0 ? Integer.parseInt(userArgs[0]) : DEFAULT_LAPS;
        final Intracomm comm = MPI.COMM_WORLD;
        final int rank = comm.Rank();
        final int size = comm.Size();
        final double start = MPI.Wtime();
        final long token = circulate(comm, rank, size, laps);
        final double seconds = MPI.Wtime() - start;
        boolean ok = true;
        if (rank == 0)
        {
            final long expected = RingToken.expected(size, laps);
            ok = token == expected;
            System.out.printf("Ring: %d ranks, %d laps, token %d, expected %d: %s (%.6f s)%n",
                size, laps, token, expected, ok ? "OK" : "WRONG", seconds);
        }
        MPI.Finalize();
        if (!ok)
        {
            System.exit(1);
        }
    }

    private static long circulate(final Intracomm comm, final int rank, final int size, final int laps)
        throws MPIException
    {
        final long[] token = new long[1];
        final long[] incoming = new long[1];
        final int next = RingToken.next(rank, size);
        final int previous = RingToken.previous(rank, size);
        for (int lap = 0; lap < laps; lap++)
        {
            if (rank == 0)
            {
                token[0] += RingToken.contribution(rank);
                final Request send = comm.Isend(token, 0, 1, MPI.LONG, next, TAG);
                comm.Recv(incoming, 0, 1, MPI.LONG, previous, TAG);
                send.Wait();
                token[0] = incoming[0];
            }
            else
            {
                comm.Recv(incoming, 0, 1, MPI.LONG, previous, TAG);
                token[0] = incoming[0] + RingToken.contribution(rank);
                comm.Send(token, 0, 1, MPI.LONG, next, TAG);
            }
        }
        return token[0];
    }
}
