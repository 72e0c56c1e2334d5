package mpi;

import java.nio.ByteBuffer;
import java.util.function.IntConsumer;

/**
 * An MPI datatype over one Java element type (mpiJava 1.2 semantics): buffers are 1-D Java arrays, and
 * displacements, bounds and extents are counted in elements of the base type, never in bytes. Every type is a type
 * map of base elements and {@code MPI.LB} / {@code MPI.UB} markers; its bounds follow MPI-1 (see
 * {@link TypeBounds}), and consecutive items of a type are {@link #Extent()} elements apart.
 *
 * <p>A derived type is a list of blocks, each {@code blocklength} copies of an older type (one old extent apart)
 * at a displacement; every constructor reduces to that. {@link #Commit()} flattens the type map once into runs of
 * consecutive elements ({@link TypeRuns}), so that packing is a loop of block copies, and one bulk copy for dense
 * types.
 *
 * <p><b>Commit.</b> MPI makes communicating with an uncommitted derived type erroneous without requiring the error
 * to be detected; MPJ Express accepts it and many of its programs omit {@code Commit}. So do we: an uncommitted type
 * is flattened on its first use. A freed derived type is refused (ERR_TYPE) in communication and as the old type of
 * a constructor; types built from it earlier are unaffected, as MPI requires.
 *
 * <p>All types of a {@link #Struct} share one base type ({@code MPI.LB} and {@code MPI.UB} excepted), as in mpiJava:
 * a message is one array.
 *
 * <p>Thread safety: a type is immutable but for its flattened runs (computed at most a few times, each result the
 * same, published through a volatile field) and its freed flag, so it may be used by several threads at once.
 */
public class Datatype
{
    final BaseType base;
    /** MPJ Express's public code of the base type (BYTE = 1 ... OBJECT = 12). */
    public final int baseType;
    private final TypeBounds bounds;
    /** The blocks of a derived type, in type-map order; null for predefined types. */
    private final Block[] blocks;
    private final boolean predefined;
    private volatile TypeRuns runs;
    private volatile boolean freed;

    /** A predefined type: one element of {@code base}, or a zero-wide marker for LB and UB. */
    Datatype(final BaseType base)
    {
        this.base = base;
        this.baseType = base.code;
        this.bounds = base == BaseType.LB ? TypeBounds.LOWER_MARKER
            : base == BaseType.UB ? TypeBounds.UPPER_MARKER : TypeBounds.ELEMENT;
        this.blocks = null;
        this.predefined = true;
        this.runs = bounds.size == 0 ? TypeRuns.NONE : TypeRuns.ELEMENT;
    }

    private Datatype(final BaseType base, final Block... blocks)
    {
        this.base = base;
        this.baseType = base.code;
        this.blocks = blocks;
        this.predefined = false;
        final TypeBounds.Builder builder = new TypeBounds.Builder();
        for (final Block block : blocks)
        {
            builder.add(block.displacement, block.length, block.type.bounds, block.repeat, block.stride);
        }
        this.bounds = builder.build();
    }

    /**
     * A type of {@code blockLengths[i]} base elements at {@code displacements[i]}, with explicit bounds {@code lb}
     * and {@code lb + extent} (LB and UB markers): the package-private form that code and tests written against the
     * first version of this class use.
     */
    Datatype(final BaseType base, final int[] displacements, final int[] blockLengths, final int lb, final int extent)
    {
        this(base, elementBlocks(base, displacements, blockLengths, lb, extent));
    }

    private static Block[] elementBlocks(final BaseType base, final int[] displacements, final int[] blockLengths,
        final int lb, final int extent)
    {
        final Datatype element = new Datatype(base);
        final Block[] blocks = new Block[displacements.length + 2];
        for (int i = 0; i < displacements.length; i++)
        {
            blocks[i] = new Block(displacements[i], blockLengths[i], element);
        }
        blocks[displacements.length] = new Block(lb, 1, new Datatype(BaseType.LB));
        blocks[displacements.length + 1] = new Block((long)lb + extent, 1, new Datatype(BaseType.UB));
        return blocks;
    }

