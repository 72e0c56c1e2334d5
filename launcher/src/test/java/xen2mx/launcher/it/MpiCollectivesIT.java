package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;
import java.util.regex.Pattern;

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
    @Timeout(180)
    void shouldRunTheCollectiveOsuBenchmarksByNameWithOmbOutput() throws Exception
    {
        final MpirunRun bcast = MpirunRun.start("-np", "3", "--oversubscribe", "--btl", "tcp", "osu_allreduce", "-m",
            "4:16", "-i", "5", "-x", "1", "-f");
        assertEquals(0, bcast.await(Duration.ofSeconds(80)), bcast.stdout() + bcast.stderr());
        assertTrue(bcast.stdout().contains("# OSU MPI Allreduce Latency Test v7.3\n"), bcast.stdout());
        assertTrue(bcast.stdout().contains(
            "# Size       Avg Latency(us)   Min Latency(us)   Max Latency(us)  Iterations\n"), bcast.stdout());
        assertTrue(Pattern.compile("(?m)^16 +\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\\d +5$")
            .matcher(bcast.stdout()).find(), bcast.stdout());
        final MpirunRun barrier = MpirunRun.start("-np", "2", "--btl", "tcp", "osu_barrier", "-i", "10", "-x", "1");
        assertEquals(0, barrier.await(Duration.ofSeconds(80)), barrier.stdout() + barrier.stderr());
        assertTrue(Pattern.compile("(?m)^# Avg Latency\\(us\\)\n +\\d+\\.\\d\\d$").matcher(barrier.stdout())
            .find(), barrier.stdout());
        final MpirunRun alone = MpirunRun.start("-np", "1", "osu_gather");
        assertEquals(1, alone.await(Duration.ofSeconds(60)), alone.stdout() + alone.stderr());
        assertTrue(alone.stderr().contains("This test requires at least two processes"), alone.stderr());
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
