package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.NetworkNamespaces;

/**
 * What the xen2mx integration tests share: the mpirun command line for ranks in network namespaces over
 * {@code --btl xen2mx} (native mode, one rank per namespace), the checks of {@link PointToPointChecks}, and the
 * counters ranks print at {@code MPI_Finalize} with {@code --mca btl_xen2mx_print_counters 1}.
 */
final class Xen2mxJobs
{
    /** Every check of {@link PointToPointChecks}, in its default order. */
    static final List<String> ALL_CHECKS = List.of("ordering", "wildcards", "probe", "nonblocking", "objects", "sizes",
        "ssend", "sendrecv", "large", "truncation", "types", "threads", "buffered", "reinit");

    private static final Pattern COUNTER_LINE = Pattern.compile("^\\[rank (\\d+)] xen2mx counters ([a-z-]+):(.*)$",
        Pattern.MULTILINE);
    private static final Pattern COUNTER = Pattern.compile("([A-Za-z_]+)=(\\d+)");

    private Xen2mxJobs()
    {
    }

    /**
     * @param hosts    the namespaces, one rank each.
     * @param hostfile their hostfile.
     * @param options  further mpirun options (MCA parameters, {@code -v}).
     * @param checks   the checks to run.
     * @return the mpirun arguments: {@code --launch-agent "ip netns exec" --hostfile H -np N --map-by node
     * --btl xen2mx --mca btl_xen2mx_mode native --mca btl_xen2mx_if mx0 OPTIONS -cp ... PointToPointChecks CHECKS}.
     */
    static String[] argv(final NetworkNamespaces hosts, final String hostfile, final List<String> options,
        final List<String> checks)
    {
        final List<String> argv = new ArrayList<>(List.of("--launch-agent", "ip netns exec", "--hostfile", hostfile,
            "-np", Integer.toString(hosts.size()), "--map-by", "node", "--btl", "xen2mx", "--mca", "btl_xen2mx_mode",
            "native", "--mca", "btl_xen2mx_if", hosts.interfaceName()));
        argv.addAll(options);
        argv.addAll(List.of("-cp", TEST_CLASSES, PointToPointChecks.class.getName()));
        argv.addAll(checks);
        return argv.toArray(new String[0]);
    }

    /** Waits for the job and asserts that it ended with 0 after every check passed on {@code ranks} ranks. */
    static void assertChecksPassed(final MpirunRun run, final Duration limit, final List<String> checks,
        final int ranks) throws InterruptedException
    {
        final int status = run.await(limit);
        assertEquals(0, status, () -> "mpirun exit status; output:\n" + run.stdout() + run.stderr());
        for (final String check : checks)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on " + ranks + " ranks\n"),
                () -> check + " did not pass in:\n" + run.stdout() + run.stderr());
        }
    }

    /**
     * Asserts the {@code -v} routes: every rank reaches itself through the xen2mx self path and every other rank
     * through xen2mx on the namespace's interface, at that rank's MAC address.
     */
    static void assertXen2mxRoutes(final String stdout, final NetworkNamespaces hosts)
    {
        for (int rank = 0; rank < hosts.size(); rank++)
        {
            assertTrue(stdout.contains("[rank " + rank + "] to rank " + rank + ": xen2mx self path (in-process copy) " +
                hosts.macAddress(rank) + " endpoint "), "self route of rank " + rank + " in:\n" + stdout);
            for (int peer = 0; peer < hosts.size(); peer++)
            {
                if (peer != rank)
                {
                    final String route = "[rank " + rank + "] to rank " + peer + ": xen2mx " + hosts.interfaceName() +
                        " " + hosts.macAddress(peer) + " endpoint ";
                    assertTrue(stdout.contains(route), "route '" + route + "' in:\n" + stdout);
                }
            }
        }
    }

    /**
     * Sums the counters every rank printed (all its MPI sessions), by kind and name:
     * {@code counters(stdout).get("mx").get("RESENDS")}. A name absent from a kind was 0.
     *
     * @param stdout mpirun's standard output.
     * @return kind ({@code mx}, {@code driver}, {@code frame-check}, {@code faults}) to name to sum.
     */
    static Map<String, Map<String, Long>> counters(final String stdout)
    {
        final Map<String, Map<String, Long>> sums = new TreeMap<>();
        final Matcher line = COUNTER_LINE.matcher(stdout);
        while (line.find())
        {
            final Map<String, Long> kind = sums.computeIfAbsent(line.group(2), k -> new TreeMap<>());
            final Matcher counter = COUNTER.matcher(line.group(3));
            while (counter.find())
            {
                kind.merge(counter.group(1), Long.parseLong(counter.group(2)), Long::sum);
            }
        }
        return sums;
    }

    /** @return one counter's sum from {@link #counters}, 0 if never printed. */
    static long counter(final Map<String, Map<String, Long>> counters, final String kind, final String name)
    {
        return counters.getOrDefault(kind, Map.of()).getOrDefault(name, 0L);
    }

    /** @return the number of ranks that printed counters of {@code kind}, over all sessions. */
    static long reports(final String stdout, final String kind)
    {
        return Arrays.stream(stdout.split("\n")).filter(l -> l.matches("\\[rank \\d+] xen2mx counters " +
            Pattern.quote(kind) + ":.*")).count();
    }
}
