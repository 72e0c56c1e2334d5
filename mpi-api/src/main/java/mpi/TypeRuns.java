package mpi;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The flattened type map of one item: its data elements as runs of consecutive elements, in type-map order (the order
 * in which they are packed), adjacent runs merged. Packing {@code count} items is a loop of block copies:
 * <pre>
 *   item i, run r  -&gt;  elements [offset + i * extent + displacement[r], ... + length[r])
 * </pre>
 * A <em>dense</em> type (one run as long as the extent: predefined types, Contiguous of Contiguous, Vector with
 * stride == blocklength, ...) lays {@code count} items out as one block, copied in one call with no per-item work.
 *
 * <p>Immutable, so it may be shared between threads once published.
 */
final class TypeRuns
{
    /** The runs of a type with no data (zero counts, markers only). */
    static final TypeRuns NONE = new TypeRuns(new int[0], new int[0], 0, 0, 0);
    /** The runs of a predefined type: one element. */
    static final TypeRuns ELEMENT = new TypeRuns(new int[] {0}, new int[] {1}, 1, 1, 1);

    private final int[] displacements;
    private final int[] lengths;
    private final int runs;
    private final int extent;
    private final int size;
    private final boolean dense;

    private TypeRuns(final int[] displacements, final int[] lengths, final int runs, final int extent, final int size)
    {
        this.displacements = displacements;
        this.lengths = lengths;
        this.runs = runs;
        this.extent = extent;
        this.size = size;
        this.dense = runs == 0 || (runs == 1 && lengths[0] == extent);
    }

    /** @return true when {@code count} items are one block of {@code count * size} elements from the first. */
    boolean dense()
    {
        return dense;
    }

    /** @return true when dense and the block starts at the item's origin (so at the buffer offset). */
    boolean contiguousFromOrigin()
    {
        return dense && (runs == 0 || displacements[0] == 0);
    }

    /** @return the number of runs of one item. */
    int runCount()
    {
        return runs;
    }

    /** @return where run {@code run} starts, relative to the item's origin. */
    int displacement(final int run)
    {
        return displacements[run];
    }

    /** Packs {@code count} items of {@code buf} starting at element {@code offset} into {@code to}. */
    void pack(final BaseType base, final Object buf, final int offset, final int count, final ByteBuffer to)
    {
        if (dense)
        {
            if (runs > 0)
            {
                base.pack(buf, offset + displacements[0], Math.multiplyExact(count, size), to);
            }
            return;
        }
        for (int item = 0; item < count; item++)
        {
            final int origin = offset + item * extent;
            for (int r = 0; r < runs; r++)
            {
                base.pack(buf, origin + displacements[r], lengths[r], to);
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
                base.unpack(from, buf, offset + displacements[0], left);
            }
            return;
        }
        for (int item = 0; item < count && left > 0; item++)
        {
            final int origin = offset + item * extent;
            for (int r = 0; r < runs && left > 0; r++)
            {
                final int n = Math.min(left, lengths[r]);
                base.unpack(from, buf, origin + displacements[r], n);
                left -= n;
            }
        }
    }

    /** Visits the element indexes of {@code count} items in type-map order. */
    void forEachElement(final int offset, final int count, final IntConsumer action)
    {
        for (int item = 0; item < count; item++)
        {
            final int origin = offset + item * extent;
            for (int r = 0; r < runs; r++)
            {
                final int first = origin + displacements[r];
                for (int i = first; i < first + lengths[r]; i++)
                {
                    action.accept(i);
                }
            }
        }
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("runs[");
        for (int r = 0; r < runs; r++)
        {
            text.append(r == 0 ? "" : ", ").append(displacements[r]).append('+').append(lengths[r]);
        }
        return text.append(" / extent ").append(extent).append(']').toString();
    }

    /** Appends runs in type-map order, merging each with the previous one when they touch. */
    static final class Builder
    {
        private int[] displacements = new int[8];
        private int[] lengths = new int[8];
        private int runs;

        /** Appends {@code length} elements at {@code displacement} (bounds already checked to fit in an int). */
        void add(final long displacement, final long length)
        {
            if (length == 0)
            {
                return;
            }
            if (runs > 0 && (long)displacements[runs - 1] + lengths[runs - 1] == displacement)
            {
                lengths[runs - 1] = Math.toIntExact(lengths[runs - 1] + length);
                return;
            }
            if (runs == displacements.length)
            {
                displacements = Arrays.copyOf(displacements, runs * 2);
                lengths = Arrays.copyOf(lengths, runs * 2);
            }
            displacements[runs] = Math.toIntExact(displacement);
            lengths[runs] = Math.toIntExact(length);
            runs++;
        }

        /** Appends every run of {@code item}, shifted by {@code origin}. */
        void addAll(final TypeRuns item, final long origin)
        {
            for (int r = 0; r < item.runs; r++)
            {
                add(origin + item.displacements[r], item.lengths[r]);
            }
        }

        TypeRuns build(final int extent, final int size)
        {
            return new TypeRuns(Arrays.copyOf(displacements, runs), Arrays.copyOf(lengths, runs), runs, extent, size);
        }
    }
}
