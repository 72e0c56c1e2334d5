package xen2mx.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitStatusTest
{
    private static RankOutcome own(final int rank, final int status)
    {
        return new RankOutcome(rank, status, false);
    }

    private static RankOutcome killed(final int rank, final int status)
    {
        return new RankOutcome(rank, status, true);
    }

    @Test
    void shouldBeZeroWhenEveryRankExitsZero()
    {
        assertEquals(0, ExitStatus.of(List.of(own(0, 0), own(1, 0), own(2, 0)), null, false));
    }

    @Test
    void shouldBeTheStatusOfTheLowestFailingRank()
    {
        assertEquals(3, ExitStatus.of(List.of(own(0, 0), own(1, 3), own(2, 5)), null, false));
        assertEquals(5, ExitStatus.of(List.of(own(2, 5), own(0, 0), own(1, 0)), null, false));
    }

    @Test
    void shouldIgnoreRanksThatMpirunKilled()
    {
        assertEquals(1, ExitStatus.of(List.of(killed(0, 143), own(1, 1), killed(2, 137)), null, false));
    }

    @Test
    void shouldCountASignalledRankWhoseStatusIsItsOwn()
    {
        assertEquals(4, ExitStatus.of(List.of(RankOutcome.of(0, 0, false), RankOutcome.of(1, 4, true),
            RankOutcome.of(2, 9, false)), null, false));
        assertEquals(9, ExitStatus.of(List.of(RankOutcome.of(1, 143, true), RankOutcome.of(2, 9, false)), null, false));
        assertEquals(9, ExitStatus.of(List.of(RankOutcome.of(1, 137, true), RankOutcome.of(2, 9, false)), null, false));
    }

    @Test
    void shouldReportSignalDeathAsItsStatus()
    {
        assertEquals(137, ExitStatus.of(List.of(own(0, 0), own(1, 137)), null, false));
    }

    @Test
    void shouldGiveTheAbortCodeOverExitStatuses()
    {
        assertEquals(7, ExitStatus.of(List.of(own(0, 1), killed(1, 143)), 7, false));
        assertEquals(255, ExitStatus.of(List.of(), 255, false));
    }

    @Test
    void shouldNeverTurnAnAbortIntoSuccess()
    {
        assertEquals(1, ExitStatus.of(List.of(own(0, 0)), 0, false));
        assertEquals(1, ExitStatus.of(List.of(own(0, 0)), 256, false));
        assertEquals(2, ExitStatus.of(List.of(own(0, 0)), 258, false));
    }

    @Test
    void shouldGive110OnTimeoutWhateverElseHappened()
    {
        assertEquals(110, ExitStatus.of(List.of(killed(0, 143), own(1, 3)), 4, true));
    }

    @Test
    void shouldFailWhenRanksOnlyDiedBecauseMpirunKilledThem()
    {
        assertEquals(1, ExitStatus.of(List.of(killed(0, 143), killed(1, 143)), null, false));
    }

    @Test
    void shouldTreatSshAndLostLauncherStatusesAsTeardownOnlyForRemoteRanksMpirunEnded()
    {
        assertTrue(RankOutcome.of(0, 255, true, true).killedByLauncher(), "ssh signalled by the teardown");
        assertTrue(RankOutcome.of(0, 99, true, true).killedByLauncher(), "control connection closed by mpirun");
        assertFalse(RankOutcome.of(0, 255, true, false).killedByLauncher(), "a local rank's own 255");
        assertFalse(RankOutcome.of(0, 255, false, true).killedByLauncher(), "ssh failed before any teardown");
        assertEquals(1, ExitStatus.of(List.of(RankOutcome.of(0, 255, true, true), RankOutcome.of(1, 1, false, true)),
            null, false));
    }
}
