package mpi;

/**
 * How a communicator reports errors: {@link MPI#ERRORS_ARE_FATAL} or {@link MPI#ERRORS_RETURN}. Both raise
 * {@link MPIException} from the failing call; an uncaught one ends the rank, and the launcher ends the job.
 */
public class Errhandler
{
    static final int FATAL = 1;
    static final int RETURN = 2;

    final int kind;

    Errhandler(final int kind)
    {
        this.kind = kind;
    }

    @Override
    public String toString()
    {
        return kind == FATAL ? "MPI.ERRORS_ARE_FATAL" : "MPI.ERRORS_RETURN";
    }
}
