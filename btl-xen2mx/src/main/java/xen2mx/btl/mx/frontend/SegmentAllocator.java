package xen2mx.btl.mx.frontend;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocation of the guest-allocated part of the segment ({@link xen2mx.btl.mx.pv.SegmentLayout}), in
 * 64-byte aligned ranges, with free neighbours merged. Thread-safe (synchronized; allocation is per region, not per
 * message fragment).
 */
final class SegmentAllocator
{
    private static final long ALIGN = 64;

    /** Free ranges: start -&gt; length. */
    private final TreeMap<Long, Long> free = new TreeMap<>();

    /**
     * @param start first allocatable offset.
     * @param end   end of the segment.
     */
    SegmentAllocator(final long start, final long end)
    {
        final long aligned = (start + ALIGN - 1) & -ALIGN;
        free.put(aligned, end - aligned);
    }

    /**
     * @param length bytes wanted.
     * @return the offset of a range of at least {@code length} bytes, or -1 if none is free.
     */
    synchronized long allocate(final long length)
    {
        final long size = Math.max(ALIGN, (length + ALIGN - 1) & -ALIGN);
        for (final Map.Entry<Long, Long> range : free.entrySet())
        {
            final long start = range.getKey();
            final long available = range.getValue(); // read before removing: TreeMap reuses removed entries
            if (available >= size)
            {
                free.remove(start);
                if (available > size)
                {
                    free.put(start + size, available - size);
                }
                return start;
            }
        }
        return -1;
    }

    /**
     * @param start  an offset from {@link #allocate(long)}.
     * @param length the length asked for then.
     */
    synchronized void free(final long start, final long length)
    {
        long begin = start;
        long size = Math.max(ALIGN, (length + ALIGN - 1) & -ALIGN);
        final Map.Entry<Long, Long> before = free.floorEntry(begin);
        if (before != null && before.getKey() + before.getValue() == begin)
        {
            free.remove(before.getKey());
            begin = before.getKey();
            size += before.getValue();
        }
        final Long afterLength = free.get(begin + size);
        if (afterLength != null)
        {
            free.remove(begin + size);
            size += afterLength;
        }
        free.put(begin, size);
    }
}
