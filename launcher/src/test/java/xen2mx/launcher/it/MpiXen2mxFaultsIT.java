package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.Xen2mxJobs.ALL_CHECKS;
import static xen2mx.launcher.it.Xen2mxJobs.counter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.btl.mx.LinkFaults;
import xen2mx.btl.mx.MxBtl;
import xen2mx.btl.mx.media.FaultInjectingChannel;
import xen2mx.btl.mx.media.FrameCheckChannel;
import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.Netem;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * Every check of {@link PointToPointChecks} over xen2mx native between two namespaces (veth pair, MTU 9000) on a
 * faulty link: 5% loss, 2% duplication, 10% reordering and 1 ms delay in one run, 1% corruption in another. Every
 * check compares contents, order and counts, so passing means every message arrived exactly once, intact, in MPI
 * order. The ranks print their counters at {@code MPI_Finalize}; the test asserts that the faults happened and that
 * the MX library repaired them (resends, duplicates dropped, early packets, corrupted frames rejected).
 *
 * <p>Where the faults come from is chosen at run time, and the test output says which ran:
 * <ul>
 * <li>{@code tc netem} on both veths' egress when the kernel has it ({@link NetworkNamespaces#netemSupported()}), as
 * the issue asks; the test then also reads the qdiscs' statistics to prove the frames went through them;</li>
 * <li>otherwise (kernels built without {@code CONFIG_NET_SCH_NETEM}, such as this project's development machines) the
 * closest real thing: MCA parameter {@value MxBtl#FAULTS_PARAM} makes each rank's native driver send through a
 * {@link FaultInjectingChannel} with seeded random faults ({@link LinkFaults}) in front of its raw socket. The frames
 * still cross the real veth; only their fate is drawn in the sending process instead of in its qdisc.</li>
 * </ul>
 *
 * <p>Corruption: a veth has no Ethernet FCS, so a frame with a flipped bit reaches the receiver (with netem as with
 * the injector), and MXoE has no checksum of its own. The corruption run therefore turns on
 * {@value MxBtl#FRAME_CHECK_PARAM} ({@link FrameCheckChannel}: a CRC-32C trailer on every frame, the FCS the veth
 * lacks); the frames it rejects are counted and repaired like lost ones.
 *
 * <p>Tuning, as one would on a lossy link: resends after 10 ms and pull retransmits after 20 ms instead of the
 * defaults (50 ms and 1 s), so the repairs fit the time limits. Root only ({@link RootRequirement}).
 */
class MpiXen2mxFaultsIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(150);
    private static final long SEED = 20_251_125L;
    private static final List<String> TUNING = List.of("--mca", MxBtl.PRINT_COUNTERS_PARAM, "1", "--mca",
        MxBtl.RESEND_DELAY_PARAM, "10", "--mca", MxBtl.PULL_RETRANSMIT_PARAM, "20");
    private static final Pattern QDISC_SENT = Pattern.compile("Sent (\\d+) bytes (\\d+) pkt \\(dropped (\\d+)");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRoot()
    {
        RootRequirement.require("ip", "tc");
    }

    @Test
    @Timeout(200)
    void shouldPassEveryCheckUnderLossDuplicationReorderingAndDelay() throws Exception
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(9000).prefix("x2mxflt").create())
        {
            final boolean netem = hosts.netemSupported();
            final List<String> options = new ArrayList<>(TUNING);
            if (netem)
            {
                for (int host = 0; host < hosts.size(); host++)
                {
                    hosts.netem(host, Netem.none().loss(5).duplicate(2).reorder(10).delay(Duration.ofMillis(1)));
                }
            }
            else
            {
                options.addAll(List.of("--mca", MxBtl.FAULTS_PARAM,
                    "loss:5,dup:2,reorder:10,delay:1ms,seed:" + SEED));
            }
            announce(netem, "5% loss, 2% duplication, 10% reordering, 1 ms delay");
            final MpirunRun run = MpirunRun.start(Xen2mxJobs.argv(hosts, hostfile(hosts), options, ALL_CHECKS));
            Xen2mxJobs.assertChecksPassed(run, RUN_LIMIT, ALL_CHECKS, 2);
            final Map<String, Map<String, Long>> counters = Xen2mxJobs.counters(run.stdout());
            report("loss, duplication, reordering, delay", run, counters);

            assertCleanRepairs(counters);
            assertTrue(counter(counters, "mx", "RESENDS") > 0, () -> "lost messages were resent: " + counters);
            assertTrue(counter(counters, "mx", "DUPLICATES") > 0, () -> "duplicates were dropped: " + counters);
            assertTrue(counter(counters, "mx", "EARLY_QUEUED") > 0, () -> "early packets were kept: " + counters);
            assertTrue(counter(counters, "driver", "PULL_TIMEOUT_RETRANSMITS") +
                counter(counters, "driver", "PULL_EARLY_RETRANSMITS") > 0, () -> "pulls were repaired: " + counters);
            if (netem)
            {
                assertQdiscsCarriedTheFrames(hosts, true);
            }
            else
            {
                assertTrue(counter(counters, "faults", "lost") > 0 && counter(counters, "faults", "duplicated") > 0 &&
                    counter(counters, "faults", "reordered") > 0, () -> "the injector drew faults: " + counters);
            }
        }
    }

    @Test
    @Timeout(200)
    void shouldPassEveryCheckUnderCorruptionWithTheFrameCheck() throws Exception
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(9000).prefix("x2mxcor").create())
        {
            final boolean netem = hosts.netemSupported();
            final List<String> options = new ArrayList<>(TUNING);
            options.addAll(List.of("--mca", MxBtl.FRAME_CHECK_PARAM, "1"));
            if (netem)
            {
                for (int host = 0; host < hosts.size(); host++)
                {
                    hosts.netem(host, Netem.none().corrupt(1));
                }
            }
            else
            {
                options.addAll(List.of("--mca", MxBtl.FAULTS_PARAM, "corrupt:1,seed:" + SEED));
            }
            announce(netem, "1% corruption");
            final MpirunRun run = MpirunRun.start(Xen2mxJobs.argv(hosts, hostfile(hosts), options, ALL_CHECKS));
            Xen2mxJobs.assertChecksPassed(run, RUN_LIMIT, ALL_CHECKS, 2);
            final Map<String, Map<String, Long>> counters = Xen2mxJobs.counters(run.stdout());
            report("corruption", run, counters);

            assertCleanRepairs(counters);
            assertTrue(counter(counters, "frame-check", "rejected") > 0,
                () -> "corrupted frames were rejected by the frame check: " + counters);
            assertTrue(counter(counters, "mx", "RESENDS") > 0, () -> "rejected messages were resent: " + counters);
            if (netem)
            {
                assertQdiscsCarriedTheFrames(hosts, false);
            }
            else
            {
                final long corrupted = counter(counters, "faults", "corrupted");
                final long rejected = counter(counters, "frame-check", "rejected");
                assertTrue(corrupted > 0 && rejected <= corrupted, () -> "only corrupted frames are rejected (a "
                    + "sender also corrupts frames a closed peer never reads): " + counters);
            }
        }
    }

    /** No frame of the run hurt the driver, no partner was given up, no command failed. */
    private static void assertCleanRepairs(final Map<String, Map<String, Long>> counters)
    {
        assertEquals(0, counter(counters, "driver", "ERRORS"), () -> "driver errors: " + counters);
        assertEquals(0, counter(counters, "mx", "UNREACHABLE"), () -> "partners given up: " + counters);
        assertEquals(0, counter(counters, "mx", "DRIVER_ERRORS"), () -> "driver command errors: " + counters);
        assertEquals(0, counter(counters, "driver", "PULLS_FAILED"), () -> "failed pulls: " + counters);
    }

    /** netem saw the ranks' frames (they do not bypass the qdisc) and, with loss, dropped some. */
    private static void assertQdiscsCarriedTheFrames(final NetworkNamespaces hosts, final boolean lossy)
    {
        long packets = 0;
        long dropped = 0;
        for (int host = 0; host < hosts.size(); host++)
        {
            final String stats = hosts.run(host, "tc", "-s", "qdisc", "show", "dev", hosts.interfaceName()).checked()
                .stdout();
            System.out.println(hosts.name(host) + " qdisc statistics:\n" + stats.strip());
            final Matcher sent = QDISC_SENT.matcher(stats);
            assertTrue(stats.contains("netem") && sent.find(), "a netem qdisc with statistics:\n" + stats);
            packets += Long.parseLong(sent.group(2));
            dropped += Long.parseLong(sent.group(3));
        }
        assertTrue(packets > 10_000, "the ranks' frames went through netem: " + packets + " packets");
        if (lossy)
        {
            assertTrue(dropped > 0, "netem dropped frames: " + dropped);
        }
    }

    private String hostfile(final NetworkNamespaces hosts) throws IOException
    {
        return hosts.writeHostfile(dir.resolve("hosts"), 1).toString();
    }

    private static void announce(final boolean netem, final String faults)
    {
        System.out.println(netem
            ? "faults (" + faults + ") by tc netem on both veths"
            : "faults (" + faults + ") by FaultInjectingChannel in each rank's native driver (" + MxBtl.FAULTS_PARAM
            + "): this kernel has no tc netem");
    }

    private static void report(final String what, final MpirunRun run, final Map<String, Map<String, Long>> counters)
    {
        System.out.printf("xen2mx native under %s: %d checks passed in %d ms; counters (both ranks, all sessions):"
            + "%n  mx %s%n  driver %s%n  frame-check %s%n  faults %s%n", what, ALL_CHECKS.size(),
            run.elapsed().toMillis(), counters.get("mx"), counters.get("driver"), counters.get("frame-check"),
            counters.get("faults"));
    }
}
