package mpi;

import java.util.Iterator;

/**
 * Applies a communicator's {@link Errhandler} to an error found in an MPI call: aborts the job under
 * {@code ERRORS_ARE_FATAL} set by the program, hands the exception back (for the call to throw) under
 * {@code ERRORS_RETURN} and under the handler a communicator starts with (MPJ Express's behaviour; see
 * {@link Errhandler}).
 * The call is named from the stack: the outermost frame of package {@code mpi} below the caller's code.
 */
final class ErrorHandling
{
    private static final String[] CLASS_NAMES = {"MPI.SUCCESS", "MPI.ERR_BUFFER", "MPI.ERR_COUNT", "MPI.ERR_TYPE",
        "MPI.ERR_TAG", "MPI.ERR_COMM", "MPI.ERR_RANK", "MPI.ERR_REQUEST", "MPI.ERR_ROOT", "MPI.ERR_GROUP",
        "MPI.ERR_OP", "MPI.ERR_TOPOLOGY", "MPI.ERR_DIMS", "MPI.ERR_ARG", "MPI.ERR_UNKNOWN", "MPI.ERR_TRUNCATE",
        "MPI.ERR_OTHER", "MPI.ERR_INTERN", "MPI.ERR_PENDING", "MPI.ERR_IN_STATUS"};

    private ErrorHandling()
    {
    }

    /**
     * @param comm  the communicator of the call, or null for calls without one (then COMM_WORLD's handler applies).
     * @param error what went wrong.
     * @return {@code error}, for the caller to throw, when the handler returns; never returns under a fatal handler
     * the program set.
     */
    static MPIException raise(final Comm comm, final MPIException error)
    {
        final Comm reporter = comm == null || comm.Is_null() || comm.isFreed() ? MPI.COMM_WORLD : comm;
        if (!MPI.Initialized() || reporter == null || !reporter.errhandler().isFatal()
            || !reporter.errhandlerChosen())
        {
            return error;
        }
        MPI.abort(error.getErrorClass(), "MPI error " + errorClassName(error.getErrorClass()) + " in " + callName()
            + " on rank " + MPI.worldRank() + (comm == null ? "" : " (" + comm.describe() + ")")
            + " under MPI.ERRORS_ARE_FATAL: " + error.getMessage());
        return error;
    }

    /** @return e.g. {@code MPI.ERR_RANK}, or the number for a class outside the predefined ones. */
    static String errorClassName(final int errorClass)
    {
        return errorClass >= 0 && errorClass < CLASS_NAMES.length ? CLASS_NAMES[errorClass]
            : "error class " + errorClass;
    }

    /** @return e.g. {@code Comm.Send}: the last frame in package {@code mpi} before the application's code. */
    static String callName()
    {
        return StackWalker.getInstance().walk(frames ->
        {
            String call = "an MPI call";
            for (final Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext();)
            {
                final StackWalker.StackFrame frame = it.next();
                final String className = frame.getClassName();
                if (className.equals(ErrorHandling.class.getName()))
                {
                    continue;
                }
                if (!className.startsWith("mpi.") || className.lastIndexOf('.') != 3)
                {
                    break;
                }
                final String simple = className.substring(4);
                final int nested = simple.indexOf('$');
                call = (nested < 0 ? simple : simple.substring(0, nested)) + "." + frame.getMethodName();
            }
            return call;
        });
    }
}
