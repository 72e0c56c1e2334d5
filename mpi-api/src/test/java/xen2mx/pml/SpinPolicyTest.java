package xen2mx.pml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Waiting threads spin only within their rank's share of the cores; everything they take they give back. */
class SpinPolicyTest
{
    private static int spinnersAllowed(final SpinPolicy policy)
    {
        int taken = 0;
        while (taken < 100 && policy.tryAcquire())
        {
            taken++;
        }
        for (int i = 0; i < taken; i++)
        {
            policy.release();
        }
        return taken;
    }

    @Test
    void shouldShareTheCoresAmongTheRanksOfAHost()
    {
        assertEquals(1, spinnersAllowed(SpinPolicy.of(2, 2, null)));
        assertEquals(4, spinnersAllowed(SpinPolicy.of(8, 2, null)));
        assertEquals(0, spinnersAllowed(SpinPolicy.of(2, 4, null)), "oversubscribed: yield when idle");
        assertEquals(0, spinnersAllowed(SpinPolicy.of(2, 1, "1")));
        assertEquals(100, spinnersAllowed(SpinPolicy.of(2, 4, "0")));
        assertThrows(IllegalArgumentException.class, () -> SpinPolicy.of(2, 2, "yes"));
    }

    @Test
    void shouldLetOneWaiterSpinAndTheOthersYieldThenGiveTheSlotBack()
    {
        final SpinPolicy policy = SpinPolicy.of(2, 2, null);
        final IdleStrategy first = new IdleStrategy(policy);
        final IdleStrategy second = new IdleStrategy(policy);
        first.idle(0);
        second.idle(0);
        assertEquals(1, policy.spinners());
        first.idle(1);
        assertEquals(0, policy.spinners(), "work done: the slot is given back");
        first.idle(0);
        assertEquals(1, policy.spinners());
        first.close();
        second.close();
        assertEquals(0, policy.spinners());
        final IdleStrategy third = new IdleStrategy(policy);
        for (int i = 0; i < 20_000; i++)
        {
            third.idle(0);
        }
        assertEquals(0, policy.spinners(), "the spin phase is over: the slot is given back");
        third.close();
        assertEquals(0, policy.spinners());
    }
}
