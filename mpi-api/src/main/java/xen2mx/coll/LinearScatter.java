package xen2mx.coll;

/**
 * Flat scatter(v): the root starts one send per rank from the block's place in its send buffer and copies its own
 * block; every other rank receives once.
 */
final class LinearScatter
{
    private LinearScatter()
    {
    }

    /**
     * @param counts significant at the root: elements for each rank
     * @param displs significant at the root: where each rank's block starts, from {@code soff}
     * @param rcount elements this rank receives
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final int[] counts,
        final int[] displs, final Object rbuf, final int roff, final int rcount, final int root)
    {
        final int me = t.rank();
        if (me != root)
        {
            t.recv(root, tag, rbuf, roff, rcount).await();
            return;
        }
        final Pendings sends = new Pendings();
        for (int r = 0; r < t.size(); r++)
        {
            if (r != me)
            {
                sends.add(t.send(r, tag, sbuf, soff + displs[r], counts[r]));
            }
        }
        ElementArrays.copy(sbuf, soff + displs[me], rbuf, roff, Math.min(rcount, counts[me]));
        sends.awaitAll();
    }
}
