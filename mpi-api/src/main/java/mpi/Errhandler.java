package mpi;

/**
 * How a communicator reports errors: {@link MPI#ERRORS_ARE_FATAL} (the default) or {@link MPI#ERRORS_RETURN}.
 *
 * <p>Under {@code ERRORS_RETURN} the call raises {@link MPIException} carrying the error class
 * ({@link MPIException#getErrorClass()}).
 *
 * <p>Under {@code ERRORS_ARE_FATAL} set with {@code Errhandler_set} (or MPJ's {@code MPI.Errorhandler_set}), a
 * failing call does not return: it aborts the whole job through the launcher ({@code mpirun} prints the abort banner
 * with the error class, the call and the message, and exits with the error class as status), as the MPI standard
 * says and as Open MPI's Java bindings do, even inside a {@code catch (MPIException e)}.
 *
 * <p>A communicator whose handler nobody set is also {@code ERRORS_ARE_FATAL} ({@code Errhandler_get} says so), with
 * one allowance for MPJ Express programs, which must run unchanged: MPJ Express raises {@link MPIException} for every
 * error, and its programs catch it to carry on. So under the handler a communicator starts with, the call raises
 * {@link MPIException}; if the program does not catch it, the rank ends with the error class as its exit status and
 * {@code mpirun} aborts the job, which is the fatal outcome. A program that wants the strict behaviour sets
 * {@code ERRORS_ARE_FATAL} explicitly. New communicators inherit their parent's handler, and whether it was set.
 * Errors of calls without a communicator (group calls, {@code Dims_create}) and of {@code MPI.COMM_NULL} or freed
 * communicators go to {@code MPI.COMM_WORLD}'s handler; without an initialised MPI (or after Finalize) they are
 * always raised.
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

    boolean isFatal()
    {
        return kind == FATAL;
    }

    @Override
    public String toString()
    {
        return kind == FATAL ? "MPI.ERRORS_ARE_FATAL" : "MPI.ERRORS_RETURN";
    }
}
