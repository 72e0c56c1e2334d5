package mpi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Agrees on the context block of a new communicator among all the processes that construct it, with this
 * process's {@link ContextIdPool} (one per MPI session) and a way to AND offers across the members.
 */
final class ContextAgreement
{
    /** Blocks reserved for the session: 0 = COMM_WORLD, 1 = COMM_SELF. */
    static final int RESERVED_BLOCKS = 2;

    private static volatile ContextIdPool pool = new ContextIdPool(RESERVED_BLOCKS);

    /** Combines the offers of all the members of a construction. */
    @FunctionalInterface
    interface Combiner
    {
        /** @return the element-wise AND of every member's offer, the same on every member. */
        long[] andAcrossMembers(long[] mine);
    }

    private ContextAgreement()
    {
    }

    /** Starts a session: only COMM_WORLD's and COMM_SELF's blocks are in use. */
    static void newSession()
    {
        pool = new ContextIdPool(RESERVED_BLOCKS);
    }

    /** @return the number of context blocks in use on this process (COMM_WORLD and COMM_SELF included). */
    static int blocksInUse()
    {
        return pool.inUse();
    }

    /**
     * @return the first context id of a block agreed by every member, now in use here (until the communicator is
     * freed). One exchange when every member runs below THREAD_MULTIPLE; otherwise a second one confirms that every
     * member could take the block, and the round is retried if not.
     */
    static int agree(final Combiner members)
    {
        final ContextIdPool current = pool;
        final boolean exclusive = MPI.Query_thread() < MPI.THREAD_MULTIPLE;
        boolean wide = false;
        for (int round = 0;; round++)
        {
            final long[] agreed = members.andAcrossMembers(current.offer(wide, exclusive));
            final int block = ContextIdPool.lowestCommon(agreed, current.inUse());
            if (block == ContextIdPool.WIDEN)
            {
                wide = true;
                continue;
            }
            final boolean taken = current.tryTake(block);
            if (ContextIdPool.allExclusive(agreed))
            {
                if (!taken)
                {
                    throw new MPIException(MPI.ERR_INTERN, "context block " + block + " was taken during an exclusive "
                        + "agreement");
                }
                return block * Comm.CONTEXTS_PER_COMM;
            }
            if (members.andAcrossMembers(new long[] {taken ? 1 : 0})[0] == 1)
            {
                return block * Comm.CONTEXTS_PER_COMM;
            }
            if (taken)
            {
                current.release(block);
            }
            backOff(round);
        }
    }

    /** @return the first context id of a block agreed by all members of {@code parent}. */
    static int agree(final Intracomm parent)
    {
        return agree(mine -> ConstructionExchange.allreduceAnd(parent, mine));
    }

    /**
     * @return the first context id of a block agreed by the members of two groups: each group ANDs its offers at
     * its leader ({@code localLeader} of {@code local}), the leaders swap theirs over {@code bridge}, and each
     * leader broadcasts the result in its group.
     */
    static int agree(final Intracomm local, final int localLeader, final Comm bridge, final int bridgePeer,
        final int bridgeTag, final int bridgeKind)
    {
        return agree(mine ->
        {
            final long[] combined = ConstructionExchange.reduceAnd(local, localLeader, mine);
            if (local.myRank == localLeader)
            {
                final long[] theirs = new long[combined.length];
                ConstructionExchange.swap(bridge, bridgePeer, bridgeTag, bridgeKind, combined, theirs, MPI.LONG);
                for (int i = 0; i < combined.length; i++)
                {
                    combined[i] &= theirs[i];
                }
            }
            ConstructionExchange.bcast(local, localLeader, combined, MPI.LONG);
            return combined;
        });
    }

    /** @return the pool of the current session (a communicator gives its block back to its own session's). */
    static ContextIdPool currentPool()
    {
        return pool;
    }

    /** Randomised, growing pause between rounds, so concurrent constructions on this process stop colliding. */
    private static void backOff(final int round)
    {
        final int limitMicros = 1 << Math.min(round, 10);
        LockSupport.parkNanos(1000L * ThreadLocalRandom.current().nextInt(1, limitMicros + 1));
    }
}
