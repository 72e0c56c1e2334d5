package xen2mx.coll;

/**
 * Chooses and runs the algorithm of each collective operation from the message size and the number of ranks, as
 * Open MPI's tuned component and MPICH do. Sizes are the bytes of the data each rank contributes (0 when unknown,
 * for {@code MPI.OBJECT}: the short-message algorithm runs). Counts and offsets are in array elements; reductions
 * count items of {@link Combiner#unit()} elements. Operations whose count is the same on every rank return at once
 * when it is 0, sending nothing.
 *
 * <table>
 * <caption>Algorithm by operation, message size (bytes per rank, {@code B}) and number of ranks ({@code n})</caption>
 * <tr><th>operation</th><th>condition</th><th>algorithm</th></tr>
 * <tr><td>Barrier</td><td>always</td><td>dissemination, ceil(log2 n) rounds</td></tr>
 * <tr><td>Bcast</td><td>{@code B < 12 KiB} or {@code n < 8}</td><td>binomial tree</td></tr>
 * <tr><td>Bcast</td><td>otherwise</td><td>scatter + ring allgather (van de Geijn)</td></tr>
 * <tr><td>Gather, Scatter</td><td>{@code B <= 16 KiB}</td><td>binomial tree</td></tr>
 * <tr><td>Gather, Scatter</td><td>otherwise</td><td>linear (root posts all transfers at once)</td></tr>
 * <tr><td>Gatherv, Scatterv</td><td>always</td><td>linear</td></tr>
 * <tr><td>Allgather</td><td>{@code n * B < 512 KiB}, n a power of two</td><td>recursive doubling</td></tr>
 * <tr><td>Allgather</td><td>{@code n * B < 80 KiB}, other n</td><td>Bruck</td></tr>
 * <tr><td>Allgather</td><td>otherwise</td><td>ring</td></tr>
 * <tr><td>Allgatherv</td><td>always</td><td>ring</td></tr>
 * <tr><td>Alltoall, Alltoallv</td><td>always</td><td>pairwise exchange (XOR partners when n is a power of two)</td></tr>
 * <tr><td>Reduce</td><td>always</td><td>binomial tree (non-commutative: tree over rank order, rooted at 0)</td></tr>
 * <tr><td>Allreduce</td><td>commutative, {@code B >= 64 KiB}, at least n items</td><td>ring (reduce-scatter +
 * allgather)</td></tr>
 * <tr><td>Allreduce</td><td>otherwise</td><td>recursive doubling, non-power-of-two ranks folded in pairs</td></tr>
 * <tr><td>Reduce_scatter</td><td>commutative</td><td>pairwise exchange</td></tr>
 * <tr><td>Reduce_scatter</td><td>non-commutative</td><td>binomial reduce to rank 0 + linear scatterv</td></tr>
 * <tr><td>Scan</td><td>always</td><td>recursive doubling</td></tr>
 * </table>
 */
public final class CollectiveSelector
{
    /** Below this many bytes, or on fewer than {@link #BCAST_MIN_RANKS_FOR_SCATTER} ranks, Bcast is binomial. */
    public static final long BCAST_SHORT_BYTES = 12 * 1024;
    /** Fewer ranks than this always broadcast along the binomial tree. */
    public static final int BCAST_MIN_RANKS_FOR_SCATTER = 8;
    /** Blocks up to this many bytes are gathered and scattered along the binomial tree. */
    public static final long GATHER_SCATTER_BINOMIAL_BYTES = 16 * 1024;
    /** Allgather totals below this many bytes use recursive doubling when n is a power of two. */
    public static final long ALLGATHER_RECURSIVE_DOUBLING_BYTES = 512 * 1024;
    /** Allgather totals below this many bytes use Bruck's algorithm when n is not a power of two. */
    public static final long ALLGATHER_BRUCK_BYTES = 80 * 1024;
    /** Commutative allreduces of at least this many bytes go round the ring. */
    public static final long ALLREDUCE_RING_BYTES = 64 * 1024;

    private CollectiveSelector()
    {
    }

