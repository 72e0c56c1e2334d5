package mpi;

import java.util.Arrays;

import xen2mx.pml.MatchInfo;

/**
 * The context ids of one process, in blocks of {@link Comm#CONTEXTS_PER_COMM}: block {@code b} is contexts
 * {@code 4b .. 4b+3} of one communicator. New communicators get a block that is free on every member (MPICH's
 * scheme): each member offers its free mask, the members combine the offers with a bitwise AND, and every member
 * takes the lowest block set in the result, so all agree without a coordinator. A block is never handed out while
 * in use here and is free again after {@link #release}.
 *
 * <p>An offer covers the first {@value #NARROW_WORDS} words of the mask (the first 256 blocks, enough while fewer
 * communicators are alive, and only 40 bytes on the wire) or, when that window has no common free block, all
 * {@value #WORDS} words; the holder word comes last:
 * <pre>
 *  word 0 .. n-1 : free mask, bit (b % 64) of word (b / 64) set = block b is free on this process
 *  word n        : 1 = this construction holds the mask; 0 = another construction of this process holds it
 *                  (its offer is all zero and the round is retried)
 * </pre>
 * Only one construction per process holds the mask at a time, so a block agreed by a round in which every member
 * held its mask (word n of the AND is 1) cannot have been taken meanwhile by a concurrent construction on another
 * communicator; no lock is held across the exchange, so such constructions cannot deadlock either. Every member
 * sees the same AND, so all take the same decision (block, retry, widen, or exhaustion). Thread-safe (monitor).
 */
final class ContextIdPool
{
    /** Blocks in the 16-bit context space. */
    static final int BLOCKS = (MatchInfo.MAX_CONTEXT + 1) / Comm.CONTEXTS_PER_COMM;
    /** Longs of the free mask. */
    static final int WORDS = BLOCKS / Long.SIZE;
    /** Words of a narrow offer's mask. */
    static final int NARROW_WORDS = 4;
    /** {@link #settle} result: some member's mask was held by another construction; offer again. */
    static final int RETRY = -1;
    /** {@link #settle} result: no common free block in the narrow window; offer the whole mask. */
    static final int WIDEN = -2;

    private final long[] free = new long[WORDS];
    private boolean held;

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
     * @param wide false for the first {@value #NARROW_WORDS} words of the mask, true for all of it.
     * @return this process's offer for one agreement round; pass it back to {@link #settle}.
     */
    synchronized long[] offer(final boolean wide)
    {
        final int words = wide ? WORDS : NARROW_WORDS;
        final long[] offer = new long[words + 1];
        if (!held)
        {
            held = true;
            System.arraycopy(free, 0, offer, 0, words);
            offer[words] = 1;
        }
        return offer;
    }

    /**
     * Ends a round.
     *
     * @param agreed the AND of every member's offer.
     * @param mine   this process's offer in that round.
     * @return the block now in use here, {@link #RETRY} or {@link #WIDEN}.
     * @throws MPIException ERR_INTERN when no block is free on every member (the same on all members).
     */
    synchronized int settle(final long[] agreed, final long[] mine)
    {
        final int words = mine.length - 1;
        if (mine[words] == 1)
        {
            held = false;
        }
        if (agreed[words] != 1)
        {
            return RETRY;
        }
        for (int w = 0; w < words; w++)
        {
            if (agreed[w] != 0)
            {
                final int bit = Long.numberOfTrailingZeros(agreed[w]);
                free[w] &= ~(1L << bit);
                return w * Long.SIZE + bit;
            }
        }
        if (words < WORDS)
        {
            return WIDEN;
        }
        throw new MPIException(MPI.ERR_INTERN, "no context id is free on every member of the new communicator: "
            + inUse() + " of " + BLOCKS + " communicators are in use on this process (free unused ones with "
            + "Comm.Free)");
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
