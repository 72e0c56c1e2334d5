package mpi;

import java.util.Arrays;

import xen2mx.pml.MatchInfo;

/**
 * The context ids of one process, in blocks of {@link Comm#CONTEXTS_PER_COMM}: block {@code b} is contexts
 * {@code 4b .. 4b+3} of one communicator. New communicators get a block that is free on every member (MPICH's
 * scheme): each member offers its free mask, the members combine the offers with a bitwise AND, and every member
 * takes the lowest block set in the result ({@link #lowestCommon}), so all agree without a coordinator. A block is
 * never handed out while in use here and is free again after {@link #release}.
 *
 * <p>An offer covers the first {@value #NARROW_WORDS} words of the mask (the first 256 blocks, enough while fewer
 * communicators are alive, and only 40 bytes on the wire) or, when that window has no common free block, all
 * {@value #WORDS} words; a flag word comes last:
 * <pre>
 *  word 0 .. n-1 : free mask, bit (b % 64) of word (b / 64) set = block b is free on this process
 *  word n        : 1 = no other construction can run concurrently on this process (thread level below
 *                  THREAD_MULTIPLE), so taking the agreed block cannot fail here
 * </pre>
 * No lock is held across the exchange: under THREAD_MULTIPLE another thread may take the agreed block between the
 * offer and {@link #tryTake}, so the members then AND their successes in a second exchange and retry unless all
 * took it. (Holding the mask across the exchange, as MPICH does, deadlocks when one process builds two
 * communicators concurrently while another builds them one after the other.) Every member sees the same AND, so
 * all take the same decision. Thread-safe (monitor).
 */
final class ContextIdPool
{
    /** Blocks in the 16-bit context space. */
    static final int BLOCKS = (MatchInfo.MAX_CONTEXT + 1) / Comm.CONTEXTS_PER_COMM;
    /** Longs of the free mask. */
    static final int WORDS = BLOCKS / Long.SIZE;
    /** Words of a narrow offer's mask. */
    static final int NARROW_WORDS = 4;
    /** {@link #lowestCommon} result: no common free block in the narrow window; offer the whole mask. */
    static final int WIDEN = -2;

    private final long[] free = new long[WORDS];

    /** @param reserved the first blocks, in use for the life of the session (COMM_WORLD, COMM_SELF). */
    ContextIdPool(final int reserved)
    {
        Arrays.fill(free, -1L);
        for (int b = 0; b < reserved; b++)
        {
            free[b / Long.SIZE] &= ~(1L << b);
        }
    }

    /**
     * @param wide      false for the first {@value #NARROW_WORDS} words of the mask, true for all of it.
     * @param exclusive true when no other construction can run concurrently on this process.
     * @return this process's offer for one agreement round.
     */
    synchronized long[] offer(final boolean wide, final boolean exclusive)
    {
        final int words = wide ? WORDS : NARROW_WORDS;
        final long[] offer = Arrays.copyOf(free, words + 1);
        offer[words] = exclusive ? 1 : 0;
        return offer;
    }

    /** @return true if every member of the round offered exclusively (its flag word ANDed to 1). */
    static boolean allExclusive(final long[] agreed)
    {
        return agreed[agreed.length - 1] == 1;
    }

    /**
     * @param agreed the AND of every member's offer.
     * @return the lowest block free on every member, or {@link #WIDEN} when a narrow window has none.
     * @throws MPIException ERR_INTERN when no block at all is free on every member (the same on all members).
     */
    static int lowestCommon(final long[] agreed, final int inUseHere)
    {
        final int words = agreed.length - 1;
        for (int w = 0; w < words; w++)
        {
            if (agreed[w] != 0)
            {
                return w * Long.SIZE + Long.numberOfTrailingZeros(agreed[w]);
            }
        }
        if (words < WORDS)
        {
            return WIDEN;
        }
        throw new MPIException(MPI.ERR_INTERN, "no context id is free on every member of the new communicator: "
            + inUseHere + " of " + BLOCKS + " communicators are in use on this process (free unused ones with "
            + "Comm.Free)");
    }

    /** @return true if {@code block} was free here and is now in use; false if a concurrent construction has it. */
    synchronized boolean tryTake(final int block)
    {
        final long bit = 1L << block;
        if ((free[block / Long.SIZE] & bit) == 0)
        {
            return false;
        }
        free[block / Long.SIZE] &= ~bit;
        return true;
    }

    /** Makes {@code block} free again. */
    synchronized void release(final int block)
    {
        if (block < 0 || block >= BLOCKS || (free[block / Long.SIZE] & (1L << block)) != 0)
        {
            throw new MPIException(MPI.ERR_INTERN, "context block " + block + " is not in use");
        }
        free[block / Long.SIZE] |= 1L << block;
    }

    /** @return the number of blocks in use. */
    synchronized int inUse()
    {
        int count = 0;
        for (final long word : free)
        {
            count += Long.SIZE - Long.bitCount(word);
        }
        return count;
    }

    /** @return the bitwise AND of offers: what the members' combined exchange computes. */
    static long[] and(final long[] a, final long[] b)
    {
        final long[] result = new long[a.length];
        for (int i = 0; i < a.length; i++)
        {
            result[i] = a[i] & b[i];
        }
        return result;
    }
}
