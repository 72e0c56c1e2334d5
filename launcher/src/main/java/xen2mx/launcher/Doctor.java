package xen2mx.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code x2mx-doctor --hostfile F}: checks every host of a hostfile for MPI over xen2mx and says, per host and
 * check, {@code ok}, {@code WARN} or {@code FAIL} with the remedy. Checks: those of mpirun's preflight (dns,
 * reachable, ssh, java, runtime, shipped when missing), then on the host itself ({@link DoctorProbe}): clock skew
 * against this machine, the MX interface up, its MTU (a warning under {@code --mtu}, 9000 by default), raw socket
 * permission, the backend answering at the host's {@code backend=} socket; last an MXoE ping-pong
 * ({@code MxPingPong}) between every pair of hosts, the same-LAN check of Open-MX. Pairs run in rounds in which
 * every host takes part once. Exit status 0 only when nothing failed, 1 otherwise, 2 for bad options.
 */
public final class Doctor
{
    /** Clock skew beyond which a host fails. */
    static final long MAX_SKEW_MILLIS = 1_000;
    private static final String USAGE = "usage: x2mx-doctor (--hostfile FILE | -H HOST,...) [--if IFACE] [--mtu N] "
        + "[--no-ping]";
    private static final long PROBE_SECONDS = 30;
    private static final int PING_ENDPOINT = 7;
    private static final String PING_CLASS = "xen2mx.btl.mx.MxPingPong";

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private int warnings;
    private String iface;
    private int mtu = 9000;
    private boolean ping = true;
    private List<HostEntry> hostList;
    private Path hostfile;

    private Doctor(final PrintStream out)
    {
        this.out = out;
    }

    /** @param args see {@link #USAGE}. */
    public static void main(final String[] args)
    {
        System.exit(new Doctor(System.out).run(args));
    }

