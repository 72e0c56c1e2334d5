package xen2mx.btl.mx.media;

/**
 * A media attachment cannot be opened or has failed: the message is one line that says what is wrong and, where
 * possible, how to fix it, fit to be printed to a user as is.
 */
public final class MediaException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and how to fix it. */
    public MediaException(final String message)
    {
        super(message);
    }
}
