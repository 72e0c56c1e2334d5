package mpi;

/**
 * An error raised by an MPI call. Unchecked, as in MPJ Express, so programs need not declare it; carries the MPI
 * error class ({@link MPI#ERR_ARG}, {@link MPI#ERR_RANK}, ...).
 */
public class MPIException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int errorClass;

    public MPIException()
    {
        this(MPI.ERR_OTHER, "MPI error");
    }

    public MPIException(final String message)
    {
        this(MPI.ERR_OTHER, message);
    }

    public MPIException(final Throwable cause)
    {
        super(cause.getMessage(), cause);
        this.errorClass = cause instanceof MPIException ? ((MPIException)cause).errorClass : MPI.ERR_OTHER;
    }

    public MPIException(final int errorClass, final String message)
    {
        super(message);
        this.errorClass = errorClass;
    }

    public MPIException(final int errorClass, final String message, final Throwable cause)
    {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /** @return the MPI error class, one of the {@code MPI.ERR_*} constants. */
    public int getErrorClass()
    {
        return errorClass;
    }

    /** @return the MPI error class (the mpiJava spelling). */
    public int Get_error_class()
    {
        return errorClass;
    }
}