    /** {@code MPI_BARRIER}. */
    public static void barrier(final CollTransport t)
    {
        DisseminationBarrier.run(t, CollectiveTag.BARRIER.tag());
    }

    /** {@code MPI_BCAST} of {@code count} elements; {@code grain} elements make one item (kept in one block). */
    public static void bcast(final CollTransport t, final Object buf, final int offset, final int count,
        final int grain, final long bytes, final int root)
    {
        if (count == 0)
        {
            return;
        }
        final int tag = CollectiveTag.BCAST.tag();
        if (bytes < BCAST_SHORT_BYTES || t.size() < BCAST_MIN_RANKS_FOR_SCATTER)
        {
            BinomialBcast.run(t, tag, buf, offset, count, root);
        }
        else
        {
            ScatterAllgatherBcast.run(t, tag, buf, offset, count, grain, root);
        }
    }

    /** {@code MPI_GATHER} of {@code block} elements per rank. */
    public static void gather(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block, final long bytes, final int root)
    {
        if (block == 0)
        {
            return;
        }
        final int tag = CollectiveTag.GATHER.tag();
        if (bytes <= GATHER_SCATTER_BINOMIAL_BYTES)
        {
            BinomialGather.run(t, tag, sbuf, soff, rbuf, roff, block, root);
        }
        else
        {
            LinearGather.run(t, tag, sbuf, soff, block, rbuf, roff, uniform(t.size(), block),
                uniformDispls(t.size(), block), root);
        }
    }

    /** {@code MPI_GATHERV}: counts and displacements are significant at the root. */
    public static void gatherv(final CollTransport t, final Object sbuf, final int soff, final int scount,
        final Object rbuf, final int roff, final int[] counts, final int[] displs, final int root)
    {
        LinearGather.run(t, CollectiveTag.GATHERV.tag(), sbuf, soff, scount, rbuf, roff, counts, displs, root);
    }

    /** {@code MPI_SCATTER} of {@code block} elements per rank. */
    public static void scatter(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block, final long bytes, final int root)
    {
        if (block == 0)
        {
            return;
        }
        final int tag = CollectiveTag.SCATTER.tag();
        if (bytes <= GATHER_SCATTER_BINOMIAL_BYTES)
        {
            BinomialScatter.run(t, tag, sbuf, soff, rbuf, roff, block, root);
        }
        else
        {
            LinearScatter.run(t, tag, sbuf, soff, uniform(t.size(), block), uniformDispls(t.size(), block), rbuf,
                roff, block, root);
        }
    }

    /** {@code MPI_SCATTERV}: counts and displacements are significant at the root. */
    public static void scatterv(final CollTransport t, final Object sbuf, final int soff, final int[] counts,
        final int[] displs, final Object rbuf, final int roff, final int rcount, final int root)
    {
        LinearScatter.run(t, CollectiveTag.SCATTERV.tag(), sbuf, soff, counts, displs, rbuf, roff, rcount, root);
    }

    /** {@code MPI_ALLGATHER} of {@code block} elements per rank. */
    public static void allgather(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block, final long bytes)
    {
        if (block == 0)
        {
            return;
        }
        final int tag = CollectiveTag.ALLGATHER.tag();
        final int n = t.size();
        final long total = bytes * n;
        if (Trees.isPowerOfTwo(n) && total < ALLGATHER_RECURSIVE_DOUBLING_BYTES)
        {
            ElementArrays.copy(sbuf, soff, rbuf, roff + t.rank() * block, block);
            RecursiveDoublingAllgather.run(t, tag, rbuf, roff, block);
        }
        else if (!Trees.isPowerOfTwo(n) && total < ALLGATHER_BRUCK_BYTES)
        {
            BruckAllgather.run(t, tag, sbuf, soff, rbuf, roff, block);
        }
        else
        {
            ElementArrays.copy(sbuf, soff, rbuf, roff + t.rank() * block, block);
            RingAllgather.run(t, tag, rbuf, roff, uniform(n, block), uniformDispls(n, block));
        }
    }