    /**
     * {@code repeat} runs of the block, {@code stride} elements apart; each is {@code length} copies of {@code type},
     * one type extent apart, the first at {@code displacement}.
     */
    private record Block(long displacement, int length, Datatype type, int repeat, long stride)
    {
        Block(final long displacement, final int length, final Datatype type)
        {
            this(displacement, length, type, 1, 0);
        }
    }

    // ---------------------------------------------------------------- constructors of derived types

    /**
     * Java binding of {@code MPI_TYPE_CONTIGUOUS}: {@code count} copies of {@code oldtype}, one extent apart.
     *
     * @throws MPIException ERR_COUNT for a negative count, ERR_TYPE for a null, freed or MPI.NULL old type.
     */
    public static Datatype Contiguous(final int count, final Datatype oldtype)
    {
        checkOldType(oldtype, "oldtype");
        checkCount(count, "count");
        return new Datatype(oldtype.base, new Block(0, count, oldtype));
    }

    /**
     * Java binding of {@code MPI_TYPE_VECTOR}: {@code count} blocks of {@code blocklength} old items, the blocks
     * {@code stride} old extents apart (negative strides run backwards).
     *
     * @throws MPIException ERR_COUNT for a negative count, ERR_ARG for a negative blocklength, ERR_TYPE for a bad
     * old type.
     */
    public static Datatype Vector(final int count, final int blocklength, final int stride, final Datatype oldtype)
    {
        checkOldType(oldtype, "oldtype");
        return strided(count, blocklength, (long)stride * oldtype.Extent(), oldtype);
    }

    /**
     * Java binding of {@code MPI_TYPE_HVECTOR}: as {@link #Vector} but {@code stride} counts base elements (mpiJava's
     * unit for what MPI counts in bytes).
     */
    public static Datatype Hvector(final int count, final int blocklength, final int stride, final Datatype oldtype)
    {
        checkOldType(oldtype, "oldtype");
        return strided(count, blocklength, stride, oldtype);
    }

    private static Datatype strided(final int count, final int blocklength, final long stride, final Datatype oldtype)
    {
        checkCount(count, "count");
        if (blocklength < 0)
        {
            throw new MPIException(MPI.ERR_ARG, "blocklength " + blocklength + " is negative");
        }
        return new Datatype(oldtype.base, new Block(0, blocklength, oldtype, count, stride));
    }

    /**
     * Java binding of {@code MPI_TYPE_INDEXED}: block {@code i} is {@code blocklengths[i]} old items at
     * {@code displacements[i]} old extents (any sign, any order: the type map keeps the given order).
     *
     * @throws MPIException ERR_ARG for null or short arrays or a negative block length, ERR_TYPE for a bad old type.
     */
    public static Datatype Indexed(final int[] blocklengths, final int[] displacements, final Datatype oldtype)
    {
        checkOldType(oldtype, "oldtype");
        return indexed(blocklengths, displacements, oldtype.Extent(), oldtype);
    }

    /**
     * Java binding of {@code MPI_TYPE_HINDEXED}: as {@link #Indexed} but displacements count base elements
     * (mpiJava's unit for what MPI counts in bytes).
     */
    public static Datatype Hindexed(final int[] blocklengths, final int[] displacements, final Datatype oldtype)
    {
        checkOldType(oldtype, "oldtype");
        return indexed(blocklengths, displacements, 1, oldtype);
    }

    private static Datatype indexed(final int[] blocklengths, final int[] displacements, final long unit,
        final Datatype oldtype)
    {
        final int count = checkBlockArrays(blocklengths, displacements, "displacements");
        final Block[] blocks = new Block[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = new Block(displacements[i] * unit, blocklengths[i], oldtype);
        }
        return new Datatype(oldtype.base, blocks);
    }

