package xen2mx.btl;

/** A failure inside a byte-transfer layer; the PML turns it into an {@code MPIException}. */
public class BtlException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public BtlException(final String message)
    {
        super(message);
    }

    public BtlException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
