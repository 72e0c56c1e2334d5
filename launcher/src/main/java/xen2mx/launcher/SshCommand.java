package xen2mx.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ssh} command lines mpirun runs to reach a host: never interactive ({@code BatchMode=yes}, no
 * terminal, no X11), bounded connection time, and no host-key prompt. Host keys: those in the user's
 * {@code ~/.ssh/known_hosts} are still verified (a changed key is refused); a host not in it is accepted on
 * first use and its key recorded in a job-private file listed first, so the user's file is never written. A host
 * with an {@code ssh_config=} file gets {@code ssh -F FILE} instead, and that file decides keys and identity.
 *
 * @param knownHosts the job-private known-hosts file (in mpirun's private directory).
 * @param client     the ssh client and its own options, e.g. {@code [ssh]} or {@code [ssh, -p, 2222]} from
 *                   {@code --launch-agent "ssh -p 2222"}.
 */
public record SshCommand(Path knownHosts, List<String> client)
{
    /** The ssh client. */
    public static final String SSH = "ssh";
    /** Seconds ssh may take to connect before it gives up. */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;

    /** Copies the client words. */
    public SshCommand
    {
        client = List.copyOf(client);
    }

    /**
     * The plain {@code ssh} client.
     *
     * @param knownHosts the job-private known-hosts file.
     */
    public SshCommand(final Path knownHosts)
    {
        this(knownHosts, List.of(SSH));
    }

    /**
     * @param agent a launch agent.
     * @return true when the agent is an ssh client (its program is named {@code ssh}): its hosts are then other
     *         machines, reached as ssh hosts are, with the agent's words as the client.
     */
    public static boolean isSsh(final LaunchAgent agent)
    {
        final Path program = Path.of(agent.words().get(0)).getFileName();
        return program != null && program.toString().equals(SSH);
    }

    /**
     * @param host          the host's entry.
     * @param remoteCommand the command for the remote shell, already quoted ({@link RemoteShell}).
     * @return the argv to fork.
     */
    public List<String> argv(final HostEntry host, final String remoteCommand)
    {
        final List<String> argv = new ArrayList<>(client);
        argv.addAll(List.of("-T", "-x",
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS,
            "-o", "ServerAliveInterval=2",
            "-o", "ServerAliveCountMax=3",
            "-o", "LogLevel=ERROR"));
        if (host.sshConfig() != null)
        {
            argv.add("-F");
            argv.add(host.sshConfig().toString());
        }
        else
        {
            argv.addAll(List.of("-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + knownHosts + " ~/.ssh/known_hosts"));
        }
        argv.add("--");
        argv.add(host.host());
        argv.add(remoteCommand);
        return argv;
    }
}
