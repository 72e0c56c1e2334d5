package xen2mx.btl.mx.backend;

/** The backend cannot start or serve: one line for the user, without a stack trace. */
public final class BackendException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message one line. */
    public BackendException(final String message)
    {
        super(message);
    }
}