    int run(final String[] args)
    {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))
        {
            out.println(USAGE);
            out.println("Checks every host (ssh, Java, runtime, clock skew, interface, MTU, raw sockets, backend) and "
                + "ping-pongs MXoE frames between every pair; exit status 0 only when every check passes.");
            return ExitStatus.SUCCESS;
        }
        try
        {
            parse(args);
            final int cores = Runtime.getRuntime().availableProcessors();
            final List<HostEntry> hosts = hostfile != null ? new HostfileParser(cores).parse(hostfile) : hostList;
            return examine(hosts);
        }
        catch (final UsageException ex)
        {
            out.println("x2mx-doctor: " + ex.getMessage());
            out.println(USAGE);
            return ExitStatus.USAGE;
        }
        catch (final IOException ex)
        {
            out.println("x2mx-doctor: " + ex.getMessage());
            return ExitStatus.FAILURE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitStatus.FAILURE;
        }
    }

    private void parse(final String[] args) throws UsageException
    {
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--hostfile", "-hostfile", "--machinefile", "-f" -> hostfile = Path.of(need(args[i], value));
                case "-H", "--host" -> hostList = HostfileParser.parseHostList(need(args[i], value));
                case "--if" -> iface = need(args[i], value);
                case "--mtu" -> mtu = positive(args[i], need(args[i], value));
                case "--no-ping" ->
                {
                    ping = false;
                    continue;
                }
                default -> throw new UsageException("unknown option " + args[i]);
            }
            i++;
        }
        if ((hostfile == null) == (hostList == null))
        {
            throw new UsageException("give the hosts with --hostfile FILE or -H HOST,...");
        }
    }

    private int examine(final List<HostEntry> hosts) throws IOException, InterruptedException
    {
        final Path lib = Path.of(System.getProperty(LaunchContext.RUNTIME_LIB_PROPERTY, "."));
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final RankMap map = RankMap.of(hosts.stream().map(h -> LocalHost.isThisMachineByName(h.host())
            ? h.named(LocalHost.name()) : h).toList(), distinct(hosts), MapBy.NODE, h -> Mpirun.reach(h, null));
        final Path knownHosts = Files.createTempFile("x2mx-doctor-known-hosts-", "");
        try
        {
            final SshCommand ssh = new SshCommand(knownHosts);
            // mode "native": preflight leaves the backend sockets alone, the probe checks that they answer
            final Preflight.Outcome pre = new Preflight(ssh, new PreflightProbe.Request(RuntimeImage.of(lib), java,
                "/", false, List.of(), "native", null)).checkEach(map);
            pre.failures().forEach(f -> fail(f + remedy(f)));
            final Map<String, Remote> ready = new LinkedHashMap<>();
            for (final String node : allNodes(map))
            {
                final RemoteHost remote = pre.hosts().get(node);
                final boolean local = map.host(node) != null && Mpirun.reach(node, null) == RankMap.Reach.LOCAL;
                if (local || remote != null)
                {
                    ready.put(node, local ? new Remote(map.host(node), null, java, lib.toString(), ssh)
                        : new Remote(map.host(node), remote, remote.java(), remote.runtimeLib(), ssh));
                    if (remote != null)
                    {
                        ok(node, "ssh", "java " + remote.java() + (remote.shipped() ? ", runtime copied to "
                            + remote.runtimeLib() : ", runtime in " + remote.runtimeLib()));
                    }
                }
            }
            final Map<String, Interface> interfaces = probeAll(ready);
            if (ping)
            {
                pingPairs(ready, interfaces);
            }
        }
        finally
        {
            Files.deleteIfExists(knownHosts);
        }
        out.println("x2mx-doctor: " + (failures.isEmpty() ? "every check passed" : failures.size()
            + " check(s) failed") + (warnings > 0 ? ", " + warnings + " warning(s)" : "") + " on "
            + distinct(hosts) + " host(s)");
        out.flush();
        return failures.isEmpty() ? ExitStatus.SUCCESS : ExitStatus.FAILURE;
    }

    /** Runs the probe on every ready host at once; reports clock, interface, MTU, raw sockets, backend. */
    private Map<String, Interface> probeAll(final Map<String, Remote> ready) throws InterruptedException
    {
        final Map<String, CompletableFuture<CommandRun>> runs = new LinkedHashMap<>();
        final Map<String, Long> ends = new ConcurrentHashMap<>();
        ready.forEach((node, host) -> runs.put(node, CompletableFuture.supplyAsync(() ->
        {
            final List<String> words = new ArrayList<>(List.of(host.java(), "-XX:TieredStopAtLevel=1", "-cp",
                host.lib() + File.separator + "*", DoctorProbe.class.getName()));
            if (host.entry().backend() != null)
            {
                words.addAll(List.of("--backend", host.entry().backend().toString()));
            }
            try
            {
                final CommandRun run = CommandRun.run(host.argv(words), null,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS));
                ends.put(node, System.currentTimeMillis());
                return run;
            }
            catch (final IOException ex)
            {
                return new CommandRun(CommandRun.TIMED_OUT, "", ex.getMessage());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return new CommandRun(CommandRun.TIMED_OUT, "", "interrupted");
            }
        })));
        final Map<String, Interface> interfaces = new LinkedHashMap<>();
        for (final Map.Entry<String, CompletableFuture<CommandRun>> e : runs.entrySet())
        {
            final String node = e.getKey();
            final CommandRun run;
            try
            {
                run = e.getValue().get();
            }
            catch (final ExecutionException ex)
            {
                fail(node + ": probe: " + ex.getCause());
                continue;
            }
            if (!run.stdout().contains(PreflightProbe.END))
            {
                fail(node + ": probe: the doctor's probe did not run (" + run.lastErrorLine() + ")");
                continue;
            }
            final Map<String, String> found = PreflightProbe.parse(run.stdout());
            clock(node, Long.parseLong(found.getOrDefault("time", "0")), ends.get(node));
            final Interface chosen = chooseInterface(node, found);
            if (chosen != null)
            {
                if (chosen.mtu() < mtu)
                {
                    warn(node, "mtu", chosen.name() + " has MTU " + chosen.mtu() + ", under " + mtu
                        + " (large messages take more frames: ip link set " + chosen.name() + " mtu " + mtu + ")");
                }
                else
                {
                    ok(node, "mtu", chosen.name() + " MTU " + chosen.mtu());
                }
            }
            final String raw = found.getOrDefault("raw", "unknown");
            if (raw.equals("ok"))
            {
                ok(node, "raw socket", "CAP_NET_RAW available");
                if (chosen != null)
                {
                    interfaces.put(node, chosen);
                }
            }
            else
            {
                fail(node + ": raw socket: " + raw);
            }
            if (found.containsKey("backend"))
            {
                if (found.get("backend").equals("ok"))
                {
                    ok(node, "backend", "answering at " + ready.get(node).entry().backend());
                }
                else
                {
                    fail(node + ": backend: " + found.get("backend") + " (start x2mx-backend --socket "
                        + ready.get(node).entry().backend() + " there)");
                }
            }
        }
        return interfaces;
    }

    private void clock(final String node, final long remoteMillis, final long localMillis)
    {
        final long skew = remoteMillis - localMillis;
        final String text = String.format(Locale.ROOT, "%+.3f s against this machine", skew / 1000.0);
        if (Math.abs(skew) > MAX_SKEW_MILLIS)
        {
            fail(node + ": clock: skew " + text + " (synchronise the clocks: chrony or systemd-timesyncd)");
        }
        else
        {
            ok(node, "clock", "skew " + text);
        }
    }

    private Interface chooseInterface(final String node, final Map<String, String> found)
    {
        final List<Interface> all = new ArrayList<>();
        found.forEach((key, value) ->
        {
            if (key.startsWith("if-") && !key.equals("if-error"))
            {
                final String[] f = value.split(" ");
                all.add(new Interface(f[0], f[1].equals("up"), Integer.parseInt(f[2]), f[3]));
            }
        });
        final List<Interface> candidates = iface != null ? all.stream().filter(i -> i.name().equals(iface)).toList()
            : all.stream().filter(Interface::up).toList();
        if (iface != null && candidates.isEmpty())
        {
            fail(node + ": interface: no Ethernet interface named " + iface + " (see ip link there)");
            return null;
        }
        if (candidates.isEmpty())
        {
            fail(node + ": interface: no Ethernet interface is up (ip link set IFACE up)");
            return null;
        }
        if (candidates.size() > 1)
        {
            fail(node + ": interface: several are up (" + String.join(", ", candidates.stream().map(Interface::name)
                .toList()) + "); name the MX one with --if");
            return null;
        }
        final Interface chosen = candidates.get(0);
        if (!chosen.up())
        {
            fail(node + ": interface: " + chosen.name() + " is down (ip link set " + chosen.name() + " up)");
            return null;
        }
        ok(node, "interface", chosen.name() + " up, MAC " + chosen.mac());
        return chosen;
    }

    /** Every pair once, in rounds of the circle method so that each host is in at most one pair per round. */
    private void pingPairs(final Map<String, Remote> ready, final Map<String, Interface> interfaces)
        throws InterruptedException
    {
        final List<String> nodes = new ArrayList<>(interfaces.keySet());
        if (nodes.size() < 2)
        {
            return;
        }
        if (nodes.size() % 2 == 1)
        {
            nodes.add(null);
        }
        final int n = nodes.size();
        for (int round = 0; round < n - 1; round++)
        {
            final List<CompletableFuture<String>> pairs = new ArrayList<>();
            for (int i = 0; i < n / 2; i++)
            {
                final String a = nodes.get(i);
                final String b = nodes.get(n - 1 - i);
                if (a != null && b != null)
                {
                    pairs.add(CompletableFuture.supplyAsync(() -> pingPair(ready.get(a), interfaces.get(a),
                        ready.get(b), interfaces.get(b))));
                }
            }
            for (final CompletableFuture<String> pair : pairs)
            {
                try
                {
                    final String failure = pair.get();
                    if (failure != null)
                    {
                        fail(failure);
                    }
                }
                catch (final ExecutionException ex)
                {
                    fail("mxoe ping: " + ex.getCause());
                }
            }
            nodes.add(1, nodes.remove(n - 1));
        }
    }

    /**
     * @return the MX ping-pong command on host {@code r}: through the host's backend when it has one (a backend owns
     * its interface; a second driver there would answer the backend's frames), else on the raw interface.
     */
    private static List<String> pingCommand(final Remote r, final Interface iface, final String... options)
    {
        final List<String> command = new ArrayList<>(List.of("timeout", Long.toString(PROBE_SECONDS), r.java(), "-cp",
            r.lib() + File.separator + "*", PING_CLASS));
        command.addAll(r.entry().backend() != null ? List.of("-b", r.entry().backend().toString())
            : List.of("-i", iface.name()));
        command.addAll(List.of(options));
        return command;
    }

    /** @return null when the ping-pong passed (reported as ok), else the failure line. */
    private String pingPair(final Remote a, final Interface ifA, final Remote b, final Interface ifB)
    {
        final String pair = a.entry().host() + " -> " + b.entry().host();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
        Process server = null;
        try
        {
            server = new ProcessBuilder(b.argv(pingCommand(b, ifB, "-e", Integer.toString(PING_ENDPOINT))))
                .redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
            final BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
            String line;
            String serverOutput = "";
            while ((line = lines.readLine()) != null && !line.contains("waiting on"))
            {
                serverOutput = line;
            }
            if (line == null)
            {
                return pair + ": mxoe ping: the responder on " + b.entry().host() + " did not start (" + serverOutput
                    + ")";
            }
            final CommandRun client = CommandRun.run(a.argv(pingCommand(a, ifA, "-d", ifB.mac(), "-r",
                Integer.toString(PING_ENDPOINT), "-N", "20", "-S", "0", "-E", "4096", "-M", "8")), null, deadline);
            if (client.status() != 0)
            {
                return pair + ": mxoe ping: " + (client.status() == CommandRun.TIMED_OUT ? "no answer"
                    : client.lastErrorLine()) + " (both interfaces must be on one Ethernet segment, as for Open-MX)";
            }
            final String[] rows = client.stdout().strip().split("\n");
            ok(a.entry().host(), "mxoe ping", "to " + b.entry().host() + " (" + ifA.name() + " -> " + ifB.mac()
                + "): " + rows[rows.length - 1].strip().replaceAll("\\s+", " ") + " (bytes, us, MB/s)");
            return null;
        }
        catch (final IOException ex)
        {
            return pair + ": mxoe ping: " + ex.getMessage();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return pair + ": mxoe ping: interrupted";
        }
        finally
        {
            if (server != null)
            {
                server.destroy();
            }
        }
    }

    private static String remedy(final String failure)
    {
        if (failure.contains(": dns: "))
        {
            return " (fix the name, or write the host's address in the hostfile)";
        }
        if (failure.contains(": reachable: "))
        {
            return " (is the host up and routed from here?)";
        }
        if (failure.contains(": ssh: "))
        {
            return " (make 'ssh -o BatchMode=yes HOST true' work: sshd running, your key authorised)";
        }
        return "";
    }

    private static List<String> allNodes(final RankMap map)
    {
        final List<String> nodes = new ArrayList<>();
        for (int r = 0; r < map.size(); r++)
        {
            nodes.add(map.placement(r).node());
        }
        return nodes;
    }

    private static int distinct(final List<HostEntry> hosts)
    {
        return (int)hosts.stream().map(HostEntry::host).distinct().count();
    }

    private void ok(final String node, final String check, final String detail)
    {
        out.println(node + ": " + check + ": ok, " + detail);
    }

    private void warn(final String node, final String check, final String detail)
    {
        warnings++;
        out.println(node + ": " + check + ": WARN " + detail);
    }

    private void fail(final String line)
    {
        failures.add(line);
        final int first = line.indexOf(": ");
        final int second = first < 0 ? -1 : line.indexOf(": ", first + 2);
        out.println(second < 0 ? "FAIL " + line : line.substring(0, second + 2) + "FAIL " + line.substring(second + 2));
    }

    private static String need(final String option, final String value) throws UsageException
    {
        if (value == null || value.isEmpty())
        {
            throw new UsageException(option + " requires a value");
        }
        return value;
    }

    private static int positive(final String option, final String value) throws UsageException
    {
        try
        {
            final int n = Integer.parseInt(value);
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new UsageException(option + ": '" + value + "' is not a positive integer");
    }

    /** An Ethernet interface a probe reported. */
    private record Interface(String name, boolean up, int mtu, String mac)
    {
    }

    /** A host ready for the doctor's programs: where its java and runtime are, and how to run a command there. */
    private record Remote(HostEntry entry, RemoteHost remote, String java, String lib, SshCommand ssh)
    {
        /** @return the argv running {@code words} on the host: directly here, else through ssh. */
        List<String> argv(final List<String> words)
        {
            return remote == null ? words : ssh.argv(entry, "exec " + RemoteShell.join(words));
        }
    }
}
