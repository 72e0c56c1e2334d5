package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xen2mx.itest.CommunicatorChecks;
import xen2mx.itest.ErrhandlerPrograms;
import xen2mx.itest.ThreadMultipleStress;

/**
 * Communicators, groups, topologies and error handlers across real rank processes over tcp (one mpirun per rank
 * count), error handlers ending or not ending the job, and THREAD_MULTIPLE under load.
 */
class MpiCommunicatorsIT
{
    private static final List<String> CHECKS = List.of("split", "create", "dup", "recycle", "intercomm", "cart",
        "graph", "errors");

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

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4})
    @Timeout(300)
    void shouldPassEveryCommunicatorCheckOverTcp(final int ranks) throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", Integer.toString(ranks), "--oversubscribe", "--btl", "self,tcp",
            "-cp", TEST_CLASSES, CommunicatorChecks.class.getName());
        assertChecksPassed(run, Duration.ofSeconds(280), ranks);
    }

    /** 8 JVMs on a small host: the recycling loop is shortened to 2,000 (the 2-4 rank runs do 20,000). */
    @Test
    @Timeout(600)
    void shouldPassEveryCommunicatorCheckOnEightRanksOverTcp() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "8", "--oversubscribe", "--btl", "self,tcp", "-cp",
            TEST_CLASSES, CommunicatorChecks.class.getName(), "recycle=2000");
        assertChecksPassed(run, Duration.ofSeconds(580), 8);
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

    @Test
    @Timeout(120)
    void shouldRaiseMpiExceptionUnderErrorsReturn() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "3", "--oversubscribe", "-cp", TEST_CLASSES,
            ErrhandlerPrograms.class.getName(), "return", "2");
        assertEquals(0, run.await(Duration.ofSeconds(90)), () -> run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("rank 2 caught error class 6: dest 8 is out of range"), run.stdout());
    }

    @ParameterizedTest(name = "--btl {0}")
    @ValueSource(strings = {"self,tcp", "tcp"})
    @Timeout(300)
    void shouldExchangeEveryMessageOfFourThreadsPerRankUnderThreadMultiple(final String btl) throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--btl", btl, "-cp", TEST_CLASSES,
            ThreadMultipleStress.class.getName(), "4", "10000", "240");
        assertEquals(0, run.await(Duration.ofSeconds(280)), () -> run.stdout() + run.stderr());
        for (int rank = 0; rank < 2; rank++)
        {
            assertTrue(run.stdout().contains("rank " + rank + ": 4 threads x 10000 messages each way passed"),
                run.stdout() + run.stderr());
        }
    }
}
