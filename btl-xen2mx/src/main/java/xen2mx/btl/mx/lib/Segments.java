package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

/**
 * A list of memory segments ({@code mx_segment_t[]}): each {@link ByteBuffer} contributes its bytes from its position
 * to its limit, captured when the request is posted; the library reads and writes with absolute indexes and never
 * moves a position or limit. Message byte {@code i} is in the segment where the running total passes {@code i}.
 */
final class Segments
{
    /** Most segments one request may have ({@code MX_MAX_SEGMENTS}). */
    static final int MAX_SEGMENTS = 256;

    private static final ByteBuffer[] NONE = new ByteBuffer[0];
    static final Segments EMPTY = new Segments(NONE, new int[0], new int[0], 0);

    private final ByteBuffer[] buffers;
    private final int[] starts;
    private final int[] lengths;
    private final int total;

    private Segments(final ByteBuffer[] buffers, final int[] starts, final int[] lengths, final int total)
    {
        this.buffers = buffers;
        this.starts = starts;
        this.lengths = lengths;
        this.total = total;
    }

    /**
     * @param buffers  the segments; null elements are refused.
     * @param writable true for receive buffers (read-only buffers are refused).
     * @throws MxException {@link MxReturn#BAD_SEG_CNT} beyond {@link #MAX_SEGMENTS}, {@link MxReturn#BAD_SEG_LIST}
     *                     for a null or (receive) read-only segment, {@link MxReturn#BAD_SEG_MEM} if the total
     *                     exceeds {@code Integer.MAX_VALUE}.
     */
    static Segments of(final ByteBuffer[] buffers, final boolean writable)
    {
        if (buffers == null)
        {
            throw new MxException(MxReturn.BAD_SEG_LIST, "segment list is null");
        }
        if (buffers.length > MAX_SEGMENTS)
        {
            throw new MxException(MxReturn.BAD_SEG_CNT, buffers.length + " segments, at most " + MAX_SEGMENTS);
        }
        final ByteBuffer[] copy = buffers.clone();
        final int[] starts = new int[copy.length];
        final int[] lengths = new int[copy.length];
        long total = 0;
        for (int i = 0; i < copy.length; i++)
        {
            if (copy[i] == null)
            {
                throw new MxException(MxReturn.BAD_SEG_LIST, "segment " + i + " is null");
            }
            if (writable && copy[i].isReadOnly())
            {
                throw new MxException(MxReturn.BAD_SEG_LIST, "receive segment " + i + " is read-only");
            }
            starts[i] = copy[i].position();
            lengths[i] = copy[i].remaining();
            total += lengths[i];
        }
        if (total > Integer.MAX_VALUE)
        {
            throw new MxException(MxReturn.BAD_SEG_MEM, "segments total " + total + " bytes");
        }
        return new Segments(copy, starts, lengths, (int)total);
    }

    /** @return the total length in bytes. */
    int length()
    {
        return total;
    }

    /** @return slices covering message bytes {@code [0, length)}, one per segment that holds some of them. */
    ByteBuffer[] slices(final int length)
    {
        int count = 0;
        int covered = 0;
        while (count < buffers.length && covered < length)
        {
            covered += lengths[count++];
        }
        final ByteBuffer[] slices = new ByteBuffer[Math.max(count, 1)];
        if (count == 0)
        {
            slices[0] = ByteBuffer.allocate(0);
            return slices;
        }
        int remaining = length;
        for (int i = 0; i < count; i++)
        {
            final int chunk = Math.min(remaining, lengths[i]);
            slices[i] = buffers[i].slice(starts[i], chunk);
            remaining -= chunk;
        }
        return slices;
    }

    /** Copies {@code length} bytes of {@code source} from index {@code from} into the message at {@code offset}. */
    void scatter(final int offset, final ByteBuffer source, final int from, final int length)
    {
        int remaining = length;
        int messageOffset = offset;
        int sourceIndex = from;
        for (int i = 0; i < buffers.length && remaining > 0; i++)
        {
            if (messageOffset >= lengths[i])
            {
                messageOffset -= lengths[i];
                continue;
            }
            final int chunk = Math.min(remaining, lengths[i] - messageOffset);
            buffers[i].put(starts[i] + messageOffset, source, sourceIndex, chunk);
            remaining -= chunk;
            sourceIndex += chunk;
            messageOffset = 0;
        }
    }

    /** Copies {@code length} message bytes from {@code offset} into {@code target} at index {@code to}. */
    void gather(final int offset, final ByteBuffer target, final int to, final int length)
    {
        int remaining = length;
        int messageOffset = offset;
        int targetIndex = to;
        for (int i = 0; i < buffers.length && remaining > 0; i++)
        {
            if (messageOffset >= lengths[i])
            {
                messageOffset -= lengths[i];
                continue;
            }
            final int chunk = Math.min(remaining, lengths[i] - messageOffset);
            target.put(targetIndex, buffers[i], starts[i] + messageOffset, chunk);
            remaining -= chunk;
            targetIndex += chunk;
            messageOffset = 0;
        }
    }

    /** Copies message bytes {@code [0, length)} into {@code target} at the same offsets. */
    void copyTo(final Segments target, final int length)
    {
        int offset = 0;
        for (int i = 0; i < buffers.length && offset < length; i++)
        {
            final int chunk = Math.min(lengths[i], length - offset);
            target.scatter(offset, buffers[i], starts[i], chunk);
            offset += chunk;
        }
    }

    /** @return a new heap buffer holding message bytes {@code [0, length)}. */
    ByteBuffer copy(final int length)
    {
        final ByteBuffer copy = ByteBuffer.allocate(length);
        gather(0, copy, 0, length);
        return copy;
    }
}
