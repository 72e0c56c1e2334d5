package xen2mx.launcher;

import java.util.List;

/** The checks that failed before any rank started, one line each: {@code host: check: detail}. */
public final class PreflightException extends Exception
{
    private static final long serialVersionUID = 1L;

    /** The failed checks. */
    private final List<String> failures;

    /** @param failures the failed checks, not empty. */
    public PreflightException(final List<String> failures)
    {
        super(String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    /** @return the failed checks, in host order. */
    public List<String> failures()
    {
        return failures;
    }
}
