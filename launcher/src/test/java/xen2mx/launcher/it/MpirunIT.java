package xen2mx.launcher.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.PROBE;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

/**
 * mpirun end to end: real rank JVMs started through {@code launcher/bin/mpirun}, running {@link BootProbe}.
 * Every run checks afterwards that none of its rank processes is left.
 */
@Timeout(60)
class MpirunIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

    private static List<String> lines(final String text)
    {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    @Test
    void shouldAllgatherAcrossFourRanksRepeatedly() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "4", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "allgather", "3");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        for (int rank = 0; rank < 4; rank++)
        {
            for (int round = 0; round < 3; round++)
            {
                final String expected = "rank " + rank + " round " + round + ": r0/" + round + " r1/" + round
                    + " r2/" + round + " r3/" + round;
                assertTrue(lines(run.stdout()).contains(expected), "missing '" + expected + "' in\n" + run.stdout());
            }
        }
    }

    @Test
    void shouldPassUserArgumentsThroughUnchanged() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "args", "-np", "7",
            "--tag-output", "a b", "", "-jar", "x");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(lines(run.stdout()).contains("rank " + rank + " args [args, -np, 7, --tag-output, a b, , -jar, x]"),
                run.stdout());
        }
    }

    @Test
    void shouldExitWithTheStatusOfTheLowestFailingRank() throws Exception
    {
        final MpirunRun ok = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "exit", "0", "0");
        assertEquals(0, ok.await(RUN_LIMIT), ok.stderr());
        assertFalse(ok.stderr().contains("mpirun noticed"), ok.stderr());

        final MpirunRun failing = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "exit", "0", "4", "9@1500");
        assertEquals(4, failing.await(RUN_LIMIT), failing.stderr());
        assertTrue(Pattern.compile("mpirun noticed that process rank 1 with PID \\d+ on node \\S+ exited with "
            + "status 4\\.").matcher(failing.stderr()).find(), failing.stderr());
    }

    @Test
    void shouldNotBlameARankThatMpirunKilledAfterAnotherFailed() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "exit", "0", "4@5000", "9");
        assertEquals(9, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "rank 1 was not waited for: " + run.elapsed());
        assertTrue(run.stderr().contains("exited with status 9."), run.stderr());
        assertFalse(run.stderr().contains("rank 1 with PID"), "one banner, for the rank that failed:\n" + run.stderr());
    }

    @Test
    void shouldExitWithTheAbortCodeAndPrintTheAbortBanner() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "abort", "7");
        assertEquals(7, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.stderr().contains(
            "MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD with errorcode 7."), run.stderr());
        assertTrue(run.stderr().contains("gave the reason: probe aborts on purpose"), run.stderr());
    }

    @Test
    void shouldEndTheJobFastWhenOneRankThrowsWhileOthersSleepForever() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "throw", "1");
        final int status = run.await(Duration.ofSeconds(15));
        assertEquals(1, status, run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "took " + run.elapsed());
        final Matcher banner = Pattern.compile("mpirun noticed that process rank 1 with PID (\\d+) on node \\S+ "
            + "exited on an uncaught exception: java.lang.IllegalStateException: boom from rank 1\n"
            + "    at xen2mx.launcher.it.BootProbe.throwOrSleep\\(BootProbe.java:\\d+\\)").matcher(run.stderr());
        assertTrue(banner.find(), run.stderr());
        assertTrue(run.stdout().contains("rank 1 of 3 pid " + banner.group(1)), "banner names the rank's real pid");
        assertTrue(run.stderr().contains("Exception in thread \"main\" java.lang.IllegalStateException: boom"),
            "the trace is printed as java prints it:\n" + run.stderr());
        assertFalse(run.stderr().contains("RankMain"), "no wrapper frames in the user's trace:\n" + run.stderr());
    }

    @Test
    void shouldExit110WhenTheTimeoutExpires() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--timeout", "2", "-cp", TEST_CLASSES, PROBE, "sleep");
        assertEquals(110, run.await(Duration.ofSeconds(15)), run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(2)) >= 0);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(8)) < 0, "took " + run.elapsed());
        assertTrue(run.stderr().contains("reached its time limit of 2 s"), run.stderr());
    }

    @Test
    void shouldTakeTheTimeoutFromMpiexecTimeout() throws Exception
    {
        final MpirunRun run = MpirunRun.start(Map.of("MPIEXEC_TIMEOUT", "1"), null, "-np", "1", "-cp",
            TEST_CLASSES, PROBE, "sleep");
        assertEquals(110, run.await(Duration.ofSeconds(15)), run.stderr());
    }

    @Test
    void shouldLeaveNoRanksWhenMpirunIsKilled() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "sleep");
        final List<Long> ranks = run.awaitRanks(2, Duration.ofSeconds(20));
        run.awaitStdoutLines("rank ", 2, Duration.ofSeconds(20));
        run.process.toHandle().destroyForcibly();
        assertTrue(run.process.waitFor(5, TimeUnit.SECONDS));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (final long pid : ranks)
        {
            final var handle = ProcessHandle.of(pid);
            while (handle.isPresent() && handle.get().isAlive() && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
            }
            assertFalse(handle.isPresent() && handle.get().isAlive(), "rank pid " + pid + " outlived mpirun");
        }
        run.assertNoRanksLeft(Duration.ofSeconds(1));
    }

    @Test
    void shouldKillTheJobWhenMpirunGetsSigterm() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "sleep");
        run.awaitRanks(2, Duration.ofSeconds(20));
        run.awaitStdoutLines("rank ", 2, Duration.ofSeconds(20));
        run.process.toHandle().destroy();
        assertEquals(143, run.await(Duration.ofSeconds(10)));
        assertTrue(run.stderr().contains("mpirun: received a termination signal; killing 2 running rank(s)"),
            run.stderr());
    }

    @Test
    void shouldRunTwoJobsAtOnce() throws Exception
    {
        final MpirunRun a = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "allgather", "2");
        final MpirunRun b = MpirunRun.start("-np", "2", "-cp", TEST_CLASSES, PROBE, "allgather", "2");
        assertEquals(0, a.await(RUN_LIMIT), a.stderr());
        assertEquals(0, b.await(RUN_LIMIT), b.stderr());
        assertTrue(a.stdout().contains("rank 1 round 1: r0/1 r1/1"), a.stdout());
        assertTrue(b.stdout().contains("rank 1 round 1: r0/1 r1/1"), b.stdout());
    }

    @Test
    void shouldGiveStdinToRankZeroOnly() throws Exception
    {
        final MpirunRun run = MpirunRun.start(Map.of(), "first\nsecond\n", "-np", "2", "-cp", TEST_CLASSES, PROBE,
            "stdin");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        final List<String> out = lines(run.stdout());
        assertTrue(out.contains("rank 0 stdin: first"), run.stdout());
        assertTrue(out.contains("rank 0 stdin: second"), run.stdout());
        assertTrue(out.contains("rank 0 stdin lines: 2"), run.stdout());
        assertTrue(out.contains("rank 1 stdin lines: 0"), run.stdout());
    }

    @Test
    void shouldExportVariablesAndMcaParametersToEveryRank() throws Exception
    {
        final MpirunRun run = MpirunRun.start(Map.of("FROM_MPIRUN", "inherited value", "X2MX_MCA_pml", "ob1"),
            null, "-np", "2", "-x", "FROM_MPIRUN", "-x", "SET_HERE=a=b", "--mca", "btl_tcp_if_include", "lo",
            "--btl", "self,tcp", "-vv", "-cp", TEST_CLASSES, PROBE, "env", "FROM_MPIRUN", "SET_HERE");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        final List<String> out = lines(run.stdout());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(out.contains("rank " + rank + " env FROM_MPIRUN=inherited value"), run.stdout());
            assertTrue(out.contains("rank " + rank + " env SET_HERE=a=b"), run.stdout());
            assertTrue(out.contains("rank " + rank + " mca {btl=self,tcp, btl_tcp_if_include=lo, pml=ob1}"),
                run.stdout());
            assertTrue(out.contains("rank " + rank + " verbosity 2"), run.stdout());
            assertTrue(out.contains("rank " + rank + " local " + rank + "/2 job " + run.process.pid()), run.stdout());
        }
        assertTrue(run.stderr().contains("mpirun: job " + run.process.pid() + " rank 1 started with PID"),
            run.stderr());
    }

    @Test
    void shouldForwardLongLinesWholeAndTagThem() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--tag-output", "-cp", TEST_CLASSES, PROBE, "spam",
            "200", "3000");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        final Pattern line = Pattern.compile("\\[\\d+,(\\d)]<stdout>:(rank \\1 of 2 pid \\d+|<\\1:(\\d+):x{3000}>"
            + "|<\\1:last-without-newline>)");
        final List<String> out = lines(run.stdout());
        assertEquals(2 * 202, out.size(), "every line, plus each rank's header and unterminated last line");
        for (final String l : out)
        {
            assertTrue(line.matcher(l).matches(), "damaged line: " + l.substring(0, Math.min(120, l.length())));
        }
    }

    @Test
    void shouldReportAllgatherTimeoutNamingTheMissingRanks() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, PROBE,
            "allgather-timeout");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.stdout().contains(
            "rank 0 allgather failed: all-gather #0 timed out after 1500 ms; ranks that never published: 1, 2"),
            run.stdout());
    }

    @Test
    void shouldRefuseBadOptionsWithOneLine() throws Exception
    {
        final MpirunRun run = MpirunRun.raw("-np", "0", "-cp", TEST_CLASSES, PROBE, "args");
        assertEquals(2, run.await(RUN_LIMIT));
        assertEquals(List.of("mpirun: -np: '0' is not a positive integer (see mpirun --help)"), lines(run.stderr()));
        final MpirunRun unknown = MpirunRun.raw("--frobnicate", PROBE);
        assertEquals(2, unknown.await(RUN_LIMIT));
        assertEquals(List.of("mpirun: unknown option --frobnicate (see mpirun --help)"), lines(unknown.stderr()));
    }

    @Test
    void shouldRefuseOversubscriptionInUnderASecond() throws Exception
    {
        final int cores = Runtime.getRuntime().availableProcessors();
        final MpirunRun run = MpirunRun.raw("-np", Integer.toString(cores + 1), "-cp", TEST_CLASSES, PROBE, "args");
        assertEquals(2, run.await(RUN_LIMIT));
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(1)) < 0, "took " + run.elapsed());
        final String expected = "mpirun: not enough slots: " + (cores + 1) + " ranks requested but this host has "
            + cores + (cores == 1 ? " core" : " cores") + "; use --oversubscribe";
        assertTrue(run.stderr().startsWith(expected), run.stderr());
        assertEquals(1, lines(run.stderr()).size());
    }

    @Test
    void shouldNameAHostfileHostThatDoesNotResolveBeforeStartingAnyRank(@TempDir final Path dir) throws Exception
    {
        final Path hosts = Files.writeString(dir.resolve("hosts"),
            "# test\nlocalhost slots=2\nnode-elsewhere.invalid\n");
        final MpirunRun run = MpirunRun.raw("--hostfile", hosts.toString(), "-cp", TEST_CLASSES, PROBE, "args");
        assertEquals(1, run.await(RUN_LIMIT));
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(10)) < 0, "took " + run.elapsed());
        assertEquals(List.of("mpirun: preflight failed on 1 check(s); no rank was started:",
            "  node-elsewhere.invalid: dns: Could not resolve hostname node-elsewhere.invalid: "), lines(run.stderr())
            .stream().map(l -> l.replaceAll("(hostname node-elsewhere.invalid: ).*", "$1")).toList());
    }

    @Test
    void shouldUseHostfileSlotsForThisHost(@TempDir final Path dir) throws Exception
    {
        final Path hosts = Files.writeString(dir.resolve("hosts"), "localhost slots=3 # three\r\n");
        final MpirunRun run = MpirunRun.start("--hostfile", hosts.toString(), "-cp", TEST_CLASSES, PROBE,
            "allgather", "1");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.stdout().contains("rank 2 round 0: r0/0 r1/0 r2/0"), run.stdout());
    }

    @Test
    void shouldRunAJarPassingItsArguments(@TempDir final Path dir) throws Exception
    {
        final Path jar = dir.resolve("probe.jar");
        final Path manifest = Files.writeString(dir.resolve("MANIFEST.MF"), "Main-Class: " + PROBE + "\n");
        final Process jarTool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
            "cfm", jar.toString(), manifest.toString(), "-C", TEST_CLASSES, "xen2mx/launcher/it/BootProbe.class")
            .inheritIO().start();
        assertTrue(jarTool.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, jarTool.exitValue());

        final MpirunRun byJar = MpirunRun.start("-np", "1", "-jar", jar.toString(), "args", "x");
        assertEquals(0, byJar.await(RUN_LIMIT), byJar.stderr());
        assertTrue(byJar.stdout().contains("rank 0 args [args, x]"), byJar.stdout());
    }

    @Test
    void shouldCompileWithMpijavacAndRun(@TempDir final Path dir) throws Exception
    {
        final Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Hello.java"), "package demo;\n"
            + "public class Hello {\n"
            + "  public static void main(String[] args) throws Exception {\n"
            + "    xen2mx.boot.JobBootstrap b = xen2mx.boot.JobBootstrap.current();\n"
            + "    System.out.println(\"hello from \" + b.rank() + \" of \" + b.size());\n"
            + "  }\n"
            + "}\n");
        final Path classes = dir.resolve("classes");
        final Process javac = new ProcessBuilder(MpirunRun.BASEDIR.resolve("bin/mpijavac").toString(), "-d",
            classes.toString(), src.resolve("Hello.java").toString()).redirectErrorStream(true).start();
        final String javacOut = new String(javac.getInputStream().readAllBytes());
        assertTrue(javac.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, javac.exitValue(), javacOut);

        final MpirunRun run = MpirunRun.start("-np", "2", "-cp", classes.toString(), "demo.Hello");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        assertTrue(lines(run.stdout()).containsAll(List.of("hello from 0 of 2", "hello from 1 of 2")), run.stdout());
    }

    @Test
    void shouldReportAMissingMainClass() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "1", "-cp", TEST_CLASSES, "no.such.Main");
        assertEquals(1, run.await(RUN_LIMIT));
        assertTrue(run.stderr().contains("Error: Could not find or load main class no.such.Main"), run.stderr());
        assertTrue(run.stderr().contains("mpirun noticed that process rank 0"), run.stderr());
    }
}
