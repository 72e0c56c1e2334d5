package xen2mx.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every collective algorithm across 1..9 in-process ranks ({@link ThreadFabric}, synchronous sends) and several
 * sizes and roots, against a sequential reference. Buffers have guard elements around the data, which must stay
 * untouched.
 */
@Timeout(300)
class CollectiveAlgorithmsTest
{
    private static final int MAX_RANKS = 9;
    private static final int[] SIZES = {0, 1, 5, 64, 1000};
    private static final int PAD = 3;
    private static final int GUARD = -7;

    private static int value(final int rank, final int i)
    {
        return rank * 100_003 + i * 7 + 1;
    }

    private static int[] contribution(final int rank, final int count)
    {
        final int[] data = new int[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = value(rank, i);
        }
        return data;
    }

    private static int[] padded(final int[] data)
    {
        final int[] buf = new int[data.length + 2 * PAD];
        Arrays.fill(buf, GUARD);
        System.arraycopy(data, 0, buf, PAD, data.length);
        return buf;
    }

    private static int[] guarded(final int count)
    {
        final int[] buf = new int[count + 2 * PAD];
        Arrays.fill(buf, GUARD);
        return buf;
    }

    private static void assertPadded(final int[] expected, final int[] buf, final String what)
    {
        assertArrayEquals(padded(expected), buf, what);
    }

    private interface RootedRun
    {
        void run(CollTransport t, int root);
    }

    private static void forAll(final java.util.function.BiConsumer<Integer, Integer> sizeAndRanks)
    {
        for (int n = 1; n <= MAX_RANKS; n++)
        {
            for (final int size : SIZES)
            {
                sizeAndRanks.accept(n, size);
            }
        }
    }

    private static void forAllRoots(final int n, final java.util.function.IntConsumer body)
    {
        for (int root = 0; root < n; root++)
        {
            body.accept(root);
        }
    }

    // ------------------------------------------------------------------ bcast

    @Test
    void shouldBroadcastTheRootsDataWithEveryAlgorithm()
    {
        forAll((n, size) -> forAllRoots(n, root ->
        {
            for (final String algorithm : new String[] {"binomial", "scatter-allgather", "grain-4", "selector"})
            {
                ThreadFabric.run(n, t ->
                {
                    final int[] buf = t.rank() == root ? padded(contribution(root, size)) : guarded(size);
                    switch (algorithm)
                    {
                        case "binomial" -> BinomialBcast.run(t, 2, buf, PAD, size, root);
                        case "scatter-allgather" -> ScatterAllgatherBcast.run(t, 2, buf, PAD, size, 1, root);
                        case "grain-4" -> ScatterAllgatherBcast.run(t, 2, buf, PAD, size / 4 * 4, 4, root);
                        default -> CollectiveSelector.bcast(t, buf, PAD, size, 1, size * 4L * 100, root);
                    }
                    final int count = algorithm.equals("grain-4") ? size / 4 * 4 : size;
                    final int[] expected = t.rank() == root ? contribution(root, size)
                        : Arrays.copyOf(contribution(root, count), size);
                    if (t.rank() != root)
                    {
                        Arrays.fill(expected, count, size, GUARD);
                    }
                    assertPadded(expected, buf, algorithm + " n=" + n + " size=" + size + " root=" + root);
                });
            }
        }));
    }

    // ------------------------------------------------------------------ gather / scatter

    private static int[] gathered(final int n, final int block)
    {
        final int[] all = new int[n * block];
        for (int r = 0; r < n; r++)
        {
            System.arraycopy(contribution(r, block), 0, all, r * block, block);
        }
        return all;
    }

    @Test
    void shouldGatherBlocksInRankOrderWithEveryAlgorithm()
    {
        forAll((n, block) -> forAllRoots(n, root ->
        {
            for (final boolean binomial : new boolean[] {true, false})
            {
                ThreadFabric.run(n, t ->
                {
                    final int[] send = padded(contribution(t.rank(), block));
                    final int[] recv = t.rank() == root ? guarded(n * block) : null;
                    if (binomial)
                    {
                        BinomialGather.run(t, 3, send, PAD, recv, PAD, block, root);
                    }
                    else
                    {
                        CollectiveSelector.gather(t, send, PAD, recv, PAD, block, Long.MAX_VALUE, root);
                    }
                    if (t.rank() == root)
                    {
                        assertPadded(gathered(n, block), recv, "n=" + n + " block=" + block + " root=" + root);
                    }
                    assertPadded(contribution(t.rank(), block), send, "send buffer changed");
                });
            }
        }));
    }

