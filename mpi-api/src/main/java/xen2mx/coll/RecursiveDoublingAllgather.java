package xen2mx.coll;

/**
 * Recursive-doubling allgather of equal blocks, in place, for a power-of-two number of ranks: in round k rank r
 * exchanges the {@code 2^k} blocks of its aligned group {@code [r & ~(2^k - 1), +2^k)} with rank {@code r ^ 2^k}.
 * log2(n) rounds, each a contiguous message.
 */
final class RecursiveDoublingAllgather
{
    private RecursiveDoublingAllgather()
    {
    }

    /** @param block elements of each rank's block; rank r's is at {@code offset + r * block} */
    static void run(final CollTransport t, final int tag, final Object buf, final int offset, final int block)
    {
        final int n = t.size();
        final int me = t.rank();
        if (!Trees.isPowerOfTwo(n))
        {
            throw new IllegalArgumentException("recursive doubling allgather needs a power of two ranks, not " + n);
        }
        for (int mask = 1; mask < n; mask <<= 1)
        {
            final int partner = me ^ mask;
            final int mine = me & ~(mask - 1);
            final int theirs = partner & ~(mask - 1);
            t.sendRecv(partner, tag, buf, offset + mine * block, mask * block, partner, buf,
                offset + theirs * block, mask * block);
        }
    }
}
