package xen2mx.coll;

/**
 * Binomial-tree reduce: relative rank {@code vr} combines, child by child ({@code vr + 1, vr + 2, vr + 4, ...}),
 * the partial results of its subtree into its own, then sends the result to its parent. ceil(log2 n) rounds.
 *
 * <p>A commutative operation uses the tree rooted at {@code root}. A non-commutative one uses the tree rooted at
 * rank 0 over absolute ranks, where every partial result covers a contiguous run of ranks and is combined as
 * {@code lower op higher}; rank 0 then sends the result to {@code root}.
 */
final class BinomialReduce
{
    private BinomialReduce()
    {
    }

    /**
     * @param items items to reduce ({@link Combiner#unit()} elements each)
     * @param rbuf  significant at the root only
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op, final int root)
    {
        final int n = t.size();
        final int me = t.rank();
        final int length = items * op.unit();
        final boolean commutative = op.commutative();
        final int treeRoot = commutative ? root : 0;
        final int vr = Trees.relative(me, treeRoot, n);
        final boolean inPlace = me == root && commutative;
        Object acc = inPlace ? rbuf : ElementArrays.newLike(sbuf, length);
        final int accOff = inPlace ? roff : 0;
        ElementArrays.copy(sbuf, soff, acc, accOff, length);
        Object scratch = null;
        final int reach = Trees.receiveMask(vr, n);
        for (int mask = 1; mask < reach; mask <<= 1)
        {
            final int child = vr + mask;
            if (child < n)
            {
                scratch = scratch != null ? scratch : ElementArrays.newLike(sbuf, length);
                t.recv(Trees.absolute(child, treeRoot, n), tag, scratch, 0, length).await();
                if (commutative)
                {
                    op.combine(scratch, 0, acc, accOff, items);
                }
                else
                {
                    op.combine(acc, 0, scratch, 0, items);
                    final Object result = scratch;
                    scratch = acc;
                    acc = result;
                }
            }
        }
        if (vr != 0)
        {
            t.send(Trees.absolute(vr - reach, treeRoot, n), tag, acc, accOff, length).await();
        }
        else if (root != treeRoot)
        {
            t.send(root, tag, acc, 0, length).await();
        }
        else if (!inPlace)
        {
            ElementArrays.copy(acc, 0, rbuf, roff, length);
        }
        if (me == root && root != treeRoot)
        {
            t.recv(treeRoot, tag, rbuf, roff, length).await();
        }
    }
}
