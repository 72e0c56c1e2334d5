package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The context-id agreement logic, with several processes' pools combined by hand as the members' AND does. */
class ContextIdPoolTest
{
    /** One agreement among {@code pools}: narrow round, and a wide one if it asks so. */
    private static int[] round(final ContextIdPool... pools)
    {
        final int[] narrow = round(false, pools);
        return narrow[0] == ContextIdPool.WIDEN ? round(true, pools) : narrow;
    }

    /** One agreement round among {@code pools}: every offer ANDed, then settled by each. */
    private static int[] round(final boolean wide, final ContextIdPool... pools)
    {
        final long[][] offers = new long[pools.length][];
        long[] agreed = null;
        for (int p = 0; p < pools.length; p++)
        {
            offers[p] = pools[p].offer(wide);
            agreed = agreed == null ? offers[p] : ContextIdPool.and(agreed, offers[p]);
        }
        final int[] blocks = new int[pools.length];
        for (int p = 0; p < pools.length; p++)
        {
            blocks[p] = pools[p].settle(agreed, offers[p]);
        }
        return blocks;
    }

    @Test
    void shouldAgreeOnTheLowestBlockFreeOnEveryMember()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final ContextIdPool c = new ContextIdPool(2);
        assertEquals(2, round(a, b)[0]);
        assertEquals(2, round(c)[0], "c did not take part: block 2 is still free there");
        final int[] all = round(a, b, c);
        assertEquals(3, all[0], "2 is in use on a and b, 3 is the lowest common free block");
        assertEquals(3, all[1]);
        assertEquals(3, all[2]);
        assertEquals(4, a.inUse());
    }

    @Test
    void shouldReuseABlockOnceEveryHolderReleasedIt()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        assertEquals(2, round(a, b)[0]);
        a.release(2);
        assertEquals(3, round(a, b)[0], "b still holds block 2");
        b.release(2);
        assertEquals(2, round(a, b)[1]);
    }

    @Test
    void shouldRecycleBlocksForMoreCommunicatorsThanTheContextSpaceHolds()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3 * ContextIdPool.BLOCKS; i++)
        {
            final int[] blocks = round(a, b);
            assertEquals(blocks[0], blocks[1]);
            seen.add(blocks[0]);
            a.release(blocks[0]);
            b.release(blocks[1]);
        }
        assertEquals(Set.of(2), seen, "freed right away, the lowest block comes back every time");
        assertEquals(2, a.inUse());
    }

    @Test
    void shouldFailTheSameWayOnEveryMemberWhenNoBlockIsLeft()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        for (int i = 2; i < ContextIdPool.BLOCKS; i++)
        {
            round(a, b);
        }
        assertEquals(ContextIdPool.BLOCKS, a.inUse());
        assertEquals(ContextIdPool.WIDEN, round(false, a, b)[0]);
        final long[] offerA = a.offer(true);
        final long[] offerB = b.offer(true);
        final long[] agreed = ContextIdPool.and(offerA, offerB);
        final MPIException ea = assertThrows(MPIException.class, () -> a.settle(agreed, offerA));
        final MPIException eb = assertThrows(MPIException.class, () -> b.settle(agreed, offerB));
        assertEquals(MPI.ERR_INTERN, ea.getErrorClass());
        assertEquals(MPI.ERR_INTERN, eb.getErrorClass());
        assertTrue(ea.getMessage().contains("16384 of 16384 communicators are in use"), ea.getMessage());
        a.release(700);
        b.release(700);
        assertEquals(700, round(a, b)[0], "the mask was released after the failed round");
    }

    @Test
    void shouldRetryWhileAnotherConstructionOfAMemberHoldsItsMask()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        final long[] otherConstructionOnA = a.offer(false);
        final long[] offerA = a.offer(false);
        final long[] offerB = b.offer(false);
        assertEquals(0, offerA[ContextIdPool.NARROW_WORDS], "the mask is held: the second offer is empty");
        assertEquals(0, offerA[0], "and offers no block");
        final long[] agreed = ContextIdPool.and(offerA, offerB);
        assertEquals(ContextIdPool.RETRY, a.settle(agreed, offerA));
        assertEquals(ContextIdPool.RETRY, b.settle(agreed, offerB));
        assertEquals(2, a.settle(otherConstructionOnA, otherConstructionOnA), "the holder settles alone (1 member)");
        assertEquals(3, round(a, b)[0], "the retried round skips the block the other construction took");
    }

    @Test
    void shouldWidenTheOfferWhenTheFirstBlocksAreAllInUse()
    {
        final ContextIdPool a = new ContextIdPool(2);
        final ContextIdPool b = new ContextIdPool(2);
        for (int i = 2; i < 64 * ContextIdPool.NARROW_WORDS; i++)
        {
            assertEquals(i, round(false, a, b)[0]);
        }
        final int[] narrow = round(false, a, b);
        assertEquals(ContextIdPool.WIDEN, narrow[0]);
        assertEquals(ContextIdPool.WIDEN, narrow[1]);
        assertEquals(256, round(true, a, b)[1]);
        a.release(17);
        assertEquals(257, round(a, b)[0], "17 is still in use on b");
        b.release(17);
        assertEquals(17, round(a, b)[0], "back in the narrow window");
    }

    @Test
    void shouldRefuseToReleaseABlockNotInUse()
    {
        final ContextIdPool a = new ContextIdPool(2);
        assertEquals(MPI.ERR_INTERN, assertThrows(MPIException.class, () -> a.release(5)).getErrorClass());
        assertEquals(MPI.ERR_INTERN, assertThrows(MPIException.class, () -> a.release(-1)).getErrorClass());
    }
}
