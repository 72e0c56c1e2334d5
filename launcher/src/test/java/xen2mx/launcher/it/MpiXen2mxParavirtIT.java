package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.itest.PointToPointChecks;

/**
 * The xen2mx BTL in paravirtual mode through {@code mpirun}: every point-to-point check on 4 ranks over the backend
 * mpirun embeds for a single-host job (no root), and a job whose backend is killed: its ranks fail with an error
 * naming the backend's socket and mpirun ends the job, nothing hangs.
 */
@Timeout(180)
class MpiXen2mxParavirtIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
    private static final String CHECKS = PointToPointChecks.class.getName();

    @Test
    void shouldPassEveryPointToPointCheckOnFourGuestsOfTheEmbeddedBackend() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "4", "--oversubscribe", "-v", "--btl", "self,xen2mx", "-cp",
            TEST_CLASSES, CHECKS);
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        for (final String check : new String[] {"ordering", "wildcards", "probe", "nonblocking", "objects", "sizes",
            "ssend", "sendrecv", "large", "truncation", "types", "threads", "buffered", "reinit"})
        {
            assertTrue(run.stdout().contains("check " + check + " passed on 4 ranks"),
                check + " missing in:\n" + run.stdout() + run.stderr());
        }
        assertTrue(Pattern.compile("\\[rank 0\\] to rank 3: xen2mx .*paravirtual, backend .*x2mx-job-")
            .matcher(run.stdout()).find(), run.stdout());
    }

    @Test
    void shouldEndTheJobWithAnErrorNamingTheSocketWhenTheBackendDies() throws Exception
    {
        final Path socket = Files.createTempDirectory("x2mx-it").resolve("backend.sock");
        final Process backend = new ProcessBuilder(MpirunRun.BASEDIR.resolve("../btl-xen2mx/bin/x2mx-backend")
            .toString(), "--socket", socket.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try
        {
            final String ready = new BufferedReader(new InputStreamReader(backend.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
            assertEquals("x2mx-backend: ready on " + socket, ready);
            final MpirunRun run = MpirunRun.start("-np", "2", "--btl", "self,xen2mx", "--mca",
                "btl_xen2mx_backend", socket.toString(), "osu_latency", "-m", "1:1", "-i", "100000000", "-x", "0");
            assertEquals(2, run.awaitRanks(2, Duration.ofSeconds(60)).size(), "ranks started");
            Thread.sleep(5_000); // connected and ping-ponging (a rank that failed to attach would have ended the job)
            backend.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            final long killed = System.nanoTime();
            final int status = run.await(Duration.ofSeconds(30));
            final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertNotEquals(0, status, run.stdout() + run.stderr());
            assertTrue(run.stderr().contains(socket.toString()), run.stderr());
            assertTrue(tookMillis < 10_000, "job ended " + tookMillis + " ms after the backend died");
        }
        finally
        {
            backend.destroyForcibly();
        }
    }
}
