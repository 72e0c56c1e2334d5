package xen2mx.launcher.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.RootRequirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.PROBE;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

/**
 * mpirun across hosts over ssh, on the virtual cluster of {@code hostfiles/vcluster up 4}: four network
 * namespaces with an sshd each, reached with the generated hostfile and no other host option. The ranks' JVMs
 * share this machine's process table, so the tests see every "remote" rank and check that none is left.
 * Root only: skipped without it, failed when CI requires it. The cluster is taken down at the end.
 */
@Timeout(120)
class MpirunSshIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final int HOSTS = 4;
    private static final String HOSTFILE = VirtualCluster.HOSTFILE.toString();

    @BeforeAll
    static void up() throws Exception
    {
        RootRequirement.require("ip", "sshd", "ssh", "ssh-keygen", "tar", "sha256sum");
        VirtualCluster.up(HOSTS, "--slots", "2");
    }

    @AfterAll
    static void down() throws Exception
    {
        if (Files.exists(VirtualCluster.HOSTFILE))
        {
            VirtualCluster.down();
        }
    }

    /** Every point-to-point check but {@code threads} and {@code reinit} (single-host concerns, run elsewhere). */
    @Test
    void shouldPassThePointToPointChecksWithEightRanksOnFourHostsOverSsh() throws Exception
    {
        final List<String> checks = List.of("ordering", "wildcards", "probe", "nonblocking", "objects", "sizes",
            "ssend", "sendrecv", "large", "truncation", "types", "buffered");
        final List<String> argv = new ArrayList<>(List.of("--hostfile", HOSTFILE, "-np", "8", "--btl", "self,tcp",
            "--mca", "btl_tcp_if_include", "10.213.0.0/16", "-vv", "-cp", TEST_CLASSES,
            PointToPointChecks.class.getName()));
        argv.addAll(checks);
        final MpirunRun run = MpirunRun.start(argv.toArray(new String[0]));
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        for (int rank = 0; rank < 8; rank++)
        {
            assertTrue(run.stderr().contains("rank " + rank + " started with PID "), run.stderr());
            assertTrue(run.stderr().contains(" on node " + VirtualCluster.address(rank / 2 + 1)), run.stderr());
        }
        for (final String check : checks)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on 8 ranks"), check + " in:\n"
                + run.stdout() + run.stderr());
        }
    }

    @Test
    void shouldRunMpiOverNativeMxoeWithOneRankOnEachHost() throws Exception
    {
        final List<String> checks = List.of("ordering", "nonblocking", "sizes", "large", "truncation");
        final List<String> argv = new ArrayList<>(List.of("--hostfile", HOSTFILE, "-np", "4", "--map-by", "node",
            "--btl", "self,xen2mx", "-v", "-cp", TEST_CLASSES, PointToPointChecks.class.getName()));
        argv.addAll(checks);
        final MpirunRun run = MpirunRun.start(argv.toArray(new String[0]));
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("[rank 0] to rank 3: xen2mx x2mx0 "), run.stdout());
        for (final String check : checks)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on 4 ranks"), check + " in:\n"
                + run.stdout() + run.stderr());
        }
    }

    @Test
    void shouldGiveRemoteRanksTheirPlaceEnvironmentAndWorkingDirectory(@TempDir final Path dir) throws Exception
    {
        final MpirunRun env = MpirunRun.start(Map.of("X2MX_IT_VALUE", "it's here"), null,
            "--hostfile", HOSTFILE, "--map-by", "node", "-np", "6", "-x", "X2MX_IT_VALUE", "-cp", TEST_CLASSES, PROBE,
            "env", "X2MX_IT_VALUE", "X2MX_COMM_WORLD_SIZE", "X2MX_COMM_WORLD_LOCAL_RANK", "X2MX_RENDEZVOUS");
        assertEquals(0, env.await(RUN_LIMIT), env.stderr());
        for (int rank = 0; rank < 6; rank++)
        {
            assertTrue(env.stdout().contains("rank " + rank + " env X2MX_IT_VALUE=it's here\n"), env.stdout());
            assertTrue(env.stdout().contains("rank " + rank + " env X2MX_COMM_WORLD_SIZE=6\n"), env.stdout());
            final int localSize = rank % HOSTS < 2 ? 2 : 1;
            assertTrue(env.stdout().contains("rank " + rank + " local " + rank / HOSTS + "/" + localSize + " job"),
                "--map-by node: ranks go round the hosts\n" + env.stdout());
            assertTrue(Pattern.compile("rank " + rank + " env X2MX_RENDEZVOUS=10\\.213\\.0\\.254:\\d+\n")
                .matcher(env.stdout()).find(), "remote ranks reach mpirun at the bridge address:\n" + env.stdout());
        }

        final MpirunRun agent = MpirunRun.start("-H", VirtualCluster.address(1) + "," + VirtualCluster.address(2),
            "--launch-agent", "ssh -F " + VirtualCluster.STATE.resolve("ssh_config"), "-cp", TEST_CLASSES, PROBE,
            "env", "X2MX_RENDEZVOUS");
        assertEquals(0, agent.await(RUN_LIMIT), agent.stderr());
        assertTrue(Pattern.compile("rank 1 env X2MX_RENDEZVOUS=10\\.213\\.0\\.254:\\d+\n").matcher(agent.stdout())
            .find(), "an ssh launch agent reaches hosts as ssh does:\n" + agent.stdout());

        final MpirunRun cwd = MpirunRun.start("--hostfile", HOSTFILE, "-np", "2", "-H", "x", "-cp", TEST_CLASSES,
            PROBE, "cwd");
        assertEquals(2, cwd.await(RUN_LIMIT), "--hostfile and -H together are refused");
        final MpirunRun wdir = MpirunRun.start("--hostfile", HOSTFILE, "--wdir", dir.toString(), "-cp",
            TEST_CLASSES, PROBE, "cwd");
        assertEquals(0, wdir.await(RUN_LIMIT), wdir.stderr());
        assertTrue(wdir.stdout().contains("rank 7 cwd " + dir.toRealPath() + "\n"), wdir.stdout());
        final MpirunRun missing = MpirunRun.start("--hostfile", HOSTFILE, "--wdir", dir.resolve("none").toString(),
            "-cp", TEST_CLASSES, PROBE, "cwd");
        assertEquals(1, missing.await(RUN_LIMIT), missing.stderr());
        assertTrue(missing.stderr().contains("  " + VirtualCluster.address(3) + ": wdir: no directory "
            + dir.resolve("none") + " on this host"), missing.stderr());
    }

    @Test
    void shouldGiveStdinToRemoteRankZeroOnlyAndKeepTheTokenOffCommandLines() throws Exception
    {
        final MpirunRun run = MpirunRun.start(Map.of(), "line one\nline two\n", "--hostfile", HOSTFILE,
            "-np", "3", "-cp", TEST_CLASSES, PROBE, "stdin");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.stdout().contains("rank 0 stdin: line one\nrank 0 stdin: line two\nrank 0 stdin lines: 2\n"),
            run.stdout());
        assertTrue(run.stdout().contains("rank 1 stdin lines: 0\n"), run.stdout());
        assertTrue(run.stdout().contains("rank 2 stdin lines: 0\n"), run.stdout());

        final MpirunRun sleepers = startSleepers();
        for (final long pid : sleepers.rankPids())
        {
            final String environ = Files.readString(Path.of("/proc/" + pid + "/environ"));
            final String token = Arrays.stream(environ.split("\0"))
                .filter(v -> v.startsWith("X2MX_RENDEZVOUS_TOKEN=")).findFirst().orElseThrow();
            assertTrue(token.length() > "X2MX_RENDEZVOUS_TOKEN=".length() + 32, token);
            final boolean onACommandLine = ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> String.join(" ", a).contains(token.substring(token.indexOf('=') + 1))).orElse(false));
            assertFalse(onACommandLine, "the rank's token is on a command line");
        }
        sleepers.process.toHandle().destroy();
        sleepers.await(Duration.ofSeconds(10));
    }

    @Test
    void shouldEndRanksOnEveryHostWithinFiveSecondsWhenOneThrows() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--hostfile", HOSTFILE, "-np", "8", "-cp", TEST_CLASSES, PROBE,
            "throw-later", "5", "4000");
        run.awaitStdoutLines("rank ", 8, Duration.ofSeconds(30));
        assertEquals(1, run.await(Duration.ofSeconds(30)), run.stderr());
        final long ended = System.currentTimeMillis();
        final Matcher thrown = Pattern.compile("rank 5 throws at (\\d+)\n").matcher(run.stdout());
        assertTrue(thrown.find(), run.stdout());
        assertTrue(ended - Long.parseLong(thrown.group(1)) < 5_000, "the job ended "
            + (ended - Long.parseLong(thrown.group(1))) + " ms after rank 5 threw");
        assertTrue(run.stderr().contains("mpirun noticed that process rank 5 with PID "), run.stderr());
        assertTrue(run.stderr().contains(" on node " + VirtualCluster.address(3) + " exited on an uncaught "
            + "exception: java.lang.IllegalStateException: boom from rank 5"), run.stderr());
    }

    @Test
    void shouldEndRemoteRanksWhenMpirunIsKilled() throws Exception
    {
        final MpirunRun run = startSleepers();
        run.process.toHandle().destroyForcibly();
        assertTrue(run.process.waitFor(5, TimeUnit.SECONDS));
        run.assertNoRanksLeft(Duration.ofSeconds(10));
    }

    @Test
    void shouldEndRemoteRanksOnSigterm() throws Exception
    {
        final MpirunRun run = startSleepers();
        run.process.toHandle().destroy();
        assertTrue(run.process.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, run.process.exitValue());
        run.assertNoRanksLeft(Duration.ofSeconds(5));
    }

    @Test
    void shouldEndRemoteRanksWhenTheirSshConnectionsAreCut() throws Exception
    {
        final MpirunRun run = startSleepers();
        final List<ProcessHandle> ssh = run.process.toHandle().descendants()
            .filter(p -> p.info().command().map(c -> c.endsWith("/ssh")).orElse(false)).toList();
        assertEquals(8, ssh.size(), "one ssh per rank");
        ssh.forEach(ProcessHandle::destroyForcibly);
        assertNotEquals(0, run.await(Duration.ofSeconds(10)), run.stderr());
    }

    @Test
    void shouldRefuseABadHostfileWithFileLineAndNoRank(@TempDir final Path dir) throws Exception
    {
        final Path hosts = Files.writeString(dir.resolve("bad.hosts"), "10.213.1.1 slots=2\n"
            + "10.213.2.1 slots=two\n");
        final MpirunRun run = MpirunRun.start("--hostfile", hosts.toString(), "-cp", TEST_CLASSES, PROBE, "args");
        assertEquals(2, run.await(RUN_LIMIT));
        assertEquals("mpirun: " + hosts + ":2: bad count in 'slots=two' (expected a positive integer) (see mpirun "
            + "--help)\n", run.stderr());
        assertTrue(run.rankPids().isEmpty());
    }

    @Test
    void shouldNameTheHostAndCheckWhenSshdIsDownOrTheHostUnreachable() throws Exception
    {
        try
        {
            ProcessHandle.of(VirtualCluster.sshdPid(2)).ifPresent(ProcessHandle::destroy);
            Thread.sleep(200);
            final Path hosts = Files.writeString(VirtualCluster.STATE.resolve("it-down.hosts"),
                Files.readString(VirtualCluster.HOSTFILE) + "10.213.99.1 slots=1 ssh_config="
                + VirtualCluster.STATE.resolve("ssh_config") + "\n");
            final MpirunRun run = MpirunRun.start("--hostfile", hosts.toString(), "-cp", TEST_CLASSES, PROBE,
                "sleep");
            assertEquals(1, run.await(Duration.ofSeconds(15)), run.stderr());
            assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, "took " + run.elapsed());
            final List<String> lines = List.of(run.stderr().split("\n"));
            assertEquals("mpirun: preflight failed on 2 check(s); no rank was started:", lines.get(0), run.stderr());
            assertEquals("  10.213.2.1: ssh: connect to host 10.213.2.1 port 22: Connection refused", lines.get(1));
            final Matcher unreachable = Pattern.compile("  10\\.213\\.99\\.1: reachable: .*").matcher(lines.get(2));
            assertTrue(unreachable.matches(), lines.get(2));
            assertTrue(run.rankPids().isEmpty());

            final Doctor doctor = Doctor.run("--hostfile", VirtualCluster.HOSTFILE.toString(), "--no-ping", "--mtu",
                "9001");
            assertEquals(1, doctor.status(), doctor.output());
            assertTrue(doctor.output().contains("10.213.2.1: ssh: FAIL connect to host 10.213.2.1 port 22: "
                + "Connection refused (make 'ssh -o BatchMode=yes HOST true' work"), doctor.output());
            assertTrue(doctor.output().contains("10.213.1.1: mtu: WARN x2mx0 has MTU 9000, under 9001"),
                doctor.output());
            assertTrue(doctor.output().contains("10.213.3.1: raw socket: ok"), doctor.output());
            assertTrue(doctor.output().endsWith("x2mx-doctor: 1 check(s) failed, 3 warning(s) on 4 host(s)\n"),
                doctor.output());
        }
        finally
        {
            VirtualCluster.up(HOSTS, "--slots", "2");
        }
    }

    /**
     * The raw MXoE ping of the doctor between every pair, on hosts without backends: through backends
     * ({@code MxPingPong -b}) a pair now and then stalls for 10 s (known paravirtual defect, see issue 4), which this
     * test must not hide behind a retry.
     */
    @Test
    void shouldPassEveryDoctorCheckWithAnMxoePingBetweenEveryPairOfHosts() throws Exception
    {
        VirtualCluster.up(HOSTS, "--slots", "2", "--no-backends");
        try
        {
            final Doctor doctor = Doctor.run("--hostfile", VirtualCluster.HOSTFILE.toString());
            assertEquals(0, doctor.status(), doctor.output());
            for (int h = 1; h <= HOSTS; h++)
            {
                for (final String check : List.of("ssh", "clock", "interface", "mtu", "raw socket"))
                {
                    assertTrue(doctor.output().contains(VirtualCluster.address(h) + ": " + check + ": ok"),
                        check + " of " + h + ":\n" + doctor.output());
                }
            }
            assertEquals(6, doctor.output().lines().filter(l -> l.contains(": mxoe ping: ok, to ")).count(),
                doctor.output());
            assertTrue(doctor.output().endsWith("x2mx-doctor: every check passed on 4 host(s)\n"), doctor.output());
        }
        finally
        {
            VirtualCluster.up(HOSTS, "--slots", "2");
        }
    }

    /** One run of {@code launcher/bin/x2mx-doctor}. */
    private record Doctor(int status, String output)
    {
        static Doctor run(final String... args) throws Exception
        {
            final List<String> command = new ArrayList<>(List.of(MpirunRun.BASEDIR.resolve("bin/x2mx-doctor")
                .toString()));
            command.addAll(List.of(args));
            final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> new String(readAll(p),
                StandardCharsets.UTF_8));
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("x2mx-doctor did not end within 60 s");
            }
            return new Doctor(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        }

        private static byte[] readAll(final Process p)
        {
            try
            {
                return p.getInputStream().readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Test
    void shouldPrintTheMapWithoutLaunchingAndRefuseOversubscriptionWithTheSlotTable() throws Exception
    {
        final MpirunRun map = MpirunRun.start("--hostfile", HOSTFILE, "--do-not-launch", "--map-by", "node", "-np",
            "5", "-cp", TEST_CLASSES, PROBE, "args");
        assertEquals(0, map.await(RUN_LIMIT), map.stderr());
        assertTrue(map.stdout().contains("     4  10.213.1.1  1/2      ssh\n"), map.stdout());
        final MpirunRun over = MpirunRun.start("--hostfile", HOSTFILE, "-np", "9", "-cp", TEST_CLASSES, PROBE,
            "args");
        assertEquals(2, over.await(RUN_LIMIT));
        assertTrue(over.elapsed().compareTo(Duration.ofSeconds(1)) < 0, "took " + over.elapsed());
        assertTrue(over.stderr().startsWith("mpirun: not enough slots: 9 ranks requested but the 4 hosts have 8 "
            + "slots; use --oversubscribe"), over.stderr());
        assertTrue(over.stderr().contains("\n  10.213.4.1      2\n"), over.stderr());
        assertFalse(over.stderr().contains("Exception"), over.stderr());
    }

    private static MpirunRun startSleepers() throws Exception
    {
        final MpirunRun run = MpirunRun.start("--hostfile", HOSTFILE, "-np", "8", "-cp", TEST_CLASSES, PROBE,
            "sleep");
        run.awaitRanks(8, Duration.ofSeconds(30));
        run.awaitStdoutLines("rank ", 8, Duration.ofSeconds(30));
        return run;
    }
}