    @Test
    void shouldScatterBlockRToRankRWithEveryAlgorithm()
    {
        forAll((n, block) -> forAllRoots(n, root ->
        {
            for (final boolean binomial : new boolean[] {true, false})
            {
                ThreadFabric.run(n, t ->
                {
                    final int[] send = t.rank() == root ? padded(gathered(n, block)) : null;
                    final int[] recv = guarded(block);
                    if (binomial)
                    {
                        BinomialScatter.run(t, 5, send, PAD, recv, PAD, block, root);
                    }
                    else
                    {
                        CollectiveSelector.scatter(t, send, PAD, recv, PAD, block, Long.MAX_VALUE, root);
                    }
                    assertPadded(contribution(t.rank(), block), recv, "n=" + n + " block=" + block + " root=" + root);
                });
            }
        }));
    }

    /** Block r holds r * size / 3 + (r % 2) elements, with a gap of r elements before it. */
    private static int[][] variableLayout(final int n, final int size)
    {
        final int[] counts = new int[n];
        final int[] displs = new int[n];
        int next = 0;
        for (int r = 0; r < n; r++)
        {
            counts[r] = r * size / 3 + r % 2;
            displs[r] = next + r;
            next = displs[r] + counts[r];
        }
        return new int[][] {counts, displs, {next}};
    }

    private static int[] laidOut(final int[][] layout, final java.util.function.IntFunction<int[]> blockOf)
    {
        final int[] all = new int[layout[2][0]];
        Arrays.fill(all, GUARD);
        for (int r = 0; r < layout[0].length; r++)
        {
            System.arraycopy(blockOf.apply(r), 0, all, layout[1][r], layout[0][r]);
        }
        return all;
    }

    @Test
    void shouldGatherAndScatterBlocksOfDifferentSizesAtTheirDisplacements()
    {
        forAll((n, size) -> forAllRoots(n, root ->
        {
            final int[][] layout = variableLayout(n, size);
            final int[] expected = laidOut(layout, r -> contribution(r, layout[0][r]));
            ThreadFabric.run(n, t ->
            {
                final int me = t.rank();
                final int[] send = padded(contribution(me, layout[0][me]));
                final int[] recv = me == root ? guarded(layout[2][0]) : null;
                CollectiveSelector.gatherv(t, send, PAD, layout[0][me], recv, PAD, layout[0], layout[1], root);
                if (me == root)
                {
                    assertPadded(expected, recv, "gatherv n=" + n + " size=" + size + " root=" + root);
                }
                final int[] back = guarded(layout[0][me]);
                CollectiveSelector.scatterv(t, me == root ? recv : null, PAD, layout[0], layout[1], back, PAD,
                    layout[0][me], root);
                assertPadded(contribution(me, layout[0][me]), back, "scatterv n=" + n + " root=" + root);
            });
        }));
    }

    // ------------------------------------------------------------------ allgather / alltoall

    @Test
    void shouldAllgatherWithEveryAlgorithm()
    {
        forAll((n, block) ->
        {
            for (final String algorithm : new String[] {"recursive-doubling", "bruck", "ring", "selector"})
            {
                if (algorithm.equals("recursive-doubling") && !Trees.isPowerOfTwo(n))
                {
                    continue;
                }
                ThreadFabric.run(n, t ->
                {
                    final int me = t.rank();
                    final int[] send = padded(contribution(me, block));
                    final int[] recv = guarded(n * block);
                    switch (algorithm)
                    {
                        case "recursive-doubling" ->
                        {
                            System.arraycopy(send, PAD, recv, PAD + me * block, block);
                            RecursiveDoublingAllgather.run(t, 7, recv, PAD, block);
                        }
                        case "bruck" -> BruckAllgather.run(t, 7, send, PAD, recv, PAD, block);
                        case "ring" -> CollectiveSelector.allgather(t, send, PAD, recv, PAD, block, Long.MAX_VALUE / n);
                        default -> CollectiveSelector.allgather(t, send, PAD, recv, PAD, block, block * 4L);
                    }
                    assertPadded(gathered(n, block), recv, algorithm + " n=" + n + " block=" + block);
                });
            }
        });
    }

