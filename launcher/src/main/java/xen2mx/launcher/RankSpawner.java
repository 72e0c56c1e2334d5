package xen2mx.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xen2mx.boot.JobEnvironment;

/**
 * Builds each rank's command line and environment and starts it through a {@link ProcessLauncher}.
 *
 * <p>Command line: {@code <java> <--jvm-args...> -cp <runtimeLib>/*:<user classpath>[:<jar>]
 * xen2mx.boot.RankMain <MainClass | -jar jar> <user args...>}. The user classpath is {@code -cp}, else
 * {@code $CLASSPATH}, else {@code .}, as for {@code java}. The runtime comes first so a user's classes cannot
 * shadow it.
 *
 * <p>Ranks on ssh nodes use the {@code java} and runtime directory preflight found there ({@link RemoteHost}),
 * and start in the host's working directory; the others start in {@code --wdir} (or mpirun's directory).
 *
 * <p>Environment, on top of mpirun's own (which ssh ranks do not inherit: they get its {@code X2MX_MCA_*}
 * explicitly): {@code -x} variables, {@code X2MX_MCA_btl_xen2mx_backend} from the host's {@code backend=} with
 * {@code X2MX_MCA_btl_xen2mx_mode=paravirt} unless the user chose a mode, {@code X2MX_MCA_<key>} for each
 * {@code --mca} parameter (which wins),
 * {@code X2MX_VERBOSE} when {@code -v} was given, then the job variables of {@link JobEnvironment} (which always
 * win). Local rank and size count the ranks of the rank's node ({@link RankMap}); the rendezvous endpoint and its
 * token are the ones the rank's {@link RankRoute} can reach (TCP directly, the UNIX socket through an agent).
 */
public final class RankSpawner
{
    /** MCA parameter a host's {@code backend=} sets for its ranks. */
    public static final String BACKEND_PARAMETER = "btl_xen2mx_backend";
    /** MCA parameter of the xen2mx BTL's mode. */
    public static final String MODE_PARAMETER = "btl_xen2mx_mode";
    /** The mode a host's {@code backend=} implies unless the user chose one. */
    public static final String PARAVIRT = "paravirt";

    private final ProcessLauncher launcher;
    private final String javaExecutable;
    private final Path runtimeLib;
    private final SshCommand ssh;
    private final Map<String, RemoteHost> remote;

    /**
     * A spawner for ranks on this machine (directly or through a launch agent).
     *
     * @param launcher       starts processes.
     * @param javaExecutable the {@code java} binary for ranks.
     * @param runtimeLib     the directory holding every runtime jar.
     */
    public RankSpawner(final ProcessLauncher launcher, final String javaExecutable, final Path runtimeLib)
    {
        this(launcher, javaExecutable, runtimeLib, null, Map.of());
    }

    /**
     * @param launcher       starts processes.
     * @param javaExecutable the {@code java} binary for ranks on this machine.
     * @param runtimeLib     the directory holding every runtime jar on this machine.
     * @param ssh            how ssh nodes are reached, or null when there are none.
     * @param remote         what preflight found on each ssh node, by node.
     */
    public RankSpawner(final ProcessLauncher launcher, final String javaExecutable, final Path runtimeLib,
        final SshCommand ssh, final Map<String, RemoteHost> remote)
    {
        this.launcher = launcher;
        this.javaExecutable = javaExecutable;
        this.runtimeLib = runtimeLib;
        this.ssh = ssh;
        this.remote = Map.copyOf(remote);
    }

