package xen2mx.btl.mx.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code x2mx-backend} process for tests: started with this JVM's class path (optionally inside a network
 * namespace), ready once it printed its ready line; {@link #close()} sends SIGTERM (then SIGKILL after 5 s), and
 * {@link #kill()} is {@code kill -9}. Its stderr (the backend's log) is kept in a file, {@link #log()}.
 */
public final class BackendProcess implements AutoCloseable
{
    private static final long READY_SECONDS = 30;

    private final Process process;
    private final Path socket;
    private final Path log;

    private BackendProcess(final Process process, final Path socket, final Path log)
    {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Starts a backend without a NIC on a fresh socket in a temporary directory.
     *
     * @return the running backend.
     */
    public static BackendProcess start()
    {
        try
        {
            return start(Files.createTempDirectory("x2mx-pv").resolve("backend.sock"), null, List.of());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param socket the control socket.
     * @param iface  the NIC, or null for none.
     * @param prefix command words before {@code java}, e.g. {@code ip netns exec NS}.
     * @return the running backend, ready.
     */
    public static BackendProcess start(final Path socket, final String iface, final List<String> prefix)
    {
        final List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            BackendMain.class.getName(), "--socket", socket.toString()));
        if (iface != null)
        {
            command.addAll(List.of("--if", iface));
        }
        try
        {
            final Path log = Files.createTempFile("x2mx-backend", ".log");
            final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            final BackendProcess backend = new BackendProcess(process, socket, log);
            final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
            final CompletableFuture<String> ready = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return out.readLine();
                }
                catch (final IOException ex)
                {
                    return null;
                }
            });
            final String line;
            try
            {
                line = ready.get(READY_SECONDS, TimeUnit.SECONDS);
            }
            catch (final Exception ex)
            {
                backend.kill();
                throw new IllegalStateException("backend not ready in " + READY_SECONDS + " s: " + backend.logText());
            }
            if (line == null || !line.startsWith("x2mx-backend: ready on "))
            {
                backend.kill();
                throw new IllegalStateException("backend said " + line + ": " + backend.logText());
            }
            return backend;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the control socket. */
    public Path socket()
    {
        return socket;
    }

    /** @return the process. */
    public Process process()
    {
        return process;
    }

    /** @return the backend's log file. */
    public Path log()
    {
        return log;
    }

    /** @return the backend's log so far. */
    public String logText()
    {
        try
        {
            return Files.readString(log);
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill()
    {
        process.destroyForcibly();
        waitFor(5);
    }

    /** SIGTERM; SIGKILL if it is still there after 5 s. */
    @Override
    public void close()
    {
        process.destroy();
        if (!waitFor(5))
        {
            kill();
        }
    }

    private boolean waitFor(final int seconds)
    {
        try
        {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
