package xen2mx.coll;

/**
 * Recursive-doubling inclusive scan: in round k rank r exchanges with {@code r ^ 2^k} the partial reduction of its
 * aligned group of {@code 2^k} ranks; data from a lower partner is combined into both the partial and the result,
 * data from a higher partner only into the partial (on the right). ceil(log2 n) rounds; rank order is kept. The
 * partial starts as a {@link CollTransport#duplicate duplicate} of the contribution, never sharing its objects with
 * the result.
 */
final class RecursiveDoublingScan
{
    private RecursiveDoublingScan()
    {
    }

    /** @param items items; rank r's {@code rbuf} receives the reduction of ranks 0..r */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op)
    {
        final int n = t.size();
        final int me = t.rank();
        final int length = items * op.unit();
        ElementArrays.copy(sbuf, soff, rbuf, roff, length);
        if (n == 1)
        {
            return;
        }
        Object partial = t.duplicate(sbuf, soff, length);
        Object tmp = ElementArrays.newLike(partial, length);
        for (int mask = 1; mask < n; mask <<= 1)
        {
            final int partner = me ^ mask;
            if (partner < n)
            {
                t.sendRecv(partner, tag, partial, 0, length, partner, tmp, 0, length);
                if (partner < me)
                {
                    op.combine(tmp, 0, partial, 0, items);
                    op.combine(tmp, 0, rbuf, roff, items);
                }
                else if (op.commutative())
                {
                    op.combine(tmp, 0, partial, 0, items);
                }
                else
                {
                    op.combine(partial, 0, tmp, 0, items);
                    final Object swap = partial;
                    partial = tmp;
                    tmp = swap;
                }
            }
        }
    }
}
