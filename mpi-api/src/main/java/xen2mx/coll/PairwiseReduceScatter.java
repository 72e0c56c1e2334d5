package xen2mx.coll;

/**
 * Pairwise-exchange reduce-scatter for commutative operations: in step {@code s = 1..n-1} rank r sends block
 * {@code r + s} of its input to rank {@code r + s} and receives its own block from rank {@code r - s} (mod n),
 * combining it into the result. n-1 steps; each rank sends exactly the data the others need.
 */
final class PairwiseReduceScatter
{
    private PairwiseReduceScatter()
    {
    }

    /**
     * @param counts items of each rank's block; the blocks lie one after another in {@code sbuf}, this rank's result
     *               lands at {@code roff}
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int[] counts, final Combiner op)
    {
        final int n = t.size();
        final int me = t.rank();
        final int unit = op.unit();
        final int[] starts = new int[n];
        for (int r = 1; r < n; r++)
        {
            starts[r] = starts[r - 1] + counts[r - 1] * unit;
        }
        final int mine = counts[me] * unit;
        ElementArrays.copy(sbuf, soff + starts[me], rbuf, roff, mine);
        final Object tmp = ElementArrays.newLike(rbuf, mine);
        for (int s = 1; s < n; s++)
        {
            final int dest = (me + s) % n;
            final int source = (me - s + n) % n;
            t.sendRecv(dest, tag, sbuf, soff + starts[dest], counts[dest] * unit, source, tmp, 0, mine);
            if (mine > 0)
            {
                op.combine(tmp, 0, rbuf, roff, counts[me]);
            }
        }
    }
}