    /** {@code MPI_ALLGATHERV}. */
    public static void allgatherv(final CollTransport t, final Object sbuf, final int soff, final int scount,
        final Object rbuf, final int roff, final int[] counts, final int[] displs)
    {
        final int me = t.rank();
        ElementArrays.copy(sbuf, soff, rbuf, roff + displs[me], Math.min(scount, counts[me]));
        RingAllgather.run(t, CollectiveTag.ALLGATHERV.tag(), rbuf, roff, counts, displs);
    }

    /** {@code MPI_ALLTOALL} of {@code block} elements per pair of ranks. */
    public static void alltoall(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int block)
    {
        if (block == 0)
        {
            return;
        }
        final int n = t.size();
        PairwiseAlltoall.run(t, CollectiveTag.ALLTOALL.tag(), sbuf, soff, uniform(n, block), uniformDispls(n, block),
            rbuf, roff, uniform(n, block), uniformDispls(n, block));
    }

    /** {@code MPI_ALLTOALLV}. */
    public static void alltoallv(final CollTransport t, final Object sbuf, final int soff, final int[] scounts,
        final int[] sdispls, final Object rbuf, final int roff, final int[] rcounts, final int[] rdispls)
    {
        PairwiseAlltoall.run(t, CollectiveTag.ALLTOALLV.tag(), sbuf, soff, scounts, sdispls, rbuf, roff, rcounts,
            rdispls);
    }

    /** {@code MPI_REDUCE} of {@code items} items. */
    public static void reduce(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op, final int root)
    {
        if (items == 0)
        {
            return;
        }
        BinomialReduce.run(t, CollectiveTag.REDUCE.tag(), sbuf, soff, rbuf, roff, items, op, root);
    }

    /** {@code MPI_ALLREDUCE} of {@code items} items. */
    public static void allreduce(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op, final long bytes)
    {
        if (items == 0)
        {
            return;
        }
        final int tag = CollectiveTag.ALLREDUCE.tag();
        if (op.commutative() && bytes >= ALLREDUCE_RING_BYTES && items >= t.size())
        {
            RingAllreduce.run(t, tag, sbuf, soff, rbuf, roff, items, op);
        }
        else
        {
            RecursiveDoublingAllreduce.run(t, tag, sbuf, soff, rbuf, roff, items, op);
        }
    }

    /** {@code MPI_REDUCE_SCATTER}: rank r receives {@code counts[r]} items of the reduction. */
    public static void reduceScatter(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int[] counts, final Combiner op)
    {
        final int tag = CollectiveTag.REDUCE_SCATTER.tag();
        if (op.commutative())
        {
            PairwiseReduceScatter.run(t, tag, sbuf, soff, rbuf, roff, counts, op);
            return;
        }
        final int n = t.size();
        final int unit = op.unit();
        final int[] elements = new int[n];
        final int[] displs = new int[n];
        int total = 0;
        for (int r = 0; r < n; r++)
        {
            elements[r] = counts[r] * unit;
            displs[r] = total;
            total += elements[r];
        }
        final Object reduced = t.rank() == 0 ? ElementArrays.newLike(sbuf, total) : null;
        BinomialReduce.run(t, tag, sbuf, soff, reduced, 0, total / unit, op, 0);
        LinearScatter.run(t, tag, reduced, 0, elements, displs, rbuf, roff, elements[t.rank()], 0);
    }

    /** {@code MPI_SCAN} of {@code items} items. */
    public static void scan(final CollTransport t, final Object sbuf, final int soff, final Object rbuf,
        final int roff, final int items, final Combiner op)
    {
        if (items == 0)
        {
            return;
        }
        RecursiveDoublingScan.run(t, CollectiveTag.SCAN.tag(), sbuf, soff, rbuf, roff, items, op);
    }

    private static int[] uniform(final int n, final int count)
    {
        final int[] counts = new int[n];
        java.util.Arrays.fill(counts, count);
        return counts;
    }

    private static int[] uniformDispls(final int n, final int count)
    {
        final int[] displs = new int[n];
        for (int r = 0; r < n; r++)
        {
            displs[r] = r * count;
        }
        return displs;
    }
}
