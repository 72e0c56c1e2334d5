package mpi;

/**
 * The small collective exchanges that communicator construction needs (allgather of split colours, the AND of
 * context-id offers, broadcasts of group lists, the two leaders' swap for inter-communicators), over point-to-point
 * on a communicator's collective context with the reserved tags 1000..1999 (tags below 1000 belong to the
 * general collectives). Allreduce by recursive doubling (ceil(log2 n) rounds, latency matters more than bytes
 * here), reduce and broadcast by binomial trees. Every member of the communicator calls the same exchanges in the
 * same order, so FIFO matching per (context, source, tag) keeps successive exchanges apart.
 */
final class ConstructionExchange
{
    static final int REDUCE_TAG = 1000;
    static final int BCAST_TAG = 1001;
    /** Tag of the result sent back to the ranks beyond the largest power of two in an allreduce. */
    static final int RESULT_TAG = 1002;
    /** Inter-communicator leaders' swaps on the inter-communicator's own collective context. */
    static final int BRIDGE_TAG = 1003;

    private ConstructionExchange()
    {
    }


    /** @return the element-wise AND of every member's {@code mine} (same length everywhere), on every member. */
    static long[] allreduceAnd(final Intracomm comm, final long[] mine)
    {
        return allreduce(comm, mine, (a, b) -> a & b);
    }

    /**
     * Recursive doubling: with p the largest power of two &lt;= n, ranks p..n-1 first hand their data to rank - p
     * and get the result back at the end; ranks 0..p-1 combine with rank XOR 2^k in round k.
     *
     * @param op commutative and associative.
     * @return the element-wise combination of every member's {@code mine} (same length everywhere).
     */
    static long[] allreduce(final Intracomm comm, final long[] mine, final java.util.function.LongBinaryOperator op)
    {
        final int size = comm.group.Size();
        final int rank = comm.myRank;
        final int p = Integer.highestOneBit(size);
        final long[] acc = mine.clone();
        if (rank >= p)
        {
            send(comm, acc, acc.length, MPI.LONG, rank - p, REDUCE_TAG);
            recv(comm, acc, acc.length, MPI.LONG, rank - p, RESULT_TAG);
            return acc;
        }
        final long[] in = new long[acc.length];
        if (rank + p < size)
        {
            recv(comm, in, in.length, MPI.LONG, rank + p, REDUCE_TAG);
            combine(acc, in, op);
        }
        for (int mask = 1; mask < p; mask <<= 1)
        {
            final int partner = rank ^ mask;
            final Operation incoming = comm.startRecv(in, 0, in.length, MPI.LONG, partner, REDUCE_TAG,
                Comm.COLLECTIVE);
            send(comm, acc, acc.length, MPI.LONG, partner, REDUCE_TAG);
            incoming.await();
            combine(acc, in, op);
        }
        if (rank + p < size)
        {
            send(comm, acc, acc.length, MPI.LONG, rank + p, RESULT_TAG);
        }
        return acc;
    }

    private static void combine(final long[] acc, final long[] in, final java.util.function.LongBinaryOperator op)
    {
        for (int i = 0; i < acc.length; i++)
        {
            acc[i] = op.applyAsLong(acc[i], in[i]);
        }
    }

    /** @return on {@code root}, the element-wise AND of every member's {@code mine}; elsewhere a partial AND. */
    static long[] reduceAnd(final Intracomm comm, final int root, final long[] mine)
    {
        final int size = comm.group.Size();
        final int relative = (comm.myRank - root + size) % size;
        final long[] acc = mine.clone();
        final long[] in = new long[mine.length];
        for (int mask = 1; mask < size; mask <<= 1)
        {
            if ((relative & mask) != 0)
            {
                send(comm, acc, acc.length, MPI.LONG, (relative - mask + root) % size, REDUCE_TAG);
                break;
            }
            if (relative + mask < size)
            {
                recv(comm, in, in.length, MPI.LONG, (relative + mask + root) % size, REDUCE_TAG);
                for (int i = 0; i < acc.length; i++)
                {
                    acc[i] &= in[i];
                }
            }
        }
        return acc;
    }

