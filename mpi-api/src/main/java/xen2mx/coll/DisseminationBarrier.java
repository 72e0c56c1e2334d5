package xen2mx.coll;

/**
 * Dissemination barrier: ceil(log2 n) rounds of empty messages; in round k each rank signals
 * {@code rank + 2^k} and waits for {@code rank - 2^k} (mod n). No rank leaves before every rank has entered.
 */
final class DisseminationBarrier
{
    private static final byte[] EMPTY = new byte[0];

    private DisseminationBarrier()
    {
    }

    static void run(final CollTransport t, final int tag)
    {
        final int n = t.size();
        final int me = t.rank();
        for (int distance = 1; distance < n; distance <<= 1)
        {
            t.sendRecv((me + distance) % n, tag, EMPTY, 0, 0, (me - distance + n) % n, EMPTY, 0, 0);
        }
    }
}
