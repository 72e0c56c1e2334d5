package mpi;

import java.nio.ByteBuffer;

/**
 * An MPI datatype over one Java element type: a layout of base elements, measured in elements (Java has no byte
 * addresses). One item of the type is {@code blockLengths[i]} elements at {@code displacements[i]}, for each block;
 * consecutive items are {@link #Extent()} elements apart.
 *
 * <p>Types need not be committed before use (MPJ Express programs often skip {@link #Commit()}); a freed
 * derived type is refused. Contiguous types (a single block starting at 0 whose length equals the extent) are packed with one bulk copy.
 */
public class Datatype
{
    final BaseType base;
    private final int[] displacements;
    private final int[] blockLengths;
    private final int size;
    private final int lb;
    private final int extent;
    private final boolean contiguous;
    private final boolean predefined;
    private boolean freed;

    /** A predefined type: one element of {@code base}. */
    Datatype(final BaseType base)
    {
        this(base, new int[] {0}, new int[] {1}, 0, 1, true);
    }

    Datatype(final BaseType base, final int[] displacements, final int[] blockLengths, final int lb, final int extent)
    {
        this(base, displacements, blockLengths, lb, extent, false);
    }

    private Datatype(final BaseType base, final int[] displacements, final int[] blockLengths, final int lb,
        final int extent, final boolean predefined)
    {
        this.base = base;
        this.predefined = predefined;
        this.displacements = displacements;
        this.blockLengths = blockLengths;
        int total = 0;
        for (final int length : blockLengths)
        {
            total += length;
        }
        this.size = total;
        this.lb = lb;
        this.extent = extent;
        this.contiguous = displacements.length == 1 && displacements[0] == 0 && blockLengths[0] == extent;
    }

