package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import xen2mx.itest.FailurePrograms;
import xen2mx.itest.PointToPointChecks;

/**
 * MPI point-to-point semantics across real rank processes started by {@code mpirun}, over each BTL selection, and
 * the job-ending rules for MPI programs that fail.
 */
@Timeout(120)
class MpiPointToPointIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static final String CHECKS = PointToPointChecks.class.getName();
    private static final String FAILING = FailurePrograms.class.getName();

    private static void assertAllChecksPassed(final MpirunRun run, final int ranks) throws Exception
    {
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        for (final String check : new String[] {"ordering", "wildcards", "probe", "nonblocking", "objects", "sizes",
            "ssend", "sendrecv", "large", "truncation", "types", "threads", "buffered", "reinit"})
        {
            assertTrue(run.stdout().contains("check " + check + " passed on " + ranks + " ranks"),
                check + " missing in:\n" + run.stdout() + run.stderr());
        }
    }

    @Test
    void shouldPassEveryPointToPointCheckOnFourRanksOverTcp() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "4", "--oversubscribe", "--btl", "self,tcp", "-cp",
            TEST_CLASSES, CHECKS);
        assertAllChecksPassed(run, 4);
    }

    @Test
    void shouldPassEveryPointToPointCheckWithTcpAlsoToSelf() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--btl", "tcp", "-cp", TEST_CLASSES, CHECKS);
        assertAllChecksPassed(run, 2);
    }

    @Test
    void shouldPrintTheBtlOfEveryRankPairWithVerbose() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "-v", "-cp", TEST_CLASSES, CHECKS, "sendrecv");
        assertEquals(0, run.await(RUN_LIMIT), run.stderr());
        assertTrue(Pattern.compile("\\[rank 0\\] to rank 0: (self|xen2mx self path)").matcher(run.stdout()).find(),
            run.stdout());
        // the default: xen2mx in paravirtual mode, over the backend mpirun embeds for a single-host job
        assertTrue(Pattern.compile("\\[rank 0\\] to rank 1: xen2mx .*paravirtual").matcher(run.stdout()).find(),
            run.stdout());
        assertTrue(Pattern.compile("\\[rank 1\\] to rank 0: xen2mx .*paravirtual").matcher(run.stdout()).find(),
            run.stdout());
    }

    @Test
    void shouldRefuseAnUnknownBtlWithOneClearLine() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--btl", "self,udp", "-cp", TEST_CLASSES, CHECKS);
        final int status = run.await(RUN_LIMIT);
        assertTrue(status != 0);
        assertTrue(run.stderr().contains("no BTL module named 'udp'"), run.stderr());
    }

    @Test
    void shouldEndTheJobWithTheAbortCodeWhileOthersBlockInRecv() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, FAILING, "abort",
            "2", "42");
        assertEquals(42, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "took " + run.elapsed());
        assertTrue(run.stderr().contains("MPI_ABORT was invoked on rank 2"), run.stderr());
    }

    @Test
    void shouldEndTheJobWhenOneRankThrowsWhileOthersBlockInRecv() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES, FAILING, "throw",
            "1");
        assertEquals(1, run.await(RUN_LIMIT), run.stderr());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "took " + run.elapsed());
        assertTrue(run.stderr().contains("process rank 1 with PID"), run.stderr());
        assertTrue(run.stderr().contains("rank 1 fails on purpose"), run.stderr());
    }
}
