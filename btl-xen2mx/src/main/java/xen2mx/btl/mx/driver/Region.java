package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;

/**
 * A user region: memory lent to the driver for large messages, one or more segments seen as one run of bytes
 * (for the backend: slices of a guest's segment). Holds slices of the caller's buffers, so the caller's position and
 * limit do not matter after creation. Not thread-safe; the core's thread only.
 */
public final class Region
{
    private final ByteBuffer[] segments;
    private final int[] starts;
    private final int length;

    private Region(final ByteBuffer[] segments, final int[] starts, final int length)
    {
        this.segments = segments;
        this.starts = starts;
        this.length = length;
    }

    /**
     * @param memory the bytes from position to limit.
     * @return a region over them.
     */
    public static Region of(final ByteBuffer memory)
    {
        return new Region(new ByteBuffer[] {memory.slice()}, new int[] {0}, memory.remaining());
    }

    /**
     * @param memory segments, each from position to limit.
     * @param count  how many.
     * @return a region over their concatenation, or null if the total exceeds {@link Integer#MAX_VALUE}.
     */
    public static Region of(final ByteBuffer[] memory, final int count)
    {
        final ByteBuffer[] slices = new ByteBuffer[count];
        final int[] starts = new int[count];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            slices[i] = memory[i].slice();
            starts[i] = (int)total;
            total += slices[i].remaining();
            if (total > Integer.MAX_VALUE)
            {
                return null;
            }
        }
        return new Region(slices, starts, (int)total);
    }

    /** @return the region's length in bytes. */
    public int length()
    {
        return length;
    }

    /**
     * Copies region bytes {@code [offset, offset + count)} into {@code dst} at {@code dstIndex} (absolute).
     *
     * @param offset   in the region; the range must lie inside it.
     * @param dst      destination.
     * @param dstIndex absolute index in {@code dst}.
     * @param count    bytes.
     */
    void read(final int offset, final ByteBuffer dst, final int dstIndex, final int count)
    {
        int done = 0;
        int segment = segmentOf(offset);
        while (done < count)
        {
            final ByteBuffer source = segments[segment];
            final int inSegment = offset + done - starts[segment];
            final int chunk = Math.min(count - done, source.capacity() - inSegment);
            dst.put(dstIndex + done, source, inSegment, chunk);
            done += chunk;
            segment++;
        }
    }

    /**
     * Copies {@code count} bytes of {@code src} from {@code srcIndex} (absolute) into the region at {@code offset}.
     *
     * @param offset   in the region; the range must lie inside it.
     * @param src      source.
     * @param srcIndex absolute index in {@code src}.
     * @param count    bytes.
     */
    void write(final int offset, final ByteBuffer src, final int srcIndex, final int count)
    {
        int done = 0;
        int segment = segmentOf(offset);
        while (done < count)
        {
            final ByteBuffer target = segments[segment];
            final int inSegment = offset + done - starts[segment];
            final int chunk = Math.min(count - done, target.capacity() - inSegment);
            target.put(inSegment, src, srcIndex + done, chunk);
            done += chunk;
            segment++;
        }
    }

    private int segmentOf(final int offset)
    {
        if (segments.length == 1)
        {
            return 0;
        }
        int low = 0;
        int high = segments.length - 1;
        while (low < high)
        {
            final int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low; // the last segment starting at or before offset: never an empty one inside the region
    }
}
