package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The context-id agreement logic, with several processes' pools combined by hand as the members' AND does (the
 * exchanges themselves run in CommunicatorSingletonTest and the launcher's CommunicatorChecks).
 */
class ContextIdPoolTest
{
    /** @return the AND of every pool's offer. */
    private static long[] agreed(final boolean wide, final boolean exclusive, final ContextIdPool... pools)
    {
        long[] agreed = null;
        for (final ContextIdPool pool : pools)
        {
            final long[] offer = pool.offer(wide, exclusive);
            agreed = agreed == null ? offer : ContextIdPool.and(agreed, offer);
        }
        return agreed;
    }

    /** One exclusive agreement among {@code pools}, widened if the narrow window is full; @return the block. */
    private static int agree(final ContextIdPool... pools)
    {
        int block = ContextIdPool.lowestCommon(agreed(false, true, pools), 0);
        if (block == ContextIdPool.WIDEN)
        {
            block = ContextIdPool.lowestCommon(agreed(true, true, pools), 0);
        }
        for (final ContextIdPool pool : pools)
        {
            assertTrue(pool.tryTake(block), "the agreed block is free on every member");
        }
        return block;
    }

    @Test
    void shouldAgreeOnTheLowestBlockFreeOnEveryMember()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final ContextIdPool c = new ContextIdPool(2);
        assertEquals(2, agree(a, b));
        assertEquals(2, agree(c), "c did not take part: block 2 is still free there");
        assertEquals(3, agree(a, b, c), "2 is in use on a, b and c, 3 is the lowest common free block");
        assertEquals(4, agree(a, c));
        assertEquals(4, agree(b), "b never took 4");
        assertEquals(5, agree(a, b, c));
        assertEquals(6, a.inUse(), "blocks 0 and 1 (COMM_WORLD, COMM_SELF) and 2..5");
    }

    @Test
    void shouldReuseABlockOnceEveryHolderReleasedIt()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        assertEquals(2, agree(a, b));
        a.release(2);
        assertEquals(3, agree(a, b), "b still holds block 2");
        b.release(2);
        assertEquals(2, agree(a, b));
    }

    @Test
    void shouldRecycleBlocksForMoreCommunicatorsThanTheContextSpaceHolds()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3 * ContextIdPool.BLOCKS; i++)
        {
            final int block = agree(a, b);
            seen.add(block);
            a.release(block);
            b.release(block);
        }
        assertEquals(Set.of(2), seen, "freed right away, the lowest block comes back every time");
        assertEquals(2, a.inUse());
    }

    @Test
    void shouldWidenTheOfferWhenTheFirstBlocksAreAllInUse()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        for (int i = 2; i < 64 * ContextIdPool.NARROW_WORDS; i++)
        {
            assertEquals(i, agree(a, b));
        }
        assertEquals(ContextIdPool.NARROW_WORDS + 1, a.offer(false, true).length, "a narrow offer is 40 bytes");
        assertEquals(ContextIdPool.WIDEN, ContextIdPool.lowestCommon(agreed(false, true, a, b), 0));
        assertEquals(256, agree(a, b));
        a.release(17);
        assertEquals(257, agree(a, b), "17 is still in use on b");
        b.release(17);
        assertEquals(17, agree(a, b), "back in the narrow window");
    }

    @Test
    void shouldFailTheSameWayOnEveryMemberWhenNoBlockIsLeft()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        for (int i = 2; i < ContextIdPool.BLOCKS; i++)
        {
            agree(a, b);
        }
        assertEquals(ContextIdPool.BLOCKS, a.inUse());
        final long[] full = agreed(true, true, a, b);
        final MPIException e = assertThrows(MPIException.class, () -> ContextIdPool.lowestCommon(full, a.inUse()));
        assertEquals(MPI.ERR_INTERN, e.getErrorClass());
        assertTrue(e.getMessage().contains("16384 of 16384 communicators are in use"), e.getMessage());
        a.release(700);
        b.release(700);
        assertEquals(700, agree(a, b));
    }

    @Test
    void shouldLetOnlyOneOfTwoConcurrentConstructionsTakeTheSameBlock()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final long[] first = agreed(false, false, a, b);
        final long[] second = agreed(false, false, a);
        assertFalse(ContextIdPool.allExclusive(first), "THREAD_MULTIPLE offers ask for a confirmation");
        final int candidate = ContextIdPool.lowestCommon(first, 0);
        assertEquals(candidate, ContextIdPool.lowestCommon(second, 0), "both constructions pick block 2");
        assertTrue(a.tryTake(ContextIdPool.lowestCommon(second, 0)), "the second construction on a is faster");
        assertTrue(b.tryTake(candidate));
        assertFalse(a.tryTake(candidate), "so the first cannot take it on a: its confirmation fails, b gives it back");
        b.release(candidate);
        assertEquals(3, ContextIdPool.lowestCommon(agreed(false, false, a, b), 0), "the retry skips block 2");
    }

    @Test
    void shouldRefuseToReleaseABlockNotInUse()
    {
        final ContextIdPool a = new ContextIdPool(2);
        assertEquals(MPI.ERR_INTERN, assertThrows(MPIException.class, () -> a.release(5)).getErrorClass());
        assertEquals(MPI.ERR_INTERN, assertThrows(MPIException.class, () -> a.release(-1)).getErrorClass());
    }
}
