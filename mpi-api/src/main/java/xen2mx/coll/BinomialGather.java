package xen2mx.coll;

/**
 * Binomial-tree gather of equal blocks: relative rank {@code vr} collects the blocks of its subtree
 * {@code [vr, vr + subtree)} in relative order, receiving the subtree of each child {@code vr + m}
 * ({@code m = 1, 2, 4, ...} below {@code lowbit(vr)}), then passes them all to its parent in one message.
 * ceil(log2 n) rounds; the root finally rotates relative order into rank order (no copy when the root is 0).
 */
final class BinomialGather
{
    private BinomialGather()
    {
    }

    /**
     * @param block elements each rank contributes
     * @param rbuf  significant at the root only: receives block {@code r} at {@code roff + r * block}
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block, final int root)
    {
        final int n = t.size();
        final int vr = Trees.relative(t.rank(), root, n);
        final int subtree = Trees.subtreeSize(vr, n);
        final boolean direct = vr == 0 && root == 0;
        final Object tmp = direct ? rbuf : ElementArrays.newLike(sbuf, subtree * block);
        final int tmpOff = direct ? roff : 0;
        ElementArrays.copy(sbuf, soff, tmp, tmpOff, block);
        final Pendings recvs = new Pendings();
        for (int mask = 1; mask < Trees.receiveMask(vr, n); mask <<= 1)
        {
            final int child = vr + mask;
            if (child < n)
            {
                recvs.add(t.recv(Trees.absolute(child, root, n), tag, tmp, tmpOff + mask * block,
                    Trees.subtreeSize(child, n) * block));
            }
        }
        recvs.awaitAll();
        if (vr != 0)
        {
            t.send(Trees.absolute(vr - Integer.lowestOneBit(vr), root, n), tag, tmp, 0, subtree * block).await();
        }
        else if (!direct)
        {
            for (int k = 0; k < n; k++)
            {
                ElementArrays.copy(tmp, k * block, rbuf, roff + Trees.absolute(k, root, n) * block, block);
            }
        }
    }
}
