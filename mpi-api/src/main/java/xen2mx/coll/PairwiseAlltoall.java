package xen2mx.coll;

/**
 * Pairwise-exchange all-to-all(v): n-1 steps, in step s each rank sends one block to one partner and receives one
 * from another, so no rank is flooded. With a power of two ranks the partner is {@code me ^ s} (one exchange per
 * pair and step); otherwise rank r sends to {@code r + s} and receives from {@code r - s} (mod n). Its own block is
 * copied.
 */
final class PairwiseAlltoall
{
    private PairwiseAlltoall()
    {
    }

    /**
     * @param scounts elements for each rank, at {@code soff + sdispls[r]}
     * @param rcounts elements from each rank, stored at {@code roff + rdispls[r]}
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final int[] scounts,
        final int[] sdispls, final Object rbuf, final int roff, final int[] rcounts, final int[] rdispls)
    {
        final int n = t.size();
        final int me = t.rank();
        ElementArrays.copy(sbuf, soff + sdispls[me], rbuf, roff + rdispls[me], Math.min(scounts[me], rcounts[me]));
        final boolean pairs = Trees.isPowerOfTwo(n);
        for (int s = 1; s < n; s++)
        {
            final int dest = pairs ? me ^ s : (me + s) % n;
            final int source = pairs ? me ^ s : (me - s + n) % n;
            t.sendRecv(dest, tag, sbuf, soff + sdispls[dest], scounts[dest], source, rbuf, roff + rdispls[source],
                rcounts[source]);
        }
    }
}
