package xen2mx.coll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The selector picks the algorithms its table documents, recognised by their message patterns on rank 0 (which
 * peers it talks to, in which order).
 */
@Timeout(60)
class CollectiveSelectorTest
{
    /** Records rank 0's sends as "s" + peer and receives as "r" + peer. */
    private static List<String> trafficOfRankZero(final int n, final java.util.function.Consumer<CollTransport> body)
    {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        ThreadFabric.run(n, t -> body.accept(t.rank() != 0 ? t : new CollTransport()
        {
            @Override
            public int rank()
            {
                return t.rank();
            }

            @Override
            public int size()
            {
                return t.size();
            }

            @Override
            public Pending send(final int dest, final int tag, final Object array, final int offset,
                final int count)
            {
                log.add("s" + dest);
                return t.send(dest, tag, array, offset, count);
            }

            @Override
            public Pending recv(final int source, final int tag, final Object array, final int offset,
                final int count)
            {
                log.add("r" + source);
                return t.recv(source, tag, array, offset, count);
            }
        }));
        return log;
    }

    @Test
    void shouldBroadcastShortMessagesAlongTheBinomialTreeAndLongOnesByScatterAndRing()
    {
        final int n = 8;
        assertEquals(List.of("s4", "s2", "s1"), trafficOfRankZero(n, t -> CollectiveSelector.bcast(t,
            new int[1000], 0, 1000, 1, CollectiveSelector.BCAST_SHORT_BYTES - 1, 0)));
        final List<String> vanDeGeijn = trafficOfRankZero(n, t -> CollectiveSelector.bcast(t, new int[1000], 0, 1000,
            1, CollectiveSelector.BCAST_SHORT_BYTES, 0));
        assertEquals(List.of("s4", "s2", "s1"), vanDeGeijn.subList(0, 3));
        assertEquals(3 + 2 * (n - 1), vanDeGeijn.size(), vanDeGeijn.toString());
        assertEquals(List.of("s4", "s2", "s1"), trafficOfRankZero(7, t -> CollectiveSelector.bcast(t,
            new int[1000], 0, 1000, 1, Long.MAX_VALUE, 0)));
    }

    @Test
    void shouldAllgatherByRecursiveDoublingBruckOrRing()
    {
        assertEquals(List.of("r1", "s1", "r2", "s2", "r4", "s4"), trafficOfRankZero(8,
            t -> CollectiveSelector.allgather(t, new int[1], 0, new int[8], 0, 1, 4)));
        assertEquals(List.of("r1", "s5", "r2", "s4", "r4", "s2"), trafficOfRankZero(6,
            t -> CollectiveSelector.allgather(t, new int[1], 0, new int[6], 0, 1, 4)));
        assertEquals(List.of("r5", "s1", "r5", "s1", "r5", "s1", "r5", "s1", "r5", "s1"), trafficOfRankZero(6,
            t -> CollectiveSelector.allgather(t, new int[1], 0, new int[6], 0, 1,
                CollectiveSelector.ALLGATHER_BRUCK_BYTES)));
    }

    @Test
    void shouldAllreduceByRingOnlyForLongCommutativeVectors()
    {
        final int items = 64;
        final List<String> ring = trafficOfRankZero(4, t -> CollectiveSelector.allreduce(t, new int[items], 0,
            new int[items], 0, items, CollectiveAlgorithmsTest.SUM, CollectiveSelector.ALLREDUCE_RING_BYTES));
        assertEquals(2 * 2 * 3, ring.size(), ring.toString());
        assertEquals(List.of("r3", "s1"), ring.subList(0, 2));
        final List<String> doubling = trafficOfRankZero(4, t -> CollectiveSelector.allreduce(t, new int[items * 4],
            0, new int[items * 4], 0, items, CollectiveAlgorithmsTest.MATRIX, Long.MAX_VALUE));
        assertEquals(List.of("r1", "s1", "r2", "s2"), doubling);
    }

    @Test
    void shouldGatherAlongTheTreeOrLinearly()
    {
        assertEquals(List.of("r1", "r2", "r4"), trafficOfRankZero(8, t -> CollectiveSelector.gather(t, new int[1],
            0, new int[8], 0, 1, CollectiveSelector.GATHER_SCATTER_BINOMIAL_BYTES, 0)));
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7"), trafficOfRankZero(8,
            t -> CollectiveSelector.gather(t, new int[1], 0, new int[8], 0, 1,
                CollectiveSelector.GATHER_SCATTER_BINOMIAL_BYTES + 1, 0)));
    }
}
