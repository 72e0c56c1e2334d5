package xen2mx.coll;

/**
 * Bruck's allgather of equal blocks, for any number of ranks: a scratch buffer holds blocks in the order
 * {@code me, me+1, ...} (mod n); in round k (distance {@code d = 2^k}) rank r sends its first {@code min(d, n-d)}
 * blocks to {@code r - d} and appends as many from {@code r + d}. ceil(log2 n) rounds; a final rotation puts the
 * blocks in rank order.
 */
final class BruckAllgather
{
    private BruckAllgather()
    {
    }

    /**
     * @param block elements of each rank's block; rank r's is at {@code roff + r * block}, this rank's is taken from
     *              {@code sbuf}
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block)
    {
        final int n = t.size();
        final int me = t.rank();
        final Object tmp = ElementArrays.newLike(rbuf, n * block);
        ElementArrays.copy(sbuf, soff, tmp, 0, block);
        for (int d = 1; d < n; d <<= 1)
        {
            final int blocks = Math.min(d, n - d);
            t.sendRecv((me - d + n) % n, tag, tmp, 0, blocks * block, (me + d) % n, tmp, d * block,
                blocks * block);
        }
        for (int k = 0; k < n; k++)
        {
            ElementArrays.copy(tmp, k * block, rbuf, roff + (me + k) % n * block, block);
        }
    }
}
