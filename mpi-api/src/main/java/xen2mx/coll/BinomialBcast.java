package xen2mx.coll;

/**
 * Binomial-tree broadcast: ceil(log2 n) rounds. With ranks renumbered relative to the root ({@code vr = (rank -
 * root) mod n}), rank {@code vr} receives from {@code vr - lowbit(vr)} and then sends to {@code vr + m} for every
 * power of two {@code m < lowbit(vr)} (the root: every {@code m < n}), largest first.
 */
final class BinomialBcast
{
    private BinomialBcast()
    {
    }

    static void run(final CollTransport t, final int tag, final Object buf, final int offset, final int count,
        final int root)
    {
        final int n = t.size();
        final int vr = Trees.relative(t.rank(), root, n);
        final int reach = Trees.receiveMask(vr, n);
        if (vr != 0)
        {
            t.recv(Trees.absolute(vr - reach, root, n), tag, buf, offset, count).await();
        }
        final Pendings sends = new Pendings();
        for (int mask = reach >> 1; mask > 0; mask >>= 1)
        {
            if (vr + mask < n)
            {
                sends.add(t.send(Trees.absolute(vr + mask, root, n), tag, buf, offset, count));
            }
        }
        sends.awaitAll();
    }
}
