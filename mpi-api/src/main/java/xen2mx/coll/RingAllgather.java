package xen2mx.coll;

/**
 * Ring allgather(v) in place: every rank's own block is already in the buffer; in step {@code s = 0..n-2} rank
 * {@code r} passes block {@code r - s} to {@code r + 1} and receives block {@code r - s - 1} from {@code r - 1}
 * (mod n). n-1 steps, each rank sends and receives every other block once: the bandwidth-optimal choice for long
 * messages.
 */
final class RingAllgather
{
    private RingAllgather()
    {
    }

    /**
     * @param counts elements of each rank's block
     * @param displs offset of each rank's block from {@code offset}
     */
    static void run(final CollTransport t, final int tag, final Object buf, final int offset, final int[] counts,
        final int[] displs)
    {
        final int n = t.size();
        final int me = t.rank();
        final int right = (me + 1) % n;
        final int left = (me - 1 + n) % n;
        for (int s = 0; s < n - 1; s++)
        {
            final int out = (me - s + n) % n;
            final int in = (me - s - 1 + n) % n;
            t.sendRecv(right, tag, buf, offset + displs[out], counts[out], left, buf, offset + displs[in],
                counts[in]);
        }
    }
}
