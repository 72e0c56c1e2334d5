package xen2mx.coll;

/**
 * Van de Geijn's broadcast for long messages: the root's buffer is cut into n blocks ({@link Blocks}), a binomial
 * scatter leaves block {@code vr} at relative rank {@code vr}, and a ring allgather completes every buffer. Each
 * rank moves about {@code 2 * bytes} instead of {@code log2(n) * bytes}.
 */
final class ScatterAllgatherBcast
{
    private ScatterAllgatherBcast()
    {
    }

    /** @param grain elements that must stay in one block (1, or the elements of one datatype item) */
    static void run(final CollTransport t, final int tag, final Object buf, final int offset, final int count,
        final int grain, final int root)
    {
        final int n = t.size();
        final int vr = Trees.relative(t.rank(), root, n);
        final Blocks blocks = new Blocks(count, n, grain);
        final int reach = Trees.receiveMask(vr, n);
        if (vr != 0)
        {
            final int mine = blocks.count(vr, vr + Trees.subtreeSize(vr, n));
            if (mine > 0)
            {
                t.recv(Trees.absolute(vr - reach, root, n), tag, buf, offset + blocks.start(vr), mine).await();
            }
        }
        final Pendings sends = new Pendings();
        for (int mask = reach >> 1; mask > 0; mask >>= 1)
        {
            final int child = vr + mask;
            if (child < n)
            {
                final int theirs = blocks.count(child, child + Trees.subtreeSize(child, n));
                if (theirs > 0)
                {
                    sends.add(t.send(Trees.absolute(child, root, n), tag, buf, offset + blocks.start(child), theirs));
                }
            }
        }
        sends.awaitAll();
        final int[] counts = new int[n];
        final int[] displs = new int[n];
        for (int r = 0; r < n; r++)
        {
            final int owner = Trees.relative(r, root, n);
            counts[r] = blocks.count(owner);
            displs[r] = blocks.start(owner);
        }
        RingAllgather.run(t, tag, buf, offset, counts, displs);
    }
}
