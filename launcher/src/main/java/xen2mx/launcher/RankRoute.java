package xen2mx.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import xen2mx.boot.JobEnvironment;
import xen2mx.boot.RendezvousAddress;

/**
 * How a rank's command reaches its host. Every route ends in one child process of mpirun whose lifetime is the
 * rank's (see {@link ChildProcessLauncher}); routes differ only in the command line forked, in where the rank's
 * variables are put, and in which rendezvous endpoint the rank can reach.
 */
public sealed interface RankRoute permits RankRoute.Direct, RankRoute.Agent, RankRoute.Ssh
{
    /** The route of ranks on this machine's own network. */
    RankRoute DIRECT = new Direct();

    /**
     * @param spec the rank.
     * @return the command line mpirun forks.
     */
    List<String> argv(RankLaunchSpec spec);

    /**
     * @param spec the rank.
     * @return variables to set on the forked child, on top of mpirun's own.
     */
    Map<String, String> childEnvironment(RankLaunchSpec spec);

    /**
     * @param rendezvous the job's endpoints.
     * @return the one this route's ranks can reach.
     */
    RendezvousPoint rendezvous(JobRendezvous rendezvous);

    /**
     * @param spec the rank.
     * @return a line mpirun writes to the forked child's stdin before anything else (then it forwards its own
     *         stdin for rank 0, or closes it), or null to give the child mpirun's stdin or an empty one directly.
     */
    default String stdinPreamble(final RankLaunchSpec spec)
    {
        return null;
    }

    /** Forks the rank's {@code java} itself, variables in the child's environment; reaches the TCP endpoint. */
    record Direct() implements RankRoute
    {
        @Override
        public List<String> argv(final RankLaunchSpec spec)
        {
            return spec.command();
        }

        @Override
        public Map<String, String> childEnvironment(final RankLaunchSpec spec)
        {
            return spec.environment();
        }

        @Override
        public RendezvousPoint rendezvous(final JobRendezvous rendezvous)
        {
            return rendezvous.tcp();
        }
    }

    /**
     * Forks the launch agent with the host and the rank's command, variables as {@code env} assignments. The
     * agent runs the rank on this machine's file system (a network namespace), so it reaches the UNIX socket.
     *
     * @param agent the agent.
     */
    record Agent(LaunchAgent agent) implements RankRoute
    {
        @Override
        public List<String> argv(final RankLaunchSpec spec)
        {
            return agent.command(spec.node(), spec.environment(), spec.command());
        }

        @Override
        public Map<String, String> childEnvironment(final RankLaunchSpec spec)
        {
            return Map.of();
        }

        @Override
        public RendezvousPoint rendezvous(final JobRendezvous rendezvous)
        {
            return rendezvous.unix() != null ? rendezvous.unix() : rendezvous.tcp();
        }
    }

    /**
     * Forks {@code ssh} to the host with one remote shell command: read the rendezvous token from the first line of
     * stdin (so it never shows in the host's process list), change to the host's working directory, then
     * {@code exec env NAME=VALUE... java ...}, every word quoted ({@link RemoteShell}), so the rank JVM is the
     * session's only process there. The rank reaches mpirun's TCP endpoint at the address its host sees mpirun at.
     *
     * @param ssh    the ssh command.
     * @param host   the host's entry.
     * @param remote what preflight found on the host.
     */
    record Ssh(SshCommand ssh, HostEntry host, RemoteHost remote) implements RankRoute
    {
        @Override
        public List<String> argv(final RankLaunchSpec spec)
        {
            final List<String> words = new ArrayList<>(1 + spec.environment().size() + spec.command().size());
            words.add(LaunchAgent.ENV_PROGRAM);
            spec.environment().forEach((name, value) ->
            {
                if (!name.equals(JobEnvironment.RENDEZVOUS_TOKEN))
                {
                    words.add(name + "=" + value);
                }
            });
            words.addAll(spec.command());
            return ssh.argv(host, "IFS= read -r " + JobEnvironment.RENDEZVOUS_TOKEN + " && export "
                + JobEnvironment.RENDEZVOUS_TOKEN + " && cd " + RemoteShell.quote(remote.workDir()) + " && exec "
                + RemoteShell.join(words));
        }

        @Override
        public String stdinPreamble(final RankLaunchSpec spec)
        {
            return spec.environment().get(JobEnvironment.RENDEZVOUS_TOKEN);
        }

        @Override
        public Map<String, String> childEnvironment(final RankLaunchSpec spec)
        {
            return Map.of();
        }

        @Override
        public RendezvousPoint rendezvous(final JobRendezvous rendezvous)
        {
            final RendezvousAddress.Tcp tcp = (RendezvousAddress.Tcp)rendezvous.tcp().address();
            return new RendezvousPoint(new RendezvousAddress.Tcp(remote.rendezvousHost(), tcp.port()),
                rendezvous.tcp().token());
        }
    }
}
