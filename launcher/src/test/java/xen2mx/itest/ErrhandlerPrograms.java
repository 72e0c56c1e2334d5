package xen2mx.itest;

import mpi.MPI;
import mpi.MPIException;

/**
 * MPI errors under the default handler, {@code ERRORS_ARE_FATAL}: {@code ErrhandlerPrograms fatal RANK} makes that
 * rank send to a rank that does not exist while the others block in Recv; the job must abort with the error class
 * as exit status, even though the call sits in a {@code catch (MPIException e)} that would carry on (as MPJ Express
 * programs often do). {@code ErrhandlerPrograms return RANK} does the same under {@code ERRORS_RETURN}: the rank
 * sees the exception, prints its class, and the job ends normally.
 */
public final class ErrhandlerPrograms
{
    private ErrhandlerPrograms()
    {
    }

    public static void main(final String[] args)
    {
        MPI.Init(args);
        final int rank = MPI.COMM_WORLD.Rank();
        final int size = MPI.COMM_WORLD.Size();
        final int culprit = Integer.parseInt(args[1]);
        if ("return".equals(args[0]))
        {
            MPI.Errorhandler_set(MPI.ERRORS_RETURN);
        }
        if (rank == culprit)
        {
            try
            {
                MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, size + 5, 0);
                System.out.println("rank " + rank + ": the bad Send returned");
            }
            catch (final MPIException e)
            {
                System.out.println("rank " + rank + " caught error class " + e.getErrorClass() + ": " + e.getMessage());
            }
            for (int r = 0; r < size; r++)
            {
                if (r != rank)
                {
                    MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, r, 99);
                }
            }
        }
        else
        {
            MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, MPI.ANY_SOURCE, 99);
        }
        MPI.Finalize();
    }
}
