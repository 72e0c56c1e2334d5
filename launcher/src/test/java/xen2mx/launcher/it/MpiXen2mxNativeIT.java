package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.Xen2mxJobs.ALL_CHECKS;
import static xen2mx.launcher.it.Xen2mxJobs.counter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * Every check of {@link PointToPointChecks} over {@code --btl xen2mx} in native mode, one rank per network namespace:
 * MXoE frames on real veths through each rank's raw socket, addresses exchanged by the launcher's wire-up. Two
 * namespaces joined by a veth pair at MTU 9000 and 1500, and four joined by a bridge at MTU 9000. Each run uses
 * {@code -v} (the routes must be xen2mx: the self path to itself, the interface at the peer's MAC to the others) and
 * prints the ranks' counters at {@code MPI_Finalize}, which must show frames on the wire and no driver errors.
 *
 * <p>Root only: skipped without it, failed when CI requires it ({@link RootRequirement}).
 */
class MpiXen2mxNativeIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRoot()
    {
        RootRequirement.require("ip");
    }

    @Test
    @Timeout(120)
    void shouldPassEveryCheckBetweenTwoNamespacesAtMtu9000() throws Exception
    {
        runAllChecks(2, 9000);
    }

    @Test
    @Timeout(120)
    void shouldPassEveryCheckBetweenTwoNamespacesAtMtu1500() throws Exception
    {
        runAllChecks(2, 1500);
    }

    @Test
    @Timeout(120)
    void shouldPassEveryCheckBetweenFourBridgedNamespacesAtMtu9000() throws Exception
    {
        runAllChecks(4, 9000);
    }

    private void runAllChecks(final int size, final int mtu) throws Exception
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(size).mtu(mtu).prefix("x2mxnat").create())
        {
            final Path hostfile = hosts.writeHostfile(dir.resolve("hosts"), 1);
            final MpirunRun run = MpirunRun.start(Xen2mxJobs.argv(hosts, hostfile.toString(),
                List.of("-v", "--mca", "btl_xen2mx_print_counters", "1"), ALL_CHECKS));
            Xen2mxJobs.assertChecksPassed(run, RUN_LIMIT, ALL_CHECKS, size);
            final String stdout = run.stdout();
            Xen2mxJobs.assertXen2mxRoutes(stdout, hosts);

            final Map<String, Map<String, Long>> counters = Xen2mxJobs.counters(stdout);
            assertEquals(2L * size, Xen2mxJobs.reports(stdout, "driver"),
                "every rank prints its counters at both MPI_Finalize calls (the reinit check):\n" + stdout);
            assertEquals(0, counter(counters, "driver", "ERRORS"), () -> "driver errors: " + counters);
            assertEquals(0, counter(counters, "mx", "DRIVER_ERRORS"), () -> "driver command errors: " + counters);
            assertEquals(0, counter(counters, "mx", "UNREACHABLE"), () -> "partners lost: " + counters);
            for (final String type : List.of("CONNECT_REQUEST_SENT", "TINY_SENT", "SMALL_SENT", "MEDIUM_FRAG_SENT",
                "RNDV_SENT", "PULL_SENT", "PULL_REPLY_SENT", "NOTIFY_SENT"))
            {
                assertTrue(counter(counters, "driver", type) > 0, () -> type + " on the wire: " + counters);
            }
            final long sent = counter(counters, "driver", "FRAMES_SENT");
            final long bytes = counter(counters, "driver", "BYTES_SENT");
            System.out.printf("xen2mx native, %d namespaces (%s), MTU %d: %d checks passed in %d ms; %d frames, %d B,"
                    + " %d resends%n", size, hosts.bridged() ? "bridge" : "veth pair", mtu, ALL_CHECKS.size(),
                run.elapsed().toMillis(), sent, bytes, counter(counters, "mx", "RESENDS"));
        }
    }
}
