package xen2mx.btl.mx.backend;

import java.io.PrintStream;
import java.time.Instant;

/** The backend's log: one line per event on a stream (stderr by default), prefixed {@code x2mx-backend:}. */
final class BackendLog
{
    private final PrintStream out;

    BackendLog(final PrintStream out)
    {
        this.out = out;
    }

    /** @param line what happened. */
    void info(final String line)
    {
        out.println("x2mx-backend: " + Instant.now() + " " + line);
        out.flush();
    }
}
