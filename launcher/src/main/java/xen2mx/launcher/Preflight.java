package xen2mx.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every host of a job before any rank starts, all hosts at once, and finds what each remote host's rank
 * command lines use there ({@link RemoteHost}). One ssh connection per remote host runs a POSIX shell probe
 * ({@link PreflightProbe}); a host lacking the runtime gets it shipped (one more connection, {@code tar} through
 * ssh into {@code ~/.cache/xen2mx/runtime-<digest>}). Hosts on this machine are checked locally.
 *
 * <p>Checks, each failure reported as {@code host: check: detail}: {@code dns} (name does not resolve),
 * {@code reachable} (no route, time-out), {@code ssh} (refused, authentication, host key), {@code java} (none, or
 * older than 17), {@code runtime} (jars missing and could not be shipped), {@code wdir} ({@code --wdir} missing),
 * {@code classpath} (a {@code -cp}/{@code -jar} entry missing), {@code backend} (the socket that paravirtual mode
 * needs is absent). The whole check ends by {@link #TIME_LIMIT} (hosts that did not answer are failures).
 */
public final class Preflight
{
    /** The longest a preflight may take before a host that has not answered counts as failed. */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(8);
    /** The oldest Java the ranks run on. */
    public static final int MIN_JAVA = 17;
    /** The time a runtime shipment may take. */
    private static final Duration SHIP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern JAVA_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?.*");

    private final SshCommand ssh;
    private final PreflightProbe.Request request;

    /**
     * @param ssh     how hosts are reached.
     * @param request what every host must have.
     */
    public Preflight(final SshCommand ssh, final PreflightProbe.Request request)
    {
        this.ssh = ssh;
        this.request = request;
    }

    /**
     * @param map the job's rank map.
     * @return every ssh node's {@link RemoteHost}, by node.
     * @throws PreflightException listing every failed check, one line each, hosts in map order.
     * @throws InterruptedException when interrupted.
     */
    public Map<String, RemoteHost> check(final RankMap map) throws PreflightException, InterruptedException
    {
        final Outcome outcome = checkEach(map);
        if (!outcome.failures().isEmpty())
        {
            throw new PreflightException(outcome.failures());
        }
        return outcome.hosts();
    }

    /**
     * Checks every host, failed or not.
     *
     * @param map the nodes to check.
     * @return the ssh nodes that passed and every failed check.
     * @throws InterruptedException when interrupted.
     */
    public Outcome checkEach(final RankMap map) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        final Map<String, CompletableFuture<HostResult>> pending = new LinkedHashMap<>();
        for (final String node : map.nodes(RankMap.Reach.SSH))
        {
            pending.put(node, CompletableFuture.supplyAsync(() -> remote(map.host(node), deadline),
                r -> daemon(r, "x2mx-preflight-" + node).start()));
        }
        final List<String> failures = new ArrayList<>();
        for (final RankMap.Reach reach : List.of(RankMap.Reach.LOCAL, RankMap.Reach.AGENT))
        {
            for (final String node : map.nodes(reach))
            {
                failures.addAll(local(map.host(node)));
            }
        }
        final Map<String, RemoteHost> hosts = new LinkedHashMap<>();
        for (final Map.Entry<String, CompletableFuture<HostResult>> e : pending.entrySet())
        {
            try
            {
                final HostResult result = e.getValue().get();
                failures.addAll(result.failures());
                if (result.host() != null)
                {
                    hosts.put(e.getKey(), result.host());
                }
            }
            catch (final ExecutionException ex)
            {
                failures.add(e.getKey() + ": preflight: " + ex.getCause());
            }
        }
        return new Outcome(hosts, failures);
    }

    /**
     * What a preflight found.
     *
     * @param hosts    the ssh nodes that passed every check, by node.
     * @param failures the failed checks, {@code host: check: detail}.
     */
    public record Outcome(Map<String, RemoteHost> hosts, List<String> failures)
    {
    }

    /** Checks a host on this machine's file system: the backend socket, when paravirtual mode needs one. */
    private List<String> local(final HostEntry host)
    {
        final String backend = request.backendFor(host);
        if (request.paravirt(host) && backend != null && !Files.exists(Path.of(backend)))
        {
            return List.of(host.host() + ": backend: no socket at " + backend + " (start "
                + "btl-xen2mx/bin/x2mx-backend --socket " + backend + " on this host)");
        }
        return List.of();
    }

    private HostResult remote(final HostEntry host, final long deadline)
    {
        final String node = host.host();
        try
        {
            final CommandRun probe = CommandRun.run(ssh.argv(host, PreflightProbe.command(request, host)), null,
                deadline);
            if (probe.status() == CommandRun.TIMED_OUT)
            {
                return HostResult.failed(node + ": reachable: no answer from ssh within "
                    + TIME_LIMIT.toSeconds() + " s");
            }
            if (probe.status() == 255 || !probe.stdout().contains(PreflightProbe.END))
            {
                return HostResult.failed(sshFailure(node, probe));
            }
            final Map<String, String> found = PreflightProbe.parse(probe.stdout());
            final List<String> failures = new ArrayList<>();
            final String java = found.get("java");
            final String version = found.get("javaversion");
            if (java == null)
            {
                failures.add(node + ": java: no java on the PATH of a non-interactive ssh session (install Java "
                    + MIN_JAVA + " or newer there)");
            }
            else if (javaMajor(version) < MIN_JAVA)
            {
                failures.add(node + ": java: " + java + " is version " + (version == null ? "unknown" : version)
                    + ", Java " + MIN_JAVA + " or newer is needed");
            }
            final String wdir = found.get("wdir");
            if (wdir == null)
            {
                failures.add(node + ": wdir: no directory " + request.wdir() + " on this host");
            }
            found.entrySet().stream().filter(f -> f.getKey().startsWith("classpath-missing"))
                .forEach(f -> failures.add(node + ": classpath: " + f.getValue() + " does not exist on this host"));
            if (found.containsKey("backend-missing"))
            {
                failures.add(node + ": backend: no socket at " + found.get("backend-missing") + " (start "
                    + "x2mx-backend --socket " + found.get("backend-missing") + " on this host)");
            }
            if (found.containsKey("backend-unset"))
            {
                failures.add(node + ": backend: paravirtual mode needs backend=PATH on this host's hostfile line "
                    + "(or --mca btl_xen2mx_backend PATH)");
            }
            if (!failures.isEmpty())
            {
                return new HostResult(null, failures);
            }
            String runtime = found.get("runtime");
            final boolean ship = runtime == null;
            if (ship)
            {
                final String error = ship(host, found.get("home"));
                if (error != null)
                {
                    return HostResult.failed(node + ": runtime: the runtime jars are missing and shipping them "
                        + "failed: " + error);
                }
                runtime = found.get("home") + "/" + request.image().cacheDirectory();
            }
            final String client = found.getOrDefault("client", "");
            if (client.isEmpty())
            {
                return HostResult.failed(node + ": ssh: the session does not tell the client address "
                    + "(SSH_CONNECTION is not set)");
            }
            return new HostResult(new RemoteHost(node, java, runtime, wdir, client, ship), List.of());
        }
        catch (final IOException ex)
        {
            return HostResult.failed(node + ": ssh: cannot run " + SshCommand.SSH + ": " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return HostResult.failed(node + ": preflight interrupted");
        }
    }

    /** Copies the runtime jars into the host's cache directory. @return null on success, else what failed. */
    private String ship(final HostEntry host, final String home)
        throws IOException, InterruptedException
    {
        if (home == null || home.isEmpty())
        {
            return "the host's home directory is unknown";
        }
        final List<String> tar = new ArrayList<>(List.of("tar", "-C", request.image().directory().toString(),
            "-cf", "-"));
        tar.addAll(request.image().jars());
        final Process packer = new ProcessBuilder(tar).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        packer.getOutputStream().close();
        try (InputStream archive = packer.getInputStream())
        {
            final CommandRun unpack = CommandRun.run(ssh.argv(host, PreflightProbe.unpackCommand(request.image())),
                archive, System.nanoTime() + SHIP_LIMIT.toNanos());
            if (unpack.status() != 0)
            {
                return unpack.status() == CommandRun.TIMED_OUT ? "no end within " + SHIP_LIMIT.toSeconds() + " s"
                    : "status " + unpack.status() + ": " + unpack.lastErrorLine();
            }
        }
        finally
        {
            packer.destroy();
        }
        return null;
    }

    private static String sshFailure(final String node, final CommandRun probe)
    {
        final String line = probe.lastErrorLine();
        final String detail = line.startsWith("ssh: ") ? line.substring(5) : line;
        if (detail.isEmpty())
        {
            return node + ": ssh: the probe ended with status " + probe.status() + " and no message";
        }
        final String check = detail.contains("Could not resolve hostname") ? "dns"
            : detail.contains("No route to host") || detail.contains("Network is unreachable")
                || detail.contains("timed out") ? "reachable" : "ssh";
        return node + ": " + check + ": " + detail;
    }

    /** @return the major version of {@code java -version}'s quoted version ({@code 1.8.0} is 8), or 0. */
    static int javaMajor(final String version)
    {
        if (version == null)
        {
            return 0;
        }
        final Matcher m = JAVA_VERSION.matcher(version);
        if (!m.matches())
        {
            return 0;
        }
        final int first = Integer.parseInt(m.group(1));
        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
    }

    private static Thread daemon(final Runnable r, final String name)
    {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** What preflight found on one host: the host, or the failed checks. */
    private record HostResult(RemoteHost host, List<String> failures)
    {
        static HostResult failed(final String failure)
        {
            return new HostResult(null, List.of(failure));
        }
    }
}
