package xen2mx.itest;

import mpi.MPI;

/**
 * MPI programs that fail on purpose, for the launcher's abort and exit-status rules.
 * {@code FailurePrograms abort RANK CODE}: that rank calls {@code Abort(CODE)} while the others block in Recv.
 * {@code FailurePrograms throw RANK}: that rank throws while the others block in Recv.
 */
public final class FailurePrograms
{
    private FailurePrograms()
    {
    }

    public static void main(final String[] args)
    {
        MPI.Init(args);
        final int rank = MPI.COMM_WORLD.Rank();
        final int culprit = Integer.parseInt(args[1]);
        if (rank == culprit)
        {
            if ("abort".equals(args[0]))
            {
                MPI.COMM_WORLD.Abort(Integer.parseInt(args[2]));
            }
            throw new IllegalStateException("rank " + rank + " fails on purpose");
        }
        MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, 99);
        MPI.Finalize();
    }
}
