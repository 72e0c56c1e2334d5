package xen2mx.btl.mx.driver;

/** A driver operation off the hot path (opening an endpoint, creating a driver) failed. */
public final class DriverException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final DriverStatus status;

    /**
     * @param status  why.
     * @param message one line for the user.
     */
    public DriverException(final DriverStatus status, final String message)
    {
        super(message);
        this.status = status;
    }

    /** @return why the operation failed. */
    public DriverStatus status()
    {
        return status;
    }
}
