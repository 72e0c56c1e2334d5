package mpi;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The flattened type map of one item: its data elements as runs of consecutive elements, in type-map order (the order
 * in which they are packed), touching runs merged. Runs of equal length at a constant distance are kept as one
 * segment (first, length, stride, count), so a Vector of a million blocks takes four ints, not two million. Packing
 * {@code count} items is a loop of block copies:
 * <pre>
 *   item i, segment s, run k  -&gt;  elements [offset + i * extent + first[s] + k * stride[s], ... + length[s])
 * </pre>
 * A <em>dense</em> type (one run as long as the extent: predefined types, Contiguous of Contiguous, Vector with
 * stride == blocklength, ...) lays {@code count} items out as one block, copied in one call with no per-item work.
 *
 * <p>Immutable, so it may be shared between threads once published.
 */
final class TypeRuns
{
    /** The runs of a type with no data (zero counts, markers only). */
    static final TypeRuns NONE = new Builder().build(0, 0);
    /** The runs of a predefined type: one element. */
    static final TypeRuns ELEMENT = new Builder().add(0, 1).build(1, 1);

    private final int[] firsts;
    private final int[] lengths;
    private final int[] strides;
    private final int[] counts;
    private final int segments;
    private final int extent;
    private final int size;
    private final boolean dense;

    private TypeRuns(final Builder builder, final int extent, final int size)
    {
        this.segments = builder.segments;
        this.firsts = Arrays.copyOf(builder.firsts, segments);
        this.lengths = Arrays.copyOf(builder.lengths, segments);
        this.strides = Arrays.copyOf(builder.strides, segments);
        this.counts = Arrays.copyOf(builder.counts, segments);
        this.extent = extent;
        this.size = size;
        this.dense = segments == 0 || (segments == 1 && counts[0] == 1 && lengths[0] == extent);
    }

    /** @return true when {@code count} items are one block of {@code count * size} elements from the first. */
    boolean dense()
    {
        return dense;
    }

    /** @return true when dense and the block starts at the item's origin (so at the buffer offset). */
    boolean contiguousFromOrigin()
    {
        return dense && (segments == 0 || firsts[0] == 0);
    }

    /** @return the number of runs of one item. */
    int runCount()
    {
        int runs = 0;
        for (int s = 0; s < segments; s++)
        {
            runs += counts[s];
        }
        return runs;
    }

    /** @return the number of segments of one item. */
    int segmentCount()
    {
        return segments;
    }

    /** @return where the first run starts, relative to the item's origin (0 for no runs). */
    int firstDisplacement()
    {
        return segments == 0 ? 0 : firsts[0];
    }

    /** Packs {@code count} items of {@code buf} starting at element {@code offset} into {@code to}. */
    void pack(final BaseType base, final Object buf, final int offset, final int count, final ByteBuffer to)
    {
        if (dense)
        {
            if (segments > 0)
            {
                base.pack(buf, offset + firsts[0], Math.multiplyExact(count, size), to);
            }
            return;
        }
        for (int item = 0; item < count; item++)
        {
            final int origin = offset + item * extent;
            for (int s = 0; s < segments; s++)
            {
                final int first = origin + firsts[s];
                for (int k = 0; k < counts[s]; k++)
                {
                    base.pack(buf, first + k * strides[s], lengths[s], to);
                }
            }
        }
    }

    /**
     * Unpacks up to {@code count} items from {@code from} into {@code buf} at {@code offset}: as many whole items as
     * {@code from} holds, then the elements of a last partial item in type-map order.
     */
    void unpack(final BaseType base, final ByteBuffer from, final Object buf, final int offset, final int count)
    {
        final long available = from.remaining() / Math.max(1, base.bytes);
        int left = (int)Math.min(available, (long)count * size);
        if (dense)
        {
            if (left > 0)
            {
                base.unpack(from, buf, offset + firsts[0], left);
            }
            return;
        }
        for (int item = 0; item < count && left > 0; item++)
        {
            final int origin = offset + item * extent;
            for (int s = 0; s < segments && left > 0; s++)
            {
                final int first = origin + firsts[s];
                for (int k = 0; k < counts[s] && left > 0; k++)
                {
                    final int n = Math.min(left, lengths[s]);
                    base.unpack(from, buf, first + k * strides[s], n);
                    left -= n;
                }
            }
        }
    }

    /** Visits the element indexes of {@code count} items in type-map order. */
    void forEachElement(final int offset, final int count, final IntConsumer action)
    {
        for (int item = 0; item < count; item++)
        {
            final int origin = offset + item * extent;
            for (int s = 0; s < segments; s++)
            {
                for (int k = 0; k < counts[s]; k++)
                {
                    final int first = origin + firsts[s] + k * strides[s];
                    for (int i = first; i < first + lengths[s]; i++)
                    {
                        action.accept(i);
                    }
                }
            }
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("runs[");
        for (int s = 0; s < segments; s++)
        {
            text.append(s == 0 ? "" : ", ").append(firsts[s]).append('+').append(lengths[s]);
            if (counts[s] > 1)
            {
                text.append(" x").append(counts[s]).append(" stride ").append(strides[s]);
            }
        }
        return text.append(" / extent ").append(extent).append(']').toString();
    }

    /**
     * Appends runs in type-map order: a run touching the previous one merges with it, a run as long as the previous
     * one joins its segment when it keeps the segment's stride.
     */
    static final class Builder
    {
        private int[] firsts = new int[4];
        private int[] lengths = new int[4];
        private int[] strides = new int[4];
        private int[] counts = new int[4];
        private int segments;

        /** Appends {@code length} elements at {@code displacement} (bounds already checked to fit in an int). */
        Builder add(final long displacement, final long length)
        {
            if (length == 0)
            {
                return this;
            }
            if (segments > 0)
            {
                final int s = segments - 1;
                final long lastStart = firsts[s] + (long)(counts[s] - 1) * strides[s];
                if (lastStart + lengths[s] == displacement)
                {
                    final long merged = lengths[s] + length;
                    if (counts[s] == 1)
                    {
                        lengths[s] = Math.toIntExact(merged);
                        return this;
                    }
                    counts[s]--;
                    return append(lastStart, merged);
                }
                if (lengths[s] == length && (counts[s] == 1 || displacement - lastStart == strides[s]))
                {
                    strides[s] = Math.toIntExact(displacement - lastStart);
                    counts[s]++;
                    return this;
                }
            }
            return append(displacement, length);
        }

        private Builder append(final long displacement, final long length)
        {
            if (segments == firsts.length)
            {
                firsts = Arrays.copyOf(firsts, segments * 2);
                lengths = Arrays.copyOf(lengths, segments * 2);
                strides = Arrays.copyOf(strides, segments * 2);
                counts = Arrays.copyOf(counts, segments * 2);
            }
            firsts[segments] = Math.toIntExact(displacement);
            lengths[segments] = Math.toIntExact(length);
            strides[segments] = 0;
            counts[segments] = 1;
            segments++;
            return this;
        }

        /** Appends every run of {@code item}, shifted by {@code origin}. */
        void addAll(final TypeRuns item, final long origin)
        {
            for (int s = 0; s < item.segments; s++)
            {
                for (int k = 0; k < item.counts[s]; k++)
                {
                    add(origin + item.firsts[s] + (long)k * item.strides[s], item.lengths[s]);
                }
            }
        }

        TypeRuns build(final int extent, final int size)
        {
            return new TypeRuns(this, extent, size);
        }
    }
}
