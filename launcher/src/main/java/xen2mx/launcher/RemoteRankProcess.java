package xen2mx.launcher;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * A rank on another host, seen through its local {@code ssh} process. Ending it ends both: the rank's control
 * connection is closed (its watchdog halts the JVM at once on the EOF, as no signal reaches across ssh without a
 * terminal), then the ssh process is signalled.
 */
final class RemoteRankProcess implements RankProcess
{
    private final RankProcess ssh;
    private final Runnable disconnect;

    /**
     * @param ssh        the local ssh process.
     * @param disconnect closes the rank's control connection.
     */
    RemoteRankProcess(final RankProcess ssh, final Runnable disconnect)
    {
        this.ssh = ssh;
        this.disconnect = disconnect;
    }

    /**
     * @param launcher   the launcher that forks ssh.
     * @param disconnect closes a rank's control connection, by rank.
     * @return a launcher whose ssh-routed ranks are {@link RemoteRankProcess}es.
     */
    static ProcessLauncher wrapping(final ProcessLauncher launcher, final IntConsumer disconnect)
    {
        return spec ->
        {
            final RankProcess p = launcher.start(spec);
            return spec.route() instanceof RankRoute.Ssh ? new RemoteRankProcess(p, () -> disconnect.accept(
                spec.rank())) : p;
        };
    }

    @Override
    public long pid()
    {
        return ssh.pid();
    }

    @Override
    public InputStream stdout()
    {
        return ssh.stdout();
    }

    @Override
    public InputStream stderr()
    {
        return ssh.stderr();
    }

    @Override
    public CompletableFuture<Integer> onExit()
    {
        return ssh.onExit();
    }

    @Override
    public void terminate()
    {
        disconnect.run();
        ssh.terminate();
    }

    @Override
    public void kill()
    {
        disconnect.run();
        ssh.kill();
    }
}