    /**
     * Java binding of {@code MPI_TYPE_STRUCT}: block {@code i} is {@code blocklengths[i]} items of {@code types[i]}
     * at {@code displacements[i]} base elements. {@code MPI.LB} and {@code MPI.UB} set explicit bounds; every other
     * type must have the same base type (mpiJava's rule: a message is one Java array).
     *
     * @throws MPIException ERR_TYPE naming the entry of {@code types} that is null, freed or of another base type;
     * ERR_ARG for null or short arrays or a negative block length.
     */
    public static Datatype Struct(final int[] blocklengths, final int[] displacements, final Datatype[] types)
    {
        final int count = checkBlockArrays(blocklengths, displacements, "displacements");
        if (types == null || types.length < count)
        {
            throw new MPIException(MPI.ERR_ARG, "types " + (types == null ? "is null" : "has " + types.length
                + " entries, fewer than the " + count + " blocklengths"));
        }
        BaseType base = null;
        int first = -1;
        for (int i = 0; i < count; i++)
        {
            checkOldType(types[i], "types[" + i + "]");
            if (!types[i].base.marker())
            {
                if (base == null)
                {
                    base = types[i].base;
                    first = i;
                }
                else if (types[i].base != base)
                {
                    throw new MPIException(MPI.ERR_TYPE, "types[" + i + "] has base type " + types[i].base
                        + " but types[" + first + "] has " + base + ": every type of an mpiJava Struct must share"
                        + " one base type (MPI.LB and MPI.UB excepted)");
                }
            }
        }
        if (base == null)
        {
            base = count > 0 ? types[0].base : BaseType.LB;
        }
        final Block[] blocks = new Block[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = new Block(displacements[i], blocklengths[i], types[i]);
        }
        return new Datatype(base, blocks);
    }

