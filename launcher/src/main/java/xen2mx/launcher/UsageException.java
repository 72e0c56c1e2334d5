package xen2mx.launcher;

/** A command line or environment the launcher refuses; the message is one line, shown as {@code mpirun: msg}. */
public final class UsageException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the option or variable. */
    public UsageException(final String message)
    {
        super(message);
    }
}