    /** Broadcasts {@code data} (an array of {@code type}, same length everywhere) from {@code root}, in place. */
    static void bcast(final Intracomm comm, final int root, final Object data, final Datatype type)
    {
        final int size = comm.group.Size();
        final int relative = (comm.myRank - root + size) % size;
        final int length = java.lang.reflect.Array.getLength(data);
        int mask = 1;
        while (mask < size)
        {
            if ((relative & mask) != 0)
            {
                recv(comm, data, length, type, (relative - mask + root) % size, BCAST_TAG);
                break;
            }
            mask <<= 1;
        }
        for (mask >>= 1; mask > 0; mask >>= 1)
        {
            if (relative + mask < size)
            {
                send(comm, data, length, type, (relative + mask + root) % size, BCAST_TAG);
            }
        }
    }

    /** @return {@code data} of {@code root} (any length) on every member; {@code data} matters only at root. */
    static int[] bcastInts(final Intracomm comm, final int root, final int[] data)
    {
        final int[] length = {comm.myRank == root ? data.length : 0};
        bcast(comm, root, length, MPI.INT);
        final int[] result = comm.myRank == root ? data.clone() : new int[length[0]];
        bcast(comm, root, result, MPI.INT);
        return result;
    }

    /**
     * @return every member's {@code mine} (same length everywhere), concatenated in rank order, on every member: an
     * allreduce with OR of arrays that are zero outside each member's own slot.
     */
    static int[] allgather(final Intracomm comm, final int[] mine)
    {
        final int width = mine.length;
        final long[] slots = new long[comm.group.Size() * width];
        for (int i = 0; i < width; i++)
        {
            slots[comm.myRank * width + i] = mine[i];
        }
        final long[] all = allreduce(comm, slots, (a, b) -> a | b);
        final int[] result = new int[all.length];
        for (int i = 0; i < all.length; i++)
        {
            result[i] = (int)all[i];
        }
        return result;
    }

    /**
     * Swaps arrays with one peer, for inter-communicator leaders.
     *
     * @param bridge  the communicator joining the two leaders.
     * @param peer    the other leader's rank in {@code bridge} (its remote group for an inter-communicator).
     * @param tag     the tag agreed for the swap.
     * @param kind    {@link Comm#P2P} (a user's peer communicator and tag) or {@link Comm#COLLECTIVE}.
     * @param mine    what this leader sends.
     * @param theirs  where the other leader's array lands (same length as theirs was sent).
     */
    static void swap(final Comm bridge, final int peer, final int tag, final int kind, final Object mine,
        final Object theirs, final Datatype type)
    {
        final Operation in = bridge.startRecv(theirs, 0, java.lang.reflect.Array.getLength(theirs), type, peer, tag,
            kind);
        bridge.startSend(mine, 0, java.lang.reflect.Array.getLength(mine), type, peer, tag, Comm.SendMode.STANDARD,
            kind).await();
        in.await();
    }

    /** @return the peer's int array of any length: its length is swapped first. */
    static int[] swapInts(final Comm bridge, final int peer, final int tag, final int kind, final int[] mine)
    {
        final int[] length = new int[1];
        swap(bridge, peer, tag, kind, new int[] {mine.length}, length, MPI.INT);
        final int[] theirs = new int[length[0]];
        swap(bridge, peer, tag, kind, mine, theirs, MPI.INT);
        return theirs;
    }

    private static void send(final Comm comm, final Object buf, final int count, final Datatype type, final int dest,
        final int tag)
    {
        comm.startSend(buf, 0, count, type, dest, tag, Comm.SendMode.STANDARD, Comm.COLLECTIVE).await();
    }

    private static void recv(final Comm comm, final Object buf, final int count, final Datatype type,
        final int source, final int tag)
    {
        comm.startRecv(buf, 0, count, type, source, tag, Comm.COLLECTIVE).await();
    }
}