    /**
     * Java binding of {@code MPI_TYPE_CONTIGUOUS}: {@code count} copies of {@code oldtype}, one after another.
     *
     * @throws MPIException when {@code count} is negative or {@code oldtype} is null.
     */
    public static Datatype Contiguous(final int count, final Datatype oldtype)
    {
        if (oldtype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "oldtype is null");
        }
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, "count " + count + " is negative");
        }
        final int n = oldtype.displacements.length * count;
        final int[] displacements = new int[n];
        final int[] lengths = new int[n];
        for (int item = 0; item < count; item++)
        {
            for (int block = 0; block < oldtype.displacements.length; block++)
            {
                final int i = item * oldtype.displacements.length + block;
                displacements[i] = item * oldtype.extent + oldtype.displacements[block];
                lengths[i] = oldtype.blockLengths[block];
            }
        }
        final int[][] blocks = coalesce(displacements, lengths);
        return new Datatype(oldtype.base, blocks[0], blocks[1], oldtype.lb, oldtype.extent * count);
    }

    /** @return {displacements, lengths} with adjacent blocks merged, so contiguous layouts become one block. */
    private static int[][] coalesce(final int[] displacements, final int[] lengths)
    {
        if (displacements.length == 0)
        {
            return new int[][] {{0}, {0}};
        }
        final int[] d = new int[displacements.length];
        final int[] l = new int[lengths.length];
        int n = 0;
        for (int i = 0; i < displacements.length; i++)
        {
            if (n > 0 && d[n - 1] + l[n - 1] == displacements[i])
            {
                l[n - 1] += lengths[i];
            }
            else
            {
                d[n] = displacements[i];
                l[n] = lengths[i];
                n++;
            }
        }
        return new int[][] {java.util.Arrays.copyOf(d, n), java.util.Arrays.copyOf(l, n)};
    }

    /** @return the extent in base elements: the distance between consecutive items. */
    public int Extent()
    {
        return extent;
    }

    /** @return the number of base elements in one item. */
    public int Size()
    {
        return size;
    }

    /** @return the lower bound, in base elements. */
    public int Lb()
    {
        return lb;
    }

    /** @return the upper bound, in base elements. */
    public int Ub()
    {
        return lb + extent;
    }

    /** Commits the type for use in communication (types are usable as built, as in MPJ Express). */
    public void Commit()
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype was freed");
        }
    }

    /** Marks a derived type freed (it can no longer describe buffers); predefined types ignore it. */
    public void free()
    {
        freed = !predefined;
    }

    /** @return MPJ Express's code of the base type (BYTE = 1 ... OBJECT = 12). */
    public int getType()
    {
        return base.code;
    }

    /** @return bytes of one item on the wire (0 for OBJECT, whose size depends on the objects). */
    public int getByteSize()
    {
        return size * base.bytes;
    }

    boolean isContiguous()
    {
        return contiguous;
    }

    boolean isObject()
    {
        return base == BaseType.OBJECT;
    }

    /**
     * Checks a buffer, offset and count for this type, naming the argument that is wrong.
     *
     * @throws MPIException with ERR_TYPE, ERR_COUNT, ERR_ARG or ERR_BUFFER.
     */
    void checkBuffer(final Object buf, final int offset, final int count)
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype was freed");
        }
        if (base.arrayClass == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype " + base.name() + " cannot describe a buffer");
        }
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, "count " + count + " is negative");
        }
        if (offset < 0)
        {
            throw new MPIException(MPI.ERR_ARG, "offset " + offset + " is negative");
        }
        if (count == 0 && buf == null)
        {
            return;
        }
        final int length = base.checkedLength(buf);
        final long span = count == 0 ? 0 : (long)(count - 1) * extent + lastElement() + 1;
        if (offset + span > length || offset > length)
        {
            throw new MPIException(MPI.ERR_BUFFER, "offset " + offset + " + count " + count + " of a type spanning "
                + extent + " element(s) exceeds buffer length " + length);
        }
    }

    private int lastElement()
    {
        int last = 0;
        for (int i = 0; i < displacements.length; i++)
        {
            last = Math.max(last, displacements[i] + blockLengths[i] - 1);
        }
        return last;
    }

    /** @return bytes that {@code count} items take packed; not for OBJECT. */
    long packedBytes(final int count)
    {
        return (long)count * size * base.bytes;
    }

    /** Packs {@code count} items of {@code buf} starting at element {@code offset} into {@code to}. */
    void pack(final Object buf, final int offset, final int count, final ByteBuffer to)
    {
        if (contiguous)
        {
            base.pack(buf, offset, count * size, to);
            return;
        }
        for (int item = 0; item < count; item++)
        {
            final int start = offset + item * extent;
            for (int block = 0; block < displacements.length; block++)
            {
                base.pack(buf, start + displacements[block], blockLengths[block], to);
            }
        }
    }

    /** Unpacks up to {@code count} whole or partial items from {@code from} into {@code buf} at {@code offset}. */
    void unpack(final ByteBuffer from, final Object buf, final int offset, final int count)
    {
        final int elements = Math.min(from.remaining() / Math.max(1, base.bytes), count * size);
        if (contiguous)
        {
            base.unpack(from, buf, offset, elements);
            return;
        }
        int left = elements;
        for (int item = 0; item < count && left > 0; item++)
        {
            final int start = offset + item * extent;
            for (int block = 0; block < displacements.length && left > 0; block++)
            {
                final int n = Math.min(left, blockLengths[block]);
                base.unpack(from, buf, start + displacements[block], n);
                left -= n;
            }
        }
    }

    /** Visits the element indexes of {@code count} items in order (for OBJECT, which is not packed as bytes). */
    void forEachElement(final int offset, final int count, final java.util.function.IntConsumer action)
    {
        for (int item = 0; item < count; item++)
        {
            final int start = offset + item * extent;
            for (int block = 0; block < displacements.length; block++)
            {
                for (int i = 0; i < blockLengths[block]; i++)
                {
                    action.accept(start + displacements[block] + i);
                }
            }
        }
    }

    @Override
    public String toString()
    {
        return contiguous && size == 1 ? base.name() : base.name() + "[" + size + "/" + extent + "]";
    }
}
