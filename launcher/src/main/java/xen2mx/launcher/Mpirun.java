package xen2mx.launcher;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import xen2mx.boot.JobEnvironment;
import xen2mx.boot.RendezvousAddress;

/**
 * {@code mpirun}: parses the command line, checks slots and the runtime, starts the rendezvous service and
 * supervises the job. See {@code mpirun --help} and {@link ExitStatus}.
 */
public final class Mpirun
{
    private static final int OUTPUT_BUFFER = 1 << 16;

    private final Map<String, String> env;
    private final ConsoleSink console;
    private final OutputStream out;
    private final OutputStream err;

    private Mpirun(final Map<String, String> env, final OutputStream out, final OutputStream err)
    {
        this.env = env;
        this.out = out;
        this.err = err;
        this.console = new ConsoleSink(out, err, jobId(), false);
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), OUTPUT_BUFFER);
        final OutputStream err = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), OUTPUT_BUFFER);
        final int status = new Mpirun(System.getenv(), out, err).run(args);
        System.exit(status);
    }

    private int run(final String[] args)
    {
        final LaunchOptions options;
        try
        {
            options = new LaunchOptionsParser(env).parse(args);
            if (options.help())
            {
                printHelp();
                return ExitStatus.SUCCESS;
            }
            return launch(options);
        }
        catch (final UsageException ex)
        {
            console.message(Banners.usage(ex.getMessage()));
            return ExitStatus.USAGE;
        }
        catch (final IOException ex)
        {
            console.message("mpirun: cannot start the rendezvous service: " + ex.getMessage());
            return ExitStatus.FAILURE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitStatus.FAILURE;
        }
    }

    private int launch(final LaunchOptions options) throws UsageException, IOException, InterruptedException
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        final List<HostEntry> hosts = hosts(options, cores);
        final LaunchAgent agent = options.launchAgent();
        final int size = SlotPlan.of(hosts, cores).ranks(options.np(), options.oversubscribe());
        final RankMap map = hosts == null ? RankMap.local(size, LocalHost.name())
            : RankMap.of(thisMachineAsOneNode(hosts), size, options.mapBy(), host -> reach(host, agent));
        if (options.displayMap() || options.doNotLaunch())
        {
            printMap(map);
            if (options.doNotLaunch())
            {
                return ExitStatus.SUCCESS;
            }
        }
        final Path runtimeLib = runtimeLib();
        if (options.jar() != null && !Files.isReadable(options.jar()))
        {
            throw new UsageException("-jar " + options.jar() + ": no such readable file");
        }
        if (options.wdir() != null && !Files.isDirectory(options.wdir())
            && (map.uses(RankMap.Reach.LOCAL) || map.usesAgent()))
        {
            throw new UsageException("--wdir " + options.wdir() + ": no such directory");
        }
        final String mainClass = options.jar() != null ? null
            : new CommandResolver(Mpirun.class.getClassLoader()).resolve(options.program());

        final ConsoleSink sink = new ConsoleSink(out, err, jobId(), options.tagOutput());
        final boolean remote = map.uses(RankMap.Reach.SSH);
        final RendezvousDirectory directory = map.usesAgent() || remote
            ? RendezvousDirectory.create(Path.of(System.getProperty("java.io.tmpdir"))) : null;
        final SshCommand ssh = !remote ? null : agent != null ? new SshCommand(directory.knownHosts(), agent.words())
            : new SshCommand(directory.knownHosts());
        final EmbeddedBackend embedded = hosts == null && options.launchAgent() == null
            ? EmbeddedBackend.startIfNeeded(options, env, options.verbosity(), sink::message) : null;
        final LaunchOptions effective = embedded == null ? options : embedded.apply(options);
        final Map<String, RemoteHost> remoteHosts;
        try
        {
            remoteHosts = ssh == null && !paravirt(effective) && (hosts == null || hosts.stream()
                .allMatch(h -> h.backend() == null)) ? Map.of()
                : new Preflight(ssh, probeRequest(effective, runtimeLib)).check(map);
        }
        catch (final PreflightException ex)
        {
            if (embedded != null)
            {
                embedded.close();
            }
            if (directory != null)
            {
                directory.close();
            }
            console.message("mpirun: preflight failed on " + ex.failures().size() + " check(s); no rank was "
                + "started:");
            ex.failures().forEach(f -> console.message("  " + f));
            console.flush();
            return ExitStatus.FAILURE;
        }
        remoteHosts.values().stream().filter(RemoteHost::shipped).forEach(h -> console.message("mpirun: copied the "
            + "runtime to " + h.node() + ":" + h.runtimeLib()));
        final RendezvousServer[] serverRef = new RendezvousServer[1];
        final ProcessLauncher launcher = RemoteRankProcess.wrapping(new ChildProcessLauncher(),
            rank -> serverRef[0].disconnect(rank));
        final RankSpawner spawner = new RankSpawner(launcher, javaExecutable(), runtimeLib, ssh, remoteHosts);
        final JobSupervisor supervisor = new JobSupervisor(spawner, sink, LaunchContext.KILL_GRACE);
        final RendezvousServer server = new RendezvousServer(size, supervisor);
        serverRef[0] = server;
        final Runnable cleanup = () ->
        {
            if (embedded != null)
            {
                embedded.close();
            }
            server.close();
            if (directory != null)
            {
                directory.close();
            }
        };
        try
        {
            final RendezvousPoint tcp = remote ? loopbackView(server.listenTcp(wildcard()))
                : server.listenTcp(InetAddress.getLoopbackAddress());
            final RendezvousPoint unix = map.usesAgent() ? server.listenUnix(directory.socket()) : null;
            server.start();
            final JobPlan plan = new JobPlan(effective, jobId(), size, mainClass, new JobRendezvous(tcp, unix), map,
                env);
            if (options.verbosity() >= 2)
            {
                map.describe().forEach(line -> sink.message("mpirun: job " + plan.jobId() + " node " + line));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                supervisor.terminateFromSignal();
                cleanup.run();
            }, "x2mx-mpirun-stop"));
            return supervisor.run(plan);
        }
        finally
        {
            cleanup.run();
        }
    }

    /** @return the job's hosts: the hostfile, {@code -H}, the Slurm allocation, or null for this machine alone. */
    private List<HostEntry> hosts(final LaunchOptions options, final int cores) throws UsageException
    {
        if (options.hostfile() != null)
        {
            return new HostfileParser(cores).parse(options.hostfile());
        }
        return options.hosts() != null ? options.hosts() : SlurmAllocation.hosts(env);
    }

    /**
     * @return how ranks reach {@code host}: this machine directly; else the launch agent when one is given and it is
     *         not an ssh client; else ssh (the agent's ssh client when it is one).
     */
    static RankMap.Reach reach(final String host, final LaunchAgent agent)
    {
        if (host.equals(LocalHost.name()))
        {
            return RankMap.Reach.LOCAL;
        }
        if (agent != null && !SshCommand.isSsh(agent))
        {
            return RankMap.Reach.AGENT;
        }
        return LocalHost.isLocal(host) ? RankMap.Reach.LOCAL : RankMap.Reach.SSH;
    }

    private void printMap(final RankMap map) throws IOException
    {
        final StringBuilder text = new StringBuilder("mpirun: job map, " + map.size() + " rank(s):"
            + System.lineSeparator());
        map.table().forEach(line -> text.append(line).append(System.lineSeparator()));
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private PreflightProbe.Request probeRequest(final LaunchOptions options, final Path runtimeLib)
        throws IOException
    {
        final List<String> classpath = new ArrayList<>();
        final String user = options.classpath() != null ? options.classpath()
            : env.getOrDefault(LaunchContext.CLASSPATH_ENV, "");
        for (final String entry : user.split(File.pathSeparator))
        {
            if (entry.startsWith("/") && !entry.endsWith("*"))
            {
                classpath.add(entry);
            }
        }
        if (options.jar() != null)
        {
            classpath.add(options.jar().toAbsolutePath().toString());
        }
        final Map<String, String> mca = new LinkedHashMap<>(JobEnvironment.mcaParameters(env));
        mca.putAll(options.mca());
        return new PreflightProbe.Request(RuntimeImage.of(runtimeLib), javaExecutable(),
            (options.wdir() != null ? options.wdir() : Path.of(System.getProperty("user.dir"))).toString(),
            options.wdir() != null, classpath, mca.get(RankSpawner.MODE_PARAMETER),
            mca.get(RankSpawner.BACKEND_PARAMETER));
    }

    private boolean paravirt(final LaunchOptions options)
    {
        final Map<String, String> mca = new LinkedHashMap<>(JobEnvironment.mcaParameters(env));
        mca.putAll(options.mca());
        return paravirt(mca);
    }

    private static boolean paravirt(final Map<String, String> mca)
    {
        return RankSpawner.PARAVIRT.equals(mca.get(RankSpawner.MODE_PARAMETER));
    }

    /** @return the wildcard address, IPv6 when this machine has it (it also accepts IPv4 on Linux). */
    private static InetAddress wildcard()
    {
        return new InetSocketAddress(0).getAddress();
    }

    /** @return the same endpoint, as ranks on this machine reach it: through the loopback address. */
    private static RendezvousPoint loopbackView(final RendezvousPoint bound)
    {
        final RendezvousAddress.Tcp tcp = (RendezvousAddress.Tcp)bound.address();
        return new RendezvousPoint(new RendezvousAddress.Tcp(InetAddress.getLoopbackAddress().getHostAddress(),
            tcp.port()), bound.token());
    }

    /** @return the hosts with every name of this machine ({@code localhost}, its name) written as its name. */
    private static List<HostEntry> thisMachineAsOneNode(final List<HostEntry> hosts)
    {
        return hosts.stream().map(h -> LocalHost.isThisMachineByName(h.host()) ? h.named(LocalHost.name()) : h)
            .toList();
    }

    private Path runtimeLib() throws UsageException
    {
        final String lib = System.getProperty(LaunchContext.RUNTIME_LIB_PROPERTY);
        if (lib == null || !Files.isDirectory(Path.of(lib)))
        {
            throw new UsageException("the runtime directory " + (lib == null ? "(system property "
                + LaunchContext.RUNTIME_LIB_PROPERTY + " not set)" : lib + " does not exist")
                + "; start mpirun through launcher/bin/mpirun");
        }
        return Path.of(lib);
    }

    private void printHelp() throws UsageException
    {
        final StringBuilder text = new StringBuilder();
        try (InputStream in = Mpirun.class.getResourceAsStream("mpirun-help.txt"))
        {
            text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException | NullPointerException ex)
        {
            throw new UsageException("help text missing from the launcher jar");
        }
        final Map<String, String> commands = new CommandResolver(Mpirun.class.getClassLoader()).commands();
        if (!commands.isEmpty())
        {
            text.append(System.lineSeparator()).append("Bundled programs:").append(System.lineSeparator());
            commands.forEach((name, cls) -> text.append(String.format("  %-22s %s%n", name, cls)));
        }
        try
        {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (final IOException ignored)
        {
            // stdout closed: nothing to show the help on
        }
    }

    private static String javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jobId()
    {
        return Long.toString(ProcessHandle.current().pid());
    }
}
