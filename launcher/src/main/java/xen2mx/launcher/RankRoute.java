package xen2mx.launcher;

import java.util.List;
import java.util.Map;

/**
 * How a rank's command reaches its host. Every route ends in one child process of mpirun whose lifetime is the
 * rank's (see {@link ChildProcessLauncher}); routes differ only in the command line forked, in where the rank's
 * variables are put, and in which rendezvous endpoint the rank can reach.
 */
public sealed interface RankRoute permits RankRoute.Direct, RankRoute.Agent
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
}