    /**
     * @param job  the job.
     * @param rank the rank to describe.
     * @return the rank's command line and environment.
     */
    public RankLaunchSpec spec(final JobPlan job, final int rank)
    {
        final LaunchOptions o = job.options();
        final RankMap.Placement place = job.map().placement(rank);
        final HostEntry host = job.map().host(place.node());
        final RemoteHost far = place.reach() == RankMap.Reach.SSH ? remote.get(place.node()) : null;
        if (place.reach() == RankMap.Reach.SSH && (far == null || ssh == null))
        {
            throw new IllegalStateException("node " + place.node() + " was not checked by preflight");
        }
        final List<String> command = new ArrayList<>();
        command.add(far != null ? far.java() : javaExecutable);
        command.addAll(o.jvmArgs());
        command.add("-cp");
        command.add(classpath(o, job.environment(), far != null ? far.runtimeLib()
            : runtimeLib.toAbsolutePath().toString()));
        command.add(LaunchContext.RANK_MAIN_CLASS);
        if (o.jar() != null)
        {
            command.add("-jar");
            command.add(o.jar().toAbsolutePath().toString());
        }
        else
        {
            command.add(job.mainClass());
        }
        command.addAll(o.programArgs());

        final RankRoute route = switch (place.reach())
        {
            case LOCAL -> RankRoute.DIRECT;
            case AGENT -> new RankRoute.Agent(o.launchAgent());
            case SSH -> new RankRoute.Ssh(ssh, host, far);
        };
        final RendezvousPoint rendezvous = route.rendezvous(job.rendezvous());
        final Map<String, String> env = new LinkedHashMap<>(o.exports());
        mca(job, place, host).forEach((k, v) -> env.put(JobEnvironment.MCA_PREFIX + k, v));
        if (o.verbosity() > 0)
        {
            env.put(JobEnvironment.VERBOSE, Integer.toString(o.verbosity()));
        }
        env.put(JobEnvironment.JOB_ID, job.jobId());
        env.put(JobEnvironment.RANK, Integer.toString(rank));
        env.put(JobEnvironment.SIZE, Integer.toString(job.size()));
        env.put(JobEnvironment.LOCAL_RANK, Integer.toString(place.localRank()));
        env.put(JobEnvironment.LOCAL_SIZE, Integer.toString(place.localSize()));
        env.put(JobEnvironment.RENDEZVOUS, rendezvous.address().text());
        env.put(JobEnvironment.RENDEZVOUS_TOKEN, rendezvous.token());
        return new RankLaunchSpec(rank, place.node(), route, command, env, rank == 0,
            far == null && o.wdir() != null ? o.wdir().toAbsolutePath() : null);
    }

    /**
     * @param job  the job.
     * @param rank the rank to start.
     * @return the running rank.
     * @throws IOException when the process cannot be started.
     */
    public RankProcess spawn(final JobPlan job, final int rank) throws IOException
    {
        return launcher.start(spec(job, rank));
    }

    /**
     * @return the rank's MCA parameters beyond those it inherits: mpirun's own {@code X2MX_MCA_*} for an ssh rank
     *         (which inherits nothing), then the host's {@code backend=} with the paravirtual mode unless the user
     *         chose a mode, then {@code --mca} (which wins).
     */
    private static Map<String, String> mca(final JobPlan job, final RankMap.Placement place, final HostEntry host)
    {
        final LaunchOptions o = job.options();
        final Map<String, String> inherited = JobEnvironment.mcaParameters(job.environment());
        final Map<String, String> mca = new LinkedHashMap<>();
        if (place.reach() == RankMap.Reach.SSH)
        {
            mca.putAll(inherited);
        }
        if (host != null && host.backend() != null)
        {
            mca.put(BACKEND_PARAMETER, host.backend().toString());
            if (!o.mca().containsKey(MODE_PARAMETER) && !inherited.containsKey(MODE_PARAMETER))
            {
                mca.put(MODE_PARAMETER, PARAVIRT);
            }
        }
        mca.putAll(o.mca());
        return mca;
    }

    private static String classpath(final LaunchOptions o, final Map<String, String> launcherEnv, final String lib)
    {
        final String user = o.classpath() != null ? o.classpath()
            : launcherEnv.getOrDefault(LaunchContext.CLASSPATH_ENV, ".");
        final StringBuilder cp = new StringBuilder(lib + File.separator + "*");
        if (!user.isEmpty())
        {
            cp.append(File.pathSeparatorChar).append(user);
        }
        if (o.jar() != null)
        {
            cp.append(File.pathSeparatorChar).append(o.jar().toAbsolutePath());
        }
        return cp.toString();
    }
}
