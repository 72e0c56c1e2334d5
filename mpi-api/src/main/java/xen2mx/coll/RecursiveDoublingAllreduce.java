package xen2mx.coll;

/**
 * Recursive-doubling allreduce for short vectors and non-commutative operations. With {@code p} the largest power
 * of two {@code <= n} and {@code rem = n - p}: among the first {@code 2 * rem} ranks each even rank hands its
 * vector to the odd rank above it and sits out; the remaining p ranks (new rank {@code r / 2} below {@code rem},
 * {@code r - rem} above) exchange and combine with new rank {@code r ^ 2^k} in round k, lower ranks' data on the
 * left; finally the odd ranks return the result to the even ones. Every partial result covers a contiguous run of
 * ranks, so rank order holds.
 */
final class RecursiveDoublingAllreduce
{
    private RecursiveDoublingAllreduce()
    {
    }

    /** @param items items to reduce; the result lands in every rank's {@code rbuf} */
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
        final int p = Trees.floorPowerOfTwo(n);
        final int rem = n - p;
        final Object tmp = ElementArrays.newLike(rbuf, length);
        final int newRank;
        if (me < 2 * rem)
        {
            if (me % 2 == 0)
            {
                t.send(me + 1, tag, rbuf, roff, length).await();
                newRank = -1;
            }
            else
            {
                t.recv(me - 1, tag, tmp, 0, length).await();
                op.combine(tmp, 0, rbuf, roff, items);
                newRank = me / 2;
            }
        }
        else
        {
            newRank = me - rem;
        }
        if (newRank >= 0)
        {
            for (int mask = 1; mask < p; mask <<= 1)
            {
                final int newPartner = newRank ^ mask;
                final int partner = newPartner < rem ? newPartner * 2 + 1 : newPartner + rem;
                t.sendRecv(partner, tag, rbuf, roff, length, partner, tmp, 0, length);
                if (partner < me || op.commutative())
                {
                    op.combine(tmp, 0, rbuf, roff, items);
                }
                else
                {
                    op.combine(rbuf, roff, tmp, 0, items);
                    ElementArrays.copy(tmp, 0, rbuf, roff, length);
                }
            }
        }
        if (me < 2 * rem)
        {
            if (me % 2 == 1)
            {
                t.send(me - 1, tag, rbuf, roff, length).await();
            }
            else
            {
                t.recv(me + 1, tag, rbuf, roff, length).await();
            }
        }
    }
}
