package xen2mx.btl.mx.lib;

import java.util.Objects;

/** An MX call failed: the Java form of a non-{@link MxReturn#SUCCESS} {@code mx_return_t}. */
public final class MxException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final MxReturn code;

    /**
     * @param code    the MX return code, never {@link MxReturn#SUCCESS}.
     * @param message what failed, naming the argument or peer.
     */
    public MxException(final MxReturn code, final String message)
    {
        super(Objects.requireNonNull(code, "code") + ": " + message);
        if (code == MxReturn.SUCCESS)
        {
            throw new IllegalArgumentException("SUCCESS is not an error");
        }
        this.code = code;
    }

    /** @return the MX return code. */
    public MxReturn code()
    {
        return code;
    }
}
