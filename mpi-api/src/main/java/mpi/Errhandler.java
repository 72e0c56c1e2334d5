package mpi;

/**
 * How a communicator reports errors: {@link MPI#ERRORS_ARE_FATAL} (the default) or {@link MPI#ERRORS_RETURN}.
 *
 * <p>Under {@code ERRORS_ARE_FATAL} a failing call does not return: it aborts the whole job through the launcher
 * ({@code mpirun} prints the abort banner with the error class, the call and the message, and exits with the error
 * class as status), as the MPI standard says and as Open MPI's Java bindings do (they throw only when the handler
 * returns, i.e. under {@code ERRORS_RETURN}). Under {@code ERRORS_RETURN} the call raises {@link MPIException}
 * carrying the error class ({@link MPIException#getErrorClass()}).
 *
 * <p>MPJ Express programs that wrap their calls in {@code catch (MPIException e)} compile and run unchanged: under
 * the default handler their catch blocks are simply never reached for MPI errors, since the job has ended, which is
 * what such a program does anyway when it prints the exception and exits; a program that wants to recover sets
 * {@code ERRORS_RETURN} (which MPJ Express lacked). Errors of calls without a communicator (group calls,
 * {@code Dims_create}) and of {@code MPI.COMM_NULL} or freed communicators go to {@code MPI.COMM_WORLD}'s handler;
 * without an initialised MPI (or after Finalize) they are always raised.
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