    @Test
    void shouldRefuseRecursiveDoublingAllgatherOnANonPowerOfTwo()
    {
        ThreadFabric.run(1, t -> assertEquals(1, t.size()));
        assertThrows(AssertionError.class, () -> ThreadFabric.run(3,
            t -> RecursiveDoublingAllgather.run(t, 7, new int[3], 0, 1)));
    }

    @Test
    void shouldAllgatherBlocksOfDifferentSizes()
    {
        forAll((n, size) ->
        {
            final int[][] layout = variableLayout(n, size);
            final int[] expected = laidOut(layout, r -> contribution(r, layout[0][r]));
            ThreadFabric.run(n, t ->
            {
                final int me = t.rank();
                final int[] recv = guarded(layout[2][0]);
                CollectiveSelector.allgatherv(t, padded(contribution(me, layout[0][me])), PAD, layout[0][me], recv,
                    PAD, layout[0], layout[1]);
                assertPadded(expected, recv, "allgatherv n=" + n + " size=" + size);
            });
        });
    }

    private static int pairValue(final int from, final int to, final int i)
    {
        return from * 1_000_000 + to * 1000 + i;
    }

    @Test
    void shouldExchangeBlockRWithRankRInAlltoall()
    {
        forAll((n, block) -> ThreadFabric.run(n, t ->
        {
            final int me = t.rank();
            final int[] send = guarded(n * block);
            final int[] expected = new int[n * block];
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < block; i++)
                {
                    send[PAD + r * block + i] = pairValue(me, r, i);
                    expected[r * block + i] = pairValue(r, me, i);
                }
            }
            final int[] recv = guarded(n * block);
            CollectiveSelector.alltoall(t, send, PAD, recv, PAD, block);
            assertPadded(expected, recv, "alltoall n=" + n + " block=" + block);
        }));
    }

    @Test
    void shouldExchangeBlocksOfDifferentSizesInAlltoallv()
    {
        forAll((n, size) -> ThreadFabric.run(n, t ->
        {
            final int me = t.rank();
            final int[] scounts = new int[n];
            final int[] sdispls = new int[n];
            final int[] rcounts = new int[n];
            final int[] rdispls = new int[n];
            int sNext = 0;
            int rNext = 0;
            for (int r = 0; r < n; r++)
            {
                scounts[r] = (me + 2 * r) % 3 * size / 2;
                rcounts[r] = (r + 2 * me) % 3 * size / 2;
                sdispls[r] = sNext + 1;
                rdispls[r] = rNext + 2;
                sNext = sdispls[r] + scounts[r];
                rNext = rdispls[r] + rcounts[r];
            }
            final int[] send = guarded(sNext);
            final int[] expected = new int[rNext];
            Arrays.fill(expected, GUARD);
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < scounts[r]; i++)
                {
                    send[PAD + sdispls[r] + i] = pairValue(me, r, i);
                }
                for (int i = 0; i < rcounts[r]; i++)
                {
                    expected[rdispls[r] + i] = pairValue(r, me, i);
                }
            }
            final int[] recv = guarded(rNext);
            CollectiveSelector.alltoallv(t, send, PAD, scounts, sdispls, recv, PAD, rcounts, rdispls);
            assertPadded(expected, recv, "alltoallv n=" + n + " size=" + size);
        }));
    }

    // ------------------------------------------------------------------ reductions

    /** Integer addition: commutative, one element per item. */
    static final Combiner SUM = new Combiner()
    {
        @Override
        public void combine(final Object in, final int inOffset, final Object inout, final int inoutOffset,
            final int items)
        {
            for (int k = 0; k < items; k++)
            {
                ((int[])inout)[inoutOffset + k] += ((int[])in)[inOffset + k];
            }
        }

        @Override
        public boolean commutative()
        {
            return true;
        }

        @Override
        public int unit()
        {
            return 1;
        }
    };

    /** Product of 2x2 integer matrices (row-major, four elements per item): associative, not commutative. */
    static final Combiner MATRIX = new Combiner()
    {
        @Override
        public void combine(final Object in, final int inOffset, final Object inout, final int inoutOffset,
            final int items)
        {
            final int[] a = (int[])in;
            final int[] b = (int[])inout;
            for (int k = 0; k < items; k++)
            {
                final int x = inOffset + 4 * k;
                final int y = inoutOffset + 4 * k;
                final int p = a[x] * b[y] + a[x + 1] * b[y + 2];
                final int q = a[x] * b[y + 1] + a[x + 1] * b[y + 3];
                final int r = a[x + 2] * b[y] + a[x + 3] * b[y + 2];
                final int s = a[x + 2] * b[y + 1] + a[x + 3] * b[y + 3];
                b[y] = p;
                b[y + 1] = q;
                b[y + 2] = r;
                b[y + 3] = s;
            }
        }

        @Override
        public boolean commutative()
        {
            return false;
        }

        @Override
        public int unit()
        {
            return 4;
        }
    };

    /** The reduction of ranks {@code 0..last} in rank order. */
    private static int[] reference(final Combiner op, final int last, final int items)
    {
        final int[] acc = contribution(last, items * op.unit());
        for (int r = last - 1; r >= 0; r--)
        {
            op.combine(contribution(r, items * op.unit()), 0, acc, 0, items);
        }
        return acc;
    }

    private static final Combiner[] OPS = {SUM, MATRIX};

    @Test
    void shouldReduceInRankOrderToEveryRoot()
    {
        for (final Combiner op : OPS)
        {
            forAll((n, items) -> forAllRoots(n, root -> ThreadFabric.run(n, t ->
            {
                final int length = items * op.unit();
                final int[] send = padded(contribution(t.rank(), length));
                final int[] recv = t.rank() == root ? guarded(length) : null;
                CollectiveSelector.reduce(t, send, PAD, recv, PAD, items, op, root);
                if (t.rank() == root)
                {
                    assertPadded(reference(op, n - 1, items), recv, "n=" + n + " items=" + items + " root=" + root
                        + " commutative=" + op.commutative());
                }
                assertPadded(contribution(t.rank(), length), send, "send buffer changed");
            })));
        }
    }

    @Test
    void shouldAllreduceInRankOrderWithEveryAlgorithm()
    {
        for (final Combiner op : OPS)
        {
            forAll((n, items) ->
            {
                for (final boolean ring : new boolean[] {false, true})
                {
                    if (ring && !op.commutative())
                    {
                        continue;
                    }
                    ThreadFabric.run(n, t ->
                    {
                        final int length = items * op.unit();
                        final int[] recv = guarded(length);
                        final int[] send = padded(contribution(t.rank(), length));
                        if (ring)
                        {
                            RingAllreduce.run(t, 12, send, PAD, recv, PAD, items, op);
                        }
                        else
                        {
                            RecursiveDoublingAllreduce.run(t, 12, send, PAD, recv, PAD, items, op);
                        }
                        assertPadded(reference(op, n - 1, items), recv, "n=" + n + " items=" + items + " ring="
                            + ring + " commutative=" + op.commutative());
                    });
                }
            });
        }
    }

    @Test
    void shouldReduceScatterBlocksOfDifferentSizes()
    {
        for (final Combiner op : OPS)
        {
            forAll((n, size) -> ThreadFabric.run(n, t ->
            {
                final int me = t.rank();
                final int[] counts = new int[n];
                int total = 0;
                for (int r = 0; r < n; r++)
                {
                    counts[r] = (r * 7 + size) % (size + 2);
                    total += counts[r];
                }
                int start = 0;
                for (int r = 0; r < me; r++)
                {
                    start += counts[r] * op.unit();
                }
                final int[] all = reference(op, n - 1, total);
                final int[] recv = guarded(counts[me] * op.unit());
                CollectiveSelector.reduceScatter(t, padded(contribution(me, total * op.unit())), PAD, recv, PAD,
                    counts, op);
                assertPadded(Arrays.copyOfRange(all, start, start + counts[me] * op.unit()), recv,
                    "n=" + n + " size=" + size + " commutative=" + op.commutative());
            }));
        }
    }

    @Test
    void shouldScanInRankOrder()
    {
        for (final Combiner op : OPS)
        {
            forAll((n, items) -> ThreadFabric.run(n, t ->
            {
                final int[] recv = guarded(items * op.unit());
                CollectiveSelector.scan(t, padded(contribution(t.rank(), items * op.unit())), PAD, recv, PAD, items,
                    op);
                assertPadded(reference(op, t.rank(), items), recv, "n=" + n + " items=" + items + " rank="
                    + t.rank() + " commutative=" + op.commutative());
            }));
        }
    }

    @Test
    void shouldAcceptNullBuffersWhereARankHasNothingToSendOrReceive()
    {
        for (int n = 1; n <= MAX_RANKS; n++)
        {
            final int ranks = n;
            ThreadFabric.run(n, t ->
            {
                final int me = t.rank();
                final int[] counts = new int[ranks];
                final int[] displs = new int[ranks];
                for (int r = 0; r < ranks; r++)
                {
                    counts[r] = r % 2;
                    displs[r] = r;
                }
                final int[] mine = me % 2 == 1 ? new int[] {value(me, 0)} : null;
                final int[] all = new int[ranks];
                CollectiveSelector.allgatherv(t, mine, 0, counts[me], all, 0, counts, displs);
                final int[] reduced = me % 2 == 1 ? new int[1] : null;
                final int[] ones = new int[ranks];
                Arrays.fill(ones, 1);
                CollectiveSelector.reduceScatter(t, ones, 0, reduced, 0, counts, SUM);
                CollectiveSelector.bcast(t, null, 0, 0, 1, 0, 0);
                CollectiveSelector.allreduce(t, null, 0, null, 0, 0, MATRIX, 0);
                for (int r = 1; r < ranks; r += 2)
                {
                    assertEquals(value(r, 0), all[r]);
                }
                if (reduced != null)
                {
                    assertEquals(ranks, reduced[0]);
                }
            });
        }
    }

    // ------------------------------------------------------------------ objects and barrier

    @Test
    void shouldMoveObjectArraysAndReduceThemInRankOrder()
    {
        final Combiner concat = new Combiner()
        {
            @Override
            public void combine(final Object in, final int inOffset, final Object inout, final int inoutOffset,
                final int items)
            {
                for (int k = 0; k < items; k++)
                {
                    ((Object[])inout)[inoutOffset + k] = "" + ((Object[])in)[inOffset + k]
                        + ((Object[])inout)[inoutOffset + k];
                }
            }

            @Override
            public boolean commutative()
            {
                return false;
            }

            @Override
            public int unit()
            {
                return 1;
            }
        };
        for (int n = 1; n <= MAX_RANKS; n++)
        {
            final int ranks = n;
            ThreadFabric.run(n, t ->
            {
                final Object[] mine = {"r" + t.rank() + "a", "r" + t.rank() + "b"};
                final Object[] all = new Object[2 * ranks];
                CollectiveSelector.allgather(t, mine, 0, all, 0, 2, 0);
                final StringBuilder expected = new StringBuilder();
                for (int r = 0; r < ranks; r++)
                {
                    assertEquals("r" + r + "a", all[2 * r]);
                    expected.append('r').append(r).append('a');
                }
                final Object[] reduced = new Object[2];
                CollectiveSelector.allreduce(t, mine, 0, reduced, 0, 2, concat, 0);
                assertEquals(expected.toString(), reduced[0]);
            });
        }
    }

    @Test
    void shouldLetNoRankLeaveTheBarrierBeforeEveryRankEntered()
    {
        for (int n = 1; n <= MAX_RANKS; n++)
        {
            final int ranks = n;
            final AtomicInteger entered = new AtomicInteger();
            ThreadFabric.run(n, t ->
            {
                if (t.rank() == ranks - 1)
                {
                    sleep();
                }
                entered.incrementAndGet();
                CollectiveSelector.barrier(t);
                assertEquals(ranks, entered.get(), "left the barrier early");
            });
        }
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(20);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
