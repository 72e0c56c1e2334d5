package xen2mx.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Starts ranks as child processes of this JVM with {@link ProcessBuilder}; stdout and stderr are pipes. */
public final class LocalProcessLauncher implements ProcessLauncher
{
    private static final File NO_INPUT = new File("/dev/null");

    @Override
    public RankProcess start(final RankLaunchSpec spec) throws IOException
    {
        final ProcessBuilder pb = new ProcessBuilder(spec.command());
        pb.environment().putAll(spec.environment());
        pb.redirectInput(spec.inheritStdin() ? ProcessBuilder.Redirect.INHERIT
            : ProcessBuilder.Redirect.from(NO_INPUT));
        return new LocalRankProcess(pb.start());
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
