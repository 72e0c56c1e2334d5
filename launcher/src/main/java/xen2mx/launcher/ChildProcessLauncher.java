package xen2mx.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts every rank as one child process of this JVM with {@link ProcessBuilder}, whatever its
 * {@link RankRoute}: the rank's {@code java} itself, or the launch agent that becomes (or runs) the rank on its
 * host. stdout and stderr are pipes, stdin is mpirun's for rank 0 and empty for the others; a route with a
 * {@link RankRoute#stdinPreamble stdin preamble} (ssh) gets that line first, then mpirun's stdin copied (rank 0) or
 * end of file.
 *
 * <p>Supervision is the same for every route: the child's exit is the rank's exit, and
 * {@link RankProcess#terminate()}/{@link RankProcess#kill()} signal the child and every descendant seen. An agent
 * that execs the rank ({@code ip netns exec} outside batch mode, then {@code env}) makes the child the rank JVM
 * itself; an agent that forks has the rank among the child's descendants. A rank that escapes both (a remote
 * host) still ends itself when its control connection to mpirun closes.
 */
public final class ChildProcessLauncher implements ProcessLauncher
{
    private static final File NO_INPUT = new File("/dev/null");

    @Override
    public RankProcess start(final RankLaunchSpec spec) throws IOException
    {
        final ProcessBuilder pb = new ProcessBuilder(spec.route().argv(spec));
        pb.environment().putAll(spec.route().childEnvironment(spec));
        if (spec.workDir() != null)
        {
            pb.directory(spec.workDir().toFile());
        }
        final String preamble = spec.route().stdinPreamble(spec);
        if (preamble == null)
        {
            pb.redirectInput(spec.inheritStdin() ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.from(NO_INPUT));
            return new LocalRankProcess(pb.start());
        }
        final Process process = pb.start();
        final OutputStream stdin = process.getOutputStream();
        try
        {
            stdin.write((preamble + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
            throw ex;
        }
        if (spec.inheritStdin())
        {
            forward(System.in, stdin);
        }
        else
        {
            stdin.close();
        }
        return new LocalRankProcess(process);
    }

    /** Copies mpirun's stdin to a rank's until either ends, on a daemon thread. */
    private static void forward(final InputStream from, final OutputStream to)
    {
        final Thread t = new Thread(() ->
        {
            try (to)
            {
                final byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) > 0)
                {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
            catch (final IOException ignored)
            {
                // the rank or mpirun's stdin is gone: nothing left to forward
            }
        }, "x2mx-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** A child process and the descendants it was seen to have. */
    private static final class LocalRankProcess implements RankProcess
    {
        private final Process process;
        private final CompletableFuture<Integer> exit;
        private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

        LocalRankProcess(final Process process)
        {
            this.process = process;
            this.exit = process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public InputStream stdout()
        {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr()
        {
            return process.getErrorStream();
        }

        @Override
        public CompletableFuture<Integer> onExit()
        {
            return exit;
        }

        @Override
        public void terminate()
        {
            // collected before the parent dies: afterwards its children are re-parented and no longer found
            process.descendants().forEach(descendants::add);
            descendants.forEach(ProcessHandle::destroy);
            process.destroy();
        }

        @Override
        public void kill()
        {
            process.descendants().forEach(descendants::add);
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
