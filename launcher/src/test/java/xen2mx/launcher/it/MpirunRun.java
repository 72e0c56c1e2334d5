package xen2mx.launcher.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One run of {@code launcher/bin/mpirun} for an integration test. Every rank JVM gets a unique
 * {@code -Dx2mx.it.marker=...} so the test can find the job's processes by command line, during the run and
 * afterwards (orphans).
 */
final class MpirunRun
{
    static final Path BASEDIR = Path.of(System.getProperty("x2mx.launcher.basedir", "."));
    static final String TEST_CLASSES = System.getProperty("x2mx.test.classes",
        BASEDIR.resolve("target/test-classes").toString());
    static final String PROBE = BootProbe.class.getName();
    private static final String FAST_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";

    private final String marker;
    final Process process;
    private final StringBuffer stdoutSoFar = new StringBuffer();
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;
    private final long startNanos = System.nanoTime();
    private long elapsedNanos;

    private MpirunRun(final List<String> command, final String marker, final Map<String, String> env,
        final String stdin) throws IOException
    {
        this.marker = marker;
        final ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("X2MX_") || k.equals("MPIEXEC_TIMEOUT"));
        pb.environment().putAll(env);
        process = pb.start();
        stdout = drain(process.getInputStream(), stdoutSoFar);
        stderr = drain(process.getErrorStream(), new StringBuffer());
        if (stdin != null)
        {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
    }

    /**
     * Starts {@code mpirun --jvm-args <marker and fast JVM flags> options...}.
     *
     * @param env     extra environment for mpirun.
     * @param stdin   text for mpirun's stdin, or null for none.
     * @param options mpirun's arguments after the JVM flags.
     * @return the running job.
     */
    static MpirunRun start(final Map<String, String> env, final String stdin, final String... options)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(BASEDIR.resolve("bin/mpirun").toString());
        final String marker = "-Dx2mx.it.marker=" + UUID.randomUUID();
        command.add("--jvm-args");
        command.add(marker + " " + FAST_JVM);
        command.addAll(Arrays.asList(options));
        return new MpirunRun(command, marker, env, stdin);
    }

    /** The same as {@link #start(Map, String, String...)} without environment or stdin. */
    static MpirunRun start(final String... options) throws IOException
    {
        return start(Map.of(), null, options);
    }

    /** Starts mpirun with exactly these arguments (no marker: for runs refused before any rank starts). */
    static MpirunRun raw(final String... options) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(BASEDIR.resolve("bin/mpirun").toString());
        command.addAll(Arrays.asList(options));
        return new MpirunRun(command, "-Dx2mx.it.marker=" + UUID.randomUUID(), Map.of(), null);
    }

    /**
     * Waits for mpirun to end, then checks that none of the job's rank processes is left.
     *
     * @param limit the longest the run may take.
     * @return mpirun's exit status.
     */
    int await(final Duration limit) throws InterruptedException
    {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("mpirun did not end within " + limit + "; stderr so far:\n" + stderrNow());
        }
        elapsedNanos = System.nanoTime() - startNanos;
        assertNoRanksLeft(Duration.ofSeconds(3));
        return process.exitValue();
    }

    /** @return how long the run took, once awaited. */
    Duration elapsed()
    {
        return Duration.ofNanos(elapsedNanos);
    }

    String stdout()
    {
        return stdout.join();
    }

    String stderr()
    {
        return stderr.join();
    }

    private String stderrNow()
    {
        return stderr.getNow("(not complete)");
    }

    /** @return the pids of processes whose command line carries this run's marker. */
    List<Long> rankPids()
    {
        final List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses()
            .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(marker)).orElse(false))
            .forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /**
     * Polls until {@code count} ranks run or the limit passes.
     *
     * @return the rank pids found.
     */
    List<Long> awaitRanks(final int count, final Duration limit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        List<Long> pids = rankPids();
        while (pids.size() < count && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
            pids = rankPids();
        }
        assertEquals(count, pids.size(), "ranks running: " + pids);
        return pids;
    }

    /** Asserts that no process of this job is alive within {@code limit}. */
    void assertNoRanksLeft(final Duration limit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        List<Long> left = rankPids();
        while (!left.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
            left = rankPids();
        }
        if (!left.isEmpty())
        {
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            fail("orphan rank processes left: " + left);
        }
        assertTrue(left.isEmpty());
    }

    /**
     * Waits until stdout holds {@code count} lines starting with {@code prefix}.
     *
     * @param prefix e.g. the probe's header {@code "rank "}, printed once a rank is connected and in main.
     * @param count  how many.
     * @param limit  the longest wait.
     */
    void awaitStdoutLines(final String prefix, final int count, final Duration limit) throws InterruptedException
    {
        final long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline)
        {
            final long found = Arrays.stream(stdoutSoFar.toString().split("\n")).filter(l -> l.startsWith(prefix))
                .count();
            if (found >= count)
            {
                return;
            }
            Thread.sleep(20);
        }
        fail("stdout did not get " + count + " lines starting with '" + prefix + "' within " + limit + ":\n"
            + stdoutSoFar);
    }

    private static CompletableFuture<String> drain(final InputStream in, final StringBuffer soFar)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try (in)
            {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                final byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0)
                {
                    out.write(buf, 0, n);
                    soFar.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
                return out.toString(StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }, runnable -> new Thread(runnable, "it-drain").start());
    }
}
