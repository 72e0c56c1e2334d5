package xen2mx.launcher.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static xen2mx.launcher.it.MpirunRun.PROBE;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

/**
 * mpirun placing ranks in network namespaces: two namespaces joined by a veth (the {@link NetworkNamespaces}
 * fixture), a hostfile naming them, {@code --launch-agent "ip netns exec"}. The ranks share no network with mpirun
 * and reach it through its UNIX socket. Root only: skipped without it, failed when CI requires it.
 */
@Timeout(60)
class MpirunNamespacesIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(40);
    private static final String AGENT = "ip netns exec";

    @TempDir
    static Path dir;
    private static NetworkNamespaces hosts;
    private static Path hostfile;

    @BeforeAll
    static void createNamespaces() throws IOException
    {
        RootRequirement.require("ip");
        hosts = NetworkNamespaces.builder().hosts(2).mtu(1500).prefix("x2mxrun").create();
        hostfile = hosts.writeHostfile(dir.resolve("namespaces.hosts"), 1);
    }

    @AfterAll
    static void deleteNamespaces()
    {
        if (hosts != null)
        {
            hosts.close();
        }
    }

    @Test
    void shouldAllgatherAcrossNamespacesThroughTheUnixSocket() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--launch-agent", AGENT, "--hostfile", hostfile.toString(), "-np", "2",
            "-vv", "-cp", TEST_CLASSES, PROBE, "allgather", "3");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(run.stdout().contains("rank " + rank + " round 2: r0/2 r1/2"), run.stdout());
            final Matcher started = Pattern.compile("rank " + rank + " started with PID (\\d+) on node "
                + hosts.name(rank) + "\n").matcher(run.stderr());
            assertTrue(started.find(), "each rank on its own namespace:\n" + run.stderr());
            assertTrue(run.stdout().contains("rank " + rank + " of 2 pid " + started.group(1) + "\n"),
                "ip netns exec and env exec: the agent mpirun started is the rank JVM itself\n" + run.stdout());
        }
        assertNoRendezvousDirectoryOf(run.process.pid());
    }

    @Test
    void shouldStartLocalhostRanksDirectlyAndNamespaceRanksThroughTheAgentInOneJob() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--launch-agent", AGENT, "-H", "localhost:2," + hosts.name(1), "-cp",
            TEST_CLASSES, PROBE, "env", "X2MX_RENDEZVOUS");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(Pattern.compile("rank " + rank + " env X2MX_RENDEZVOUS=127\\.0\\.0\\.1:\\d+\n")
                .matcher(run.stdout()).find(), "localhost ranks use the TCP port:\n" + run.stdout());
            assertTrue(run.stdout().contains("rank " + rank + " local " + rank + "/2 job"), run.stdout());
        }
        assertTrue(Pattern.compile("rank 2 env X2MX_RENDEZVOUS=unix:/\\S+/x2mx-mpirun-" + run.process.pid()
            + "-\\d+/rendezvous.sock\n").matcher(run.stdout()).find(), "the namespace rank uses the UNIX socket:\n"
            + run.stdout());
        assertTrue(run.stdout().contains("rank 2 local 0/1 job"), run.stdout());
    }

    /**
     * Every point-to-point check but {@code threads} (a long stress of the MPI layer's thread safety, which
     * {@link MpiPointToPointIT} runs over tcp already): what this test proves is MPI traffic between namespaces.
     */
    @Test
    void shouldPassThePointToPointChecksOverTcpBetweenNamespaces() throws Exception
    {
        final String subnet = hosts.ipv4Address(0).replaceAll("\\.\\d+$", ".0/24");
        final List<String> checks = List.of("ordering", "wildcards", "probe", "nonblocking", "objects", "sizes",
            "ssend", "sendrecv", "large", "truncation", "types");
        final List<String> argv = new ArrayList<>(List.of("--launch-agent", AGENT, "--hostfile", hostfile.toString(),
            "-np", "2", "--btl", "self,tcp", "--mca", "btl_tcp_if_include", subnet, "-v", "-cp", TEST_CLASSES,
            PointToPointChecks.class.getName()));
        argv.addAll(checks);
        final MpirunRun run = MpirunRun.start(argv.toArray(new String[0]));
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("[rank 0] to rank 1: tcp " + hosts.ipv4Address(1) + ":"),
            "rank 1 is reached at its namespace's address:\n" + run.stdout());
        for (final String check : checks)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on 2 ranks"), check + " in:\n"
                + run.stdout() + run.stderr());
        }
    }

    @Test
    void shouldEndTheJobFastAndEmptyTheNamespacesWhenOneRankThrows() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--launch-agent", AGENT, "--hostfile", hostfile.toString(), "-cp",
            TEST_CLASSES, PROBE, "throw", "1");
        assertEquals(1, run.await(Duration.ofSeconds(15)), run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "took " + run.elapsed());
        assertTrue(run.stderr().contains("mpirun noticed that process rank 1 with PID "), run.stderr());
        assertTrue(run.stderr().contains(" on node " + hosts.name(1) + " exited on an uncaught exception: "
            + "java.lang.IllegalStateException: boom from rank 1"), run.stderr());
        assertNamespacesEmpty(Duration.ofSeconds(2));
        assertNoRendezvousDirectoryOf(run.process.pid());
    }

    /** Also: the next mpirun removes the rendezvous directory the killed one could not. */
    @Test
    void shouldEndRanksInNamespacesWhenMpirunIsKilled() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--launch-agent", AGENT, "--hostfile", hostfile.toString(), "-cp",
            TEST_CLASSES, PROBE, "sleep");
        final List<Long> ranks = run.awaitRanks(2, Duration.ofSeconds(20));
        run.awaitStdoutLines("rank ", 2, Duration.ofSeconds(20));
        final List<String> namespaces = new ArrayList<>();
        for (final long pid : ranks)
        {
            namespaces.add(netnsOf(pid));
        }
        assertTrue(namespaces.containsAll(List.of(netnsNamed(hosts.name(0)), netnsNamed(hosts.name(1)))),
            "the ranks run in the two namespaces: " + namespaces);
        run.process.toHandle().destroyForcibly();
        assertTrue(run.process.waitFor(5, TimeUnit.SECONDS));
        run.assertNoRanksLeft(Duration.ofSeconds(5));
        assertNamespacesEmpty(Duration.ofSeconds(1));

        final MpirunRun next = MpirunRun.start("--launch-agent", AGENT, "--hostfile", hostfile.toString(), "-cp",
            TEST_CLASSES, PROBE, "args");
        assertEquals(0, next.await(RUN_LIMIT), next.stderr());
        assertNoRendezvousDirectoryOf(run.process.pid());
    }

    private static void assertNamespacesEmpty(final Duration limit) throws Exception
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        List<String> left = pidsInNamespaces();
        while (!left.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
            left = pidsInNamespaces();
        }
        if (!left.isEmpty())
        {
            fail("processes left in the namespaces: " + left);
        }
    }

    private static List<String> pidsInNamespaces() throws Exception
    {
        final List<String> pids = new ArrayList<>();
        for (final String name : hosts.names())
        {
            final Process ip = new ProcessBuilder("ip", "netns", "pids", name).redirectErrorStream(true).start();
            final String out = new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(ip.waitFor(10, TimeUnit.SECONDS), "ip netns pids " + name);
            assertEquals(0, ip.exitValue(), out);
            Arrays.stream(out.split("\\s+")).filter(p -> !p.isEmpty()).forEach(p -> pids.add(name + ":" + p));
        }
        return pids;
    }

    private static String netnsOf(final long pid) throws IOException
    {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
    }

    private static String netnsNamed(final String name) throws IOException
    {
        return "net:[" + Files.getAttribute(Path.of("/run/netns", name), "unix:ino") + "]";
    }

    private static void assertNoRendezvousDirectoryOf(final long mpirunPid) throws IOException
    {
        final Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> left = Files.newDirectoryStream(tmp, "x2mx-mpirun-" + mpirunPid + "-*"))
        {
            assertFalse(left.iterator().hasNext(), "mpirun removes its rendezvous directory at exit");
        }
    }
}
