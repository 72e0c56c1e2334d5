package xen2mx.btl.mx.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SegmentAllocatorTest
{
    /** Regression: TreeMap reuses a removed entry for its successor, which once made ranges overlap. */
    @Test
    void shouldNeverHandOutOverlappingRangesUnderChurn()
    {
        final SegmentAllocator allocator = new SegmentAllocator(1000, 1 << 24);
        final SplittableRandom random = new SplittableRandom(7);
        final List<long[]> live = new ArrayList<>();
        for (int step = 0; step < 20_000; step++)
        {
            if (!live.isEmpty() && random.nextInt(3) == 0)
            {
                final long[] range = live.remove(random.nextInt(live.size()));
                allocator.free(range[0], range[1]);
                continue;
            }
            final long length = 1 + random.nextInt(40_000);
            final long start = allocator.allocate(length);
            if (start < 0)
            {
                continue;
            }
            assertEquals(0, start % 64, "aligned");
            assertTrue(start >= 1000 && start + length <= 1 << 24, "inside the segment");
            for (final long[] other : live)
            {
                assertFalse(start < other[0] + other[1] && other[0] < start + length,
                    "[" + start + ", +" + length + ") overlaps [" + other[0] + ", +" + other[1] + ")");
            }
            live.add(new long[] {start, length});
        }
    }

    @Test
    void shouldMergeFreedNeighboursBackIntoOneRange()
    {
        final SegmentAllocator allocator = new SegmentAllocator(0, 64 * 3);
        final long a = allocator.allocate(64);
        final long b = allocator.allocate(64);
        final long c = allocator.allocate(64);
        assertEquals(-1, allocator.allocate(1));
        allocator.free(a, 64);
        allocator.free(c, 64);
        allocator.free(b, 64);
        assertEquals(0, allocator.allocate(64 * 3));
    }
}