    private static void checkOldType(final Datatype oldtype, final String name)
    {
        if (oldtype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, name + " is null");
        }
        if (oldtype.freed)
        {
            throw new MPIException(MPI.ERR_TYPE, name + " " + oldtype + " was freed");
        }
        if (oldtype.base == BaseType.NULL)
        {
            throw new MPIException(MPI.ERR_TYPE, name + " is MPI.NULL");
        }
    }

    private static void checkCount(final int count, final String name)
    {
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, name + " " + count + " is negative");
        }
    }

    /** @return the number of blocks, after checking both arrays and every block length. */
    private static int checkBlockArrays(final int[] blocklengths, final int[] displacements, final String name)
    {
        if (blocklengths == null)
        {
            throw new MPIException(MPI.ERR_ARG, "blocklengths is null");
        }
        if (displacements == null || displacements.length < blocklengths.length)
        {
            throw new MPIException(MPI.ERR_ARG, name + " " + (displacements == null ? "is null"
                : "has " + displacements.length + " entries, fewer than the " + blocklengths.length
                + " blocklengths"));
        }
        for (int i = 0; i < blocklengths.length; i++)
        {
            if (blocklengths[i] < 0)
            {
                throw new MPIException(MPI.ERR_ARG, "blocklengths[" + i + "] " + blocklengths[i] + " is negative");
            }
        }
        return blocklengths.length;
    }

    // ---------------------------------------------------------------- queries

    /** @return the extent in base elements, {@code Ub() - Lb()}: the distance between consecutive items. */
    public int Extent()
    {
        return bounds.extent();
    }

    /** @return the number of base elements in one item (markers count for nothing). */
    public int Size()
    {
        return bounds.size;
    }

    /** @return the lower bound in base elements: the lowest LB marker if any, else the lowest entry. */
    public int Lb()
    {
        return bounds.lb();
    }

    /** @return the upper bound in base elements: the highest UB marker if any, else one past the highest entry. */
    public int Ub()
    {
        return bounds.ub();
    }

    /**
     * Java binding of {@code MPI_TYPE_COMMIT}: flattens the type map into runs (at most once).
     *
     * @throws MPIException ERR_TYPE if the type was freed.
     */
    public void Commit()
    {
        checkNotFreed("datatype");
        runs();
    }

    /** Java binding of {@code MPI_TYPE_FREE} for derived types; predefined types ignore it (as in MPJ Express). */
    public void free()
    {
        if (!predefined)
        {
            freed = true;
        }
    }

    /** @return MPJ Express's code of the base type (BYTE = 1 ... OBJECT = 12). */
    public int getType()
    {
        return base.code;
    }

    /** @return bytes of one item on the wire (0 for OBJECT, whose size depends on the objects). */
    public int getByteSize()
    {
        return bounds.size * base.bytes;
    }

    // ---------------------------------------------------------------- used by Comm, collectives, Status

    /** @return the flattened runs of one item, computed once (by Commit or the first use). */
    TypeRuns runs()
    {
        TypeRuns flat = runs;
        if (flat == null)
        {
            flat = flatten();
            runs = flat;
        }
        return flat;
    }

    private TypeRuns flatten()
    {
        final TypeRuns.Builder builder = new TypeRuns.Builder();
        for (final Block block : blocks)
        {
            final Datatype child = block.type;
            if (block.length == 0 || child.Size() == 0)
            {
                continue;
            }
            final TypeRuns item = child.runs();
            for (int r = 0; r < block.repeat; r++)
            {
                final long first = block.displacement + r * block.stride;
                if (item.dense())
                {
                    builder.add(first + item.firstDisplacement(), (long)block.length * child.Size());
                    continue;
                }
                for (int copy = 0; copy < block.length; copy++)
                {
                    builder.addAll(item, first + (long)copy * child.Extent());
                }
            }
        }
        return builder.build(Extent(), Size());
    }

    /** @return true when {@code count} items are {@code count * Size()} consecutive elements from the offset. */
    boolean isContiguous()
    {
        return runs().contiguousFromOrigin();
    }

    boolean isObject()
    {
        return base == BaseType.OBJECT;
    }

    /**
     * Checks a buffer, offset and count for this type: the elements that {@code count} items touch, from the lowest
     * (negative displacements included) to the highest, must lie in the array. Types of bound markers only touch
     * nothing and accept any buffer.
     *
     * @throws MPIException with ERR_TYPE, ERR_COUNT, ERR_ARG or ERR_BUFFER, naming the argument.
     */
    void checkBuffer(final Object buf, final int offset, final int count)
    {
        checkNotFreed("datatype");
        if (base.arrayClass == null && !base.marker())
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype " + this + " cannot describe a buffer");
        }
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, "count " + count + " is negative");
        }
        if (offset < 0)
        {
            throw new MPIException(MPI.ERR_ARG, "offset " + offset + " is negative");
        }
        if ((count == 0 && buf == null) || base.marker())
        {
            return;
        }
        final int length = base.checkedLength(buf);
        if (offset > length)
        {
            throw new MPIException(MPI.ERR_BUFFER, "offset " + offset + " is beyond buffer length " + length);
        }
        if (count == 0 || bounds.size == 0)
        {
            return;
        }
        final long last = (long)(count - 1) * Extent();
        final long lowest = offset + Math.min(0, last) + bounds.dataLo;
        final long highest = offset + Math.max(0, last) + bounds.dataHi - 1;
        if (lowest < 0 || highest >= length)
        {
            throw new MPIException(MPI.ERR_BUFFER, "offset " + offset + " + count " + count + " of " + this
                + " touch elements " + lowest + ".." + highest + ", outside buffer length " + length);
        }
    }

    private void checkNotFreed(final String name)
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_TYPE, name + " " + this + " was freed");
        }
    }

    /** @return bytes that {@code count} items take packed; not for OBJECT. */
    long packedBytes(final int count)
    {
        return (long)count * bounds.size * base.bytes;
    }

    /** Packs {@code count} items of {@code buf} starting at element {@code offset} into {@code to}. */
    void pack(final Object buf, final int offset, final int count, final ByteBuffer to)
    {
        runs().pack(base, buf, offset, count, to);
    }

    /** Unpacks up to {@code count} whole or partial items from {@code from} into {@code buf} at {@code offset}. */
    void unpack(final ByteBuffer from, final Object buf, final int offset, final int count)
    {
        runs().unpack(base, from, buf, offset, count);
    }

    /** Visits the element indexes of {@code count} items in type-map order (for OBJECT, not packed as bytes). */
    void forEachElement(final int offset, final int count, final IntConsumer action)
    {
        runs().forEachElement(offset, count, action);
    }

    @Override
    public String toString()
    {
        if (predefined)
        {
            return base.name();
        }
        return base.name() + "[size " + bounds.size + ", lb " + Lb() + ", extent " + Extent() + "]";
    }
}
