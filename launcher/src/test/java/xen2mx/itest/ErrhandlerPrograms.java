package xen2mx.itest;

import mpi.MPI;
import mpi.MPIException;

/**
 * MPI errors under each handler. {@code ErrhandlerPrograms MODE RANK} makes that rank send to a rank that does not
 * exist, inside a {@code catch (MPIException e)} that would carry on (as MPJ Express programs often do), while the
 * others block in Recv; then the culprit releases them and the job ends normally if it got that far.
 * <ul>
 * <li>{@code fatal}: {@code ERRORS_ARE_FATAL} set explicitly: the job aborts with the error class as exit status and
 * the catch block never runs.</li>
 * <li>{@code return}: {@code ERRORS_RETURN}: the rank sees the exception, prints its class, and the job ends
 * normally.</li>
 * <li>{@code default}: the handler COMM_WORLD starts with: the exception is raised as in MPJ Express, so the catch
 * block runs and the job ends normally.</li>
 * <li>{@code uncaught}: the handler COMM_WORLD starts with, and no catch: the rank ends with the error class and the
 * job aborts.</li>
 * </ul>
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
        else if ("fatal".equals(args[0]))
        {
            MPI.Errorhandler_set(MPI.ERRORS_ARE_FATAL);
        }
        if (rank == culprit)
        {
            if ("uncaught".equals(args[0]))
            {
                MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, size + 5, 0);
            }
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
