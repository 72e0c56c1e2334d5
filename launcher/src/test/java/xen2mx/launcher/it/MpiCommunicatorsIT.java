package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import xen2mx.itest.CommunicatorChecks;
import xen2mx.itest.ErrhandlerPrograms;
import xen2mx.itest.ThreadMultipleStress;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * Communicators, groups, topologies and error handlers across real rank processes over tcp (one mpirun per rank
 * count), error handlers ending or not ending the job, and THREAD_MULTIPLE under load over tcp, tcp with self, and
 * xen2mx between two network namespaces (root only: skipped without it, failed when CI requires it).
 */
class MpiCommunicatorsIT
{
    private static final String[] STRESS = {ThreadMultipleStress.class.getName(), "4", "10000", "240"};

    @TempDir
    Path dir;

    private static final List<String> CHECKS = List.of("split", "create", "dup", "recycle", "concurrent",
        "intercomm", "cart", "graph", "errors");

    private static void assertChecksPassed(final MpirunRun run, final Duration limit, final int ranks)
        throws InterruptedException
    {
        assertEquals(0, run.await(limit), () -> run.stdout() + run.stderr());
        for (final String check : CHECKS)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on " + ranks + " ranks"),
                () -> check + " missing in:\n" + run.stdout() + run.stderr());
        }
    }

    /**
     * Two ranks create and free 20,000 communicators (more than the 16,384 context blocks, so only recycled ids
     * make it through); with more ranks than cores every exchange costs scheduler slices, so the larger runs
     * recycle fewer.
     */
    @ParameterizedTest(name = "{0} ranks, {1} communicators recycled")
    @CsvSource({"2, 20000", "3, 500", "4, 500", "8, 200"})
    @Timeout(600)
    void shouldPassEveryCommunicatorCheckOverTcp(final int ranks, final int recycled) throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", Integer.toString(ranks), "--oversubscribe", "--btl", "self,tcp",
            "-cp", TEST_CLASSES, CommunicatorChecks.class.getName(), "recycle=" + recycled);
        assertChecksPassed(run, Duration.ofSeconds(580), ranks);
    }

    @Test
    @Timeout(120)
    void shouldAbortTheJobWithTheErrorClassUnderErrorsAreFatal() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES,
            ErrhandlerPrograms.class.getName(), "fatal", "1");
        assertEquals(6, run.await(Duration.ofSeconds(90)), () -> run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("MPI.ERR_RANK") && run.stderr().contains("Comm.Send")
            && run.stderr().contains("dest 8"), run.stderr());
        assertTrue(run.stderr().contains("MPI_ABORT was invoked on rank 1"), run.stderr());
        assertTrue(!run.stdout().contains("caught error class"), "the catch block ran:\n" + run.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"return", "default"})
    @Timeout(120)
    void shouldRaiseMpiExceptionUnderErrorsReturnAndTheInitialHandler(final String mode) throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES,
            ErrhandlerPrograms.class.getName(), mode, "2");
        assertEquals(0, run.await(Duration.ofSeconds(90)), () -> run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("rank 2 caught error class 6: dest 8 is out of range"), run.stdout());
    }

    @Test
    @Timeout(120)
    void shouldAbortTheJobWithTheErrorClassWhenNobodyCatchesTheError() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES,
            ErrhandlerPrograms.class.getName(), "uncaught", "1");
        assertEquals(6, run.await(Duration.ofSeconds(90)), () -> run.stdout() + run.stderr());
        assertTrue(run.stderr().contains("MPIException") && run.stderr().contains("dest 8"), run.stderr());
    }

    @ParameterizedTest(name = "--btl {0}")
    @ValueSource(strings = {"self,tcp", "tcp"})
    @Timeout(300)
    void shouldExchangeEveryMessageOfFourThreadsPerRankUnderThreadMultiple(final String btl) throws Exception
    {
        final MpirunRun run = MpirunRun.start(concat(List.of("-np", "2", "--btl", btl, "-cp", TEST_CLASSES)));
        assertStressPassed(run);
    }

    @Test
    @Timeout(300)
    void shouldExchangeEveryMessageOfFourThreadsPerRankUnderThreadMultipleOverXen2mx() throws Exception
    {
        RootRequirement.require("ip");
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(9000).prefix("x2mxthr").create())
        {
            final Path hostfile = hosts.writeHostfile(dir.resolve("hosts"), 1);
            final MpirunRun run = MpirunRun.start(concat(List.of("--launch-agent", "ip netns exec", "--hostfile",
                hostfile.toString(), "-np", "2", "--map-by", "node", "--btl", "xen2mx", "--mca", "btl_xen2mx_mode",
                "native", "--mca", "btl_xen2mx_if", hosts.interfaceName(), "-cp", TEST_CLASSES)));
            assertStressPassed(run);
        }
    }

    private static String[] concat(final List<String> options)
    {
        final String[] argv = options.toArray(new String[options.size() + STRESS.length]);
        System.arraycopy(STRESS, 0, argv, options.size(), STRESS.length);
        return argv;
    }

    private static void assertStressPassed(final MpirunRun run) throws InterruptedException
    {
        assertEquals(0, run.await(Duration.ofSeconds(280)), () -> run.stdout() + run.stderr());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(run.stdout().contains("rank " + rank + ": 4 threads x 10000 messages each way passed"),
                run.stdout() + run.stderr());
        }
    }
}
