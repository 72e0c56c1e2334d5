package xen2mx.coll;

/**
 * Binomial-tree scatter of equal blocks, the mirror of {@link BinomialGather}: relative rank {@code vr} receives
 * the blocks of its subtree from its parent in one message, forwards to each child {@code vr + m} (largest
 * {@code m} first) the blocks of the child's subtree, and keeps the first. The root first rotates rank order into
 * relative order (no copy when the root is 0); a leaf receives straight into its receive buffer.
 */
final class BinomialScatter
{
    private BinomialScatter()
    {
    }

    /**
     * @param sbuf  significant at the root only: block {@code r} for rank r at {@code soff + r * block}
     * @param block elements each rank receives
     */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block, final int root)
    {
        final int n = t.size();
        final int vr = Trees.relative(t.rank(), root, n);
        final int subtree = Trees.subtreeSize(vr, n);
        final Object tmp;
        final int tmpOff;
        if (vr == 0 && root == 0)
        {
            tmp = sbuf;
            tmpOff = soff;
        }
        else if (vr == 0)
        {
            tmp = ElementArrays.newLike(sbuf, n * block);
            tmpOff = 0;
            for (int k = 0; k < n; k++)
            {
                ElementArrays.copy(sbuf, soff + Trees.absolute(k, root, n) * block, tmp, k * block, block);
            }
        }
        else if (subtree == 1)
        {
            t.recv(Trees.absolute(vr - Integer.lowestOneBit(vr), root, n), tag, rbuf, roff, block).await();
            return;
        }
        else
        {
            tmp = ElementArrays.newLike(rbuf, subtree * block);
            tmpOff = 0;
            t.recv(Trees.absolute(vr - Integer.lowestOneBit(vr), root, n), tag, tmp, 0, subtree * block).await();
        }
        final Pendings sends = new Pendings();
        for (int mask = Trees.receiveMask(vr, n) >> 1; mask > 0; mask >>= 1)
        {
            final int child = vr + mask;
            if (child < n)
            {
                sends.add(t.send(Trees.absolute(child, root, n), tag, tmp, tmpOff + mask * block,
                    Trees.subtreeSize(child, n) * block));
            }
        }
        ElementArrays.copy(tmp, tmpOff, rbuf, roff, block);
        sends.awaitAll();
    }
}
