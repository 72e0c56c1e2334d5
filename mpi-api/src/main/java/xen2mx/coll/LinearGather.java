package xen2mx.coll;

/**
 * Flat gather(v): the root posts one receive per rank straight into its place in the receive buffer and copies its
 * own block; every other rank sends once. One round, no intermediate copies: the choice for long blocks and for
 * blocks of different sizes.
 */
final class LinearGather
{
    private LinearGather()
    {
    }

    /**
     * @param scount elements this rank sends
     * @param counts significant at the root: elements from each rank
     * @param displs significant at the root: where each rank's block goes, from {@code roff}
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final int scount,
        final Object rbuf, final int roff, final int[] counts, final int[] displs, final int root)
    {
        final int me = t.rank();
        if (me != root)
        {
            t.send(root, tag, sbuf, soff, scount).await();
            return;
        }
        final Pendings recvs = new Pendings();
        for (int r = 0; r < t.size(); r++)
        {
            if (r != me)
            {
                recvs.add(t.recv(r, tag, rbuf, roff + displs[r], counts[r]));
            }
        }
        ElementArrays.copy(sbuf, soff, rbuf, roff + displs[me], Math.min(scount, counts[me]));
        recvs.awaitAll();
    }
}
