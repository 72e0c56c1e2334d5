package xen2mx.launcher;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/** A started rank, as the supervisor sees it. Implementations are thread-safe. */
public interface RankProcess
{
    /** @return the operating system's process id. */
    long pid();

    /** @return the rank's standard output; read by one forwarder. */
    InputStream stdout();

    /** @return the rank's standard error; read by one forwarder. */
    InputStream stderr();

    /** @return completes with the exit status once the process has ended ({@code 128 + n} after signal n). */
    CompletableFuture<Integer> onExit();

    /** Asks the process and its descendants to end (SIGTERM). Harmless when they have ended. */
    void terminate();

    /** Ends the process and every descendant seen so far at once (SIGKILL). Harmless when they have ended. */
    void kill();
}
