package xen2mx.coll;

/**
 * Ring allreduce for long vectors and commutative operations: the vector is cut into n blocks ({@link Blocks}).
 * Reduce-scatter: in step {@code s = 0..n-2} rank r sends block {@code r - s} to {@code r + 1}, receives block
 * {@code r - s - 1} from {@code r - 1} and combines it into its own copy, so that rank r ends with block
 * {@code r + 1} fully reduced. Allgather: n-1 more steps pass the reduced blocks around the ring. Each rank sends
 * and receives {@code 2 (n-1)/n} of the vector, independent of n.
 */
final class RingAllreduce
{
    private RingAllreduce()
    {
    }

    /** @param items items to reduce; the result lands in every rank's {@code rbuf} */
    static void run(final CollTransport t, final int tag, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op)
    {
        final int n = t.size();
        final int me = t.rank();
        final int unit = op.unit();
        final int length = items * unit;
        ElementArrays.copy(sbuf, soff, rbuf, roff, length);
        if (n == 1)
        {
            return;
        }
        final Blocks blocks = new Blocks(length, n, unit);
        final Object tmp = ElementArrays.newLike(rbuf, blocks.count(0));
        final int right = (me + 1) % n;
        final int left = (me - 1 + n) % n;
        for (int s = 0; s < n - 1; s++)
        {
            final int out = (me - s + n) % n;
            final int in = (me - s - 1 + n) % n;
            t.sendRecv(right, tag, rbuf, roff + blocks.start(out), blocks.count(out), left, tmp, 0, blocks.count(in));
            op.combine(tmp, 0, rbuf, roff + blocks.start(in), blocks.count(in) / unit);
        }
        for (int s = 0; s < n - 1; s++)
        {
            final int out = (me + 1 - s + n) % n;
            final int in = (me - s + n) % n;
            t.sendRecv(right, tag, rbuf, roff + blocks.start(out), blocks.count(out), left, rbuf,
                roff + blocks.start(in), blocks.count(in));
        }
    }
}
