package xen2mx.btl.mx.media;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a task on a fresh thread that has entered a named network namespace ({@code setns(2)} on
 * {@code /run/netns/NAME}, as {@code ip netns exec} uses): sockets the task opens belong to that namespace for their
 * whole life, whichever thread uses them later, and {@link NetInterfaces} run by it sees that namespace's
 * interfaces. The calling thread and the rest of the JVM stay where they are. Needs {@code CAP_SYS_ADMIN}.
 *
 * <pre>{@code
 * RawSocketChannel channel = InNetworkNamespace.call("x2mx-1a2b3c-h0", () -> RawSocketChannel.open("mx0"));
 * }</pre>
 */
public final class InNetworkNamespace
{
    private static final Path NAMED_NAMESPACES = Path.of("/run/netns");
    private static final long TIMEOUT_SECONDS = 30;

    private InNetworkNamespace()
    {
    }

    /**
     * @param namespace a name under {@code /run/netns} or an absolute path to a namespace file (e.g.
     *                  {@code /proc/PID/ns/net}).
     * @param task      what to run inside it; at most 30 s.
     * @param <T>       what the task returns.
     * @return what the task returned.
     * @throws MediaException if the namespace cannot be entered, the task throws (as the cause), or it overruns.
     */
    public static <T> T call(final String namespace, final Callable<T> task)
    {
        final String path = namespace.startsWith("/") ? namespace : NAMED_NAMESPACES.resolve(namespace).toString();
        final FutureTask<T> future = new FutureTask<>(() ->
        {
            enter(path);
            return task.call();
        });
        final Thread thread = new Thread(future, "netns " + namespace);
        thread.setDaemon(true);
        thread.start();
        try
        {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof MediaException media)
            {
                throw media;
            }
            final MediaException failure = new MediaException("in network namespace " + namespace + ": " +
                ex.getCause());
            failure.initCause(ex.getCause());
            throw failure;
        }
        catch (final TimeoutException ex)
        {
            thread.interrupt();
            throw new MediaException("a task in network namespace " + namespace + " ran longer than " +
                TIMEOUT_SECONDS + " s");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while waiting for a task in network namespace " + namespace);
        }
    }

    private static void enter(final String path)
    {
        final int fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new MediaException("cannot open network namespace " + path + ": " + LibC.describe(LibC.errno()));
        }
        try
        {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0)
            {
                throw new MediaException("cannot enter network namespace " + path + ": " +
                    LibC.describe(LibC.errno()) + " (needs CAP_SYS_ADMIN: run as root)");
            }
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
