package xen2mx.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import xen2mx.boot.JobEnvironment;
import xen2mx.btl.mx.MxBtl;
import xen2mx.btl.mx.backend.Backend;
import xen2mx.btl.mx.backend.BackendException;
import xen2mx.btl.mx.media.MediaException;

/**
 * The embedded default of the paravirtual xen2mx mode: on one host (no hostfile, no {@code -H}, no launch agent),
 * when the job may select xen2mx ({@code --btl} absent or naming it) in paravirtual mode ({@code btl_xen2mx_mode}
 * absent or {@code paravirt}), no {@code btl_xen2mx_backend} was given and no backend answers on the default socket,
 * {@code mpirun} runs a backend without a NIC inside its own process on a job-private socket, hands its path to the
 * ranks as {@code btl_xen2mx_backend}, and stops it when the job ends (normally, on failure, on abort or on a signal:
 * the backend lives and dies with {@code mpirun}). No root is needed.
 */
final class EmbeddedBackend implements AutoCloseable
{
    private final Backend backend;
    private final Path directory;

    private EmbeddedBackend(final Backend backend, final Path directory)
    {
        this.backend = backend;
        this.directory = directory;
    }

    /**
     * Starts the embedded backend if the job needs one.
     *
     * @param options   the command line.
     * @param env       mpirun's environment (MCA parameters may come from {@code X2MX_MCA_} variables).
     * @param verbosity {@code -v} count: with 2 or more the backend's log goes to stderr.
     * @param messages  where to say that it could not start.
     * @return the running backend, or null if the job does not need one.
     */
    static EmbeddedBackend startIfNeeded(final LaunchOptions options, final Map<String, String> env,
        final int verbosity, final Consumer<String> messages)
    {
        if (options.hostfile() != null || options.hosts() != null || options.launchAgent() != null
            || !mayUseXen2mx(parameter(options, env, LaunchContext.BTL_PARAMETER))
            || !MxBtl.MODE_PARAVIRT.equals(parameter(options, env, MxBtl.MODE_PARAM, MxBtl.MODE_PARAVIRT))
            || parameter(options, env, MxBtl.BACKEND_PARAM) != null || answers(Path.of(MxBtl.BACKEND_DEFAULT)))
        {
            return null;
        }
        Path directory = null;
        try
        {
            directory = Files.createTempDirectory("x2mx-job-");
            final PrintStream log = verbosity >= 2 ? System.err : new PrintStream(OutputStream.nullOutputStream());
            return new EmbeddedBackend(Backend.start(null, directory.resolve("backend.sock"), log), directory);
        }
        catch (final IOException | BackendException | MediaException ex)
        {
            messages.accept("mpirun: cannot start the embedded xen2mx backend: " + ex.getMessage());
            delete(directory);
            return null;
        }
    }

    /**
     * @param options the command line.
     * @return the same options with {@code btl_xen2mx_backend} naming this backend's socket.
     */
    LaunchOptions apply(final LaunchOptions options)
    {
        final Map<String, String> mca = new LinkedHashMap<>(options.mca());
        mca.put(MxBtl.BACKEND_PARAM, backend.socketPath().toString());
        return options.withMca(mca);
    }

    /** @return the socket the ranks attach to. */
    Path socket()
    {
        return backend.socketPath();
    }

    /** Stops the backend (its guests see their socket close) and removes its directory. Idempotent. */
    @Override
    public void close()
    {
        backend.close();
        delete(directory);
    }

    private static boolean mayUseXen2mx(final String btl)
    {
        if (btl == null)
        {
            return true;
        }
        final boolean exclude = btl.startsWith("^");
        boolean named = false;
        for (final String name : (exclude ? btl.substring(1) : btl).split(","))
        {
            named |= name.trim().equals("xen2mx");
        }
        return exclude != named;
    }

    private static String parameter(final LaunchOptions options, final Map<String, String> env, final String key)
    {
        return parameter(options, env, key, null);
    }

    private static String parameter(final LaunchOptions options, final Map<String, String> env, final String key,
        final String defaultValue)
    {
        final String value = options.mca().get(key);
        if (value != null)
        {
            return value.trim();
        }
        final String inherited = env.get(JobEnvironment.MCA_PREFIX + key);
        return inherited != null ? inherited.trim() : defaultValue;
    }

    private static boolean answers(final Path socket)
    {
        if (!Files.exists(socket))
        {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void delete(final Path directory)
    {
        if (directory == null)
        {
            return;
        }
        try
        {
            Files.deleteIfExists(directory.resolve("backend.sock"));
            Files.deleteIfExists(directory.resolve("backend.sock.lock"));
            Files.deleteIfExists(directory);
        }
        catch (final IOException ignored)
        {
            // a temporary directory left behind is harmless
        }
    }
}
