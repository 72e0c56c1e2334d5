package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import xen2mx.itest.CollectiveChecks;

/**
 * Every collective operation across real rank processes started by {@code mpirun}: {@link CollectiveChecks} on 2,
 * 3, 4 and 8 ranks over TCP (so power-of-two and other sizes, and the long-message algorithms that start at 8
 * ranks), and on one rank over {@code self}. One job per rank count; 8 JVMs on a small host take a while.
 */
class MpiCollectivesIT
{
    private static final String CHECKS = CollectiveChecks.class.getName();
    private static final String[] ALL = {"barrier", "bcast", "gather", "scatter", "gatherv", "scatterv", "allgather",
        "allgatherv", "alltoall", "alltoallv", "reduce", "allreduce", "reduce_scatter", "scan", "loc", "userops",
        "objects", "long", "errors"};

    private static void runChecks(final int ranks, final String btl, final Duration limit) throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", Integer.toString(ranks), "--oversubscribe", "--btl", btl,
            "-cp", TEST_CLASSES, CHECKS);
        assertEquals(0, run.await(limit), run.stdout() + run.stderr());
        for (final String check : ALL)
        {
            assertTrue(run.stdout().contains("check " + check + " passed on " + ranks + " ranks"),
                check + " missing in:\n" + run.stdout() + run.stderr());
        }
    }

    @Test
    @Timeout(120)
    void shouldPassEveryCollectiveCheckOnOneRankOverSelf() throws Exception
    {
        runChecks(1, "self", Duration.ofSeconds(100));
    }

    @Test
    @Timeout(180)
    void shouldPassEveryCollectiveCheckOnTwoRanksOverTcp() throws Exception
    {
        runChecks(2, "tcp", Duration.ofSeconds(160));
    }

    @Test
    @Timeout(240)
    void shouldPassEveryCollectiveCheckOnThreeRanksOverTcp() throws Exception
    {
        runChecks(3, "tcp", Duration.ofSeconds(220));
    }

    @Test
    @Timeout(240)
    void shouldPassEveryCollectiveCheckOnFourRanksOverTcp() throws Exception
    {
        runChecks(4, "tcp", Duration.ofSeconds(220));
    }

    @Test
    @Timeout(600)
    void shouldPassEveryCollectiveCheckOnEightRanksOverTcp() throws Exception
    {
        runChecks(8, "tcp", Duration.ofSeconds(570));
    }
}
