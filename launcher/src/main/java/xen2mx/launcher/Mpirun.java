package xen2mx.launcher;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        final List<HostEntry> hosts = options.hostfile() != null ? new HostfileParser(cores).parse(options.hostfile())
            : options.hosts();
        final LaunchAgent agent = options.launchAgent();
        final int size = SlotPlan.of(hosts, cores, agent != null).ranks(options.np(), options.oversubscribe());
        final RankMap map = hosts == null || agent == null ? RankMap.local(size, LocalHost.name())
            : RankMap.of(thisMachineAsOneNode(hosts), size, options.mapBy(),
                host -> !host.equals(LocalHost.name()));
        final Path runtimeLib = runtimeLib();
        if (options.jar() != null && !Files.isReadable(options.jar()))
        {
            throw new UsageException("-jar " + options.jar() + ": no such readable file");
        }
        final String mainClass = options.jar() != null ? null
            : new CommandResolver(Mpirun.class.getClassLoader()).resolve(options.program());

        final ConsoleSink sink = new ConsoleSink(out, err, jobId(), options.tagOutput());
        final RankSpawner spawner = new RankSpawner(new ChildProcessLauncher(), javaExecutable(), runtimeLib);
        final JobSupervisor supervisor = new JobSupervisor(spawner, sink, LaunchContext.KILL_GRACE);
        final RendezvousServer server = new RendezvousServer(size, supervisor);
        final RendezvousDirectory directory = map.usesAgent()
            ? RendezvousDirectory.create(Path.of(System.getProperty("java.io.tmpdir"))) : null;
        final EmbeddedBackend embedded = EmbeddedBackend.startIfNeeded(options, env, options.verbosity(),
            sink::message);
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
            final RendezvousPoint tcp = server.listenTcp(InetAddress.getLoopbackAddress());
            final RendezvousPoint unix = directory == null ? null : server.listenUnix(directory.socket());
            server.start();
            final LaunchOptions effective = embedded == null ? options : embedded.apply(options);
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

    /** @return the hosts with every name of this machine ({@code localhost}, its name) written as its name. */
    private static List<HostEntry> thisMachineAsOneNode(final List<HostEntry> hosts)
    {
        return hosts.stream().map(h -> LocalHost.isThisMachineByName(h.host())
            ? new HostEntry(LocalHost.name(), h.slots(), h.source()) : h).toList();
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
