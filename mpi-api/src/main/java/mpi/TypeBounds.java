package mpi;

/**
 * The bounds of one item of a datatype, in base elements, as MPI-1 (section 3.12.3) defines them over the type map
 * {@code {(type_j, disp_j)}} including the {@code MPI.LB} / {@code MPI.UB} marker entries:
 * <pre>
 *   lb = min_j disp_j                       if no entry is an LB marker, else  min_j { disp_j : type_j = LB }
 *   ub = max_j (disp_j + sizeof(type_j))    if no entry is a UB marker,  else  max_j { disp_j : type_j = UB }
 *   extent = ub - lb;  an empty type map has lb = ub = 0
 * </pre>
 * Every element is one unit wide (Java has no byte addresses) and markers are zero wide, so there is no alignment
 * padding. Separately, {@code [dataLo, dataHi)} is the true span of the data elements: the part of a buffer an
 * item actually touches, which markers may widen or narrow the bounds beyond.
 *
 * <p>Immutable; values fit in an int (the builder refuses types that do not).
 */
final class TypeBounds
{
    /** One element at displacement 0: every predefined data type. */
    static final TypeBounds ELEMENT = new TypeBounds(1, 0, 1, true, false, 0, false, 0, 0, 1);
    /** {@code MPI.LB}: a zero-wide lower-bound marker at 0. */
    static final TypeBounds LOWER_MARKER = new TypeBounds(0, 0, 0, true, true, 0, false, 0, 0, 0);
    /** {@code MPI.UB}: a zero-wide upper-bound marker at 0. */
    static final TypeBounds UPPER_MARKER = new TypeBounds(0, 0, 0, true, false, 0, true, 0, 0, 0);

    /** Base elements in one item. */
    final int size;
    /** Lowest displacement over all entries (markers included), when {@link #hasEntries}. */
    final int entryLo;
    /** Highest displacement + width over all entries, when {@link #hasEntries}. */
    final int entryHi;
    /** False for an empty type map (zero counts). */
    final boolean hasEntries;
    final boolean lbMarked;
    final int markedLb;
    final boolean ubMarked;
    final int markedUb;
    /** First data element touched by an item (valid when size > 0). */
    final int dataLo;
    /** One past the last data element touched by an item (valid when size > 0). */
    final int dataHi;

    private TypeBounds(final int size, final int entryLo, final int entryHi, final boolean hasEntries,
        final boolean lbMarked, final int markedLb, final boolean ubMarked, final int markedUb, final int dataLo,
        final int dataHi)
    {
        this.size = size;
        this.entryLo = entryLo;
        this.entryHi = entryHi;
        this.hasEntries = hasEntries;
        this.lbMarked = lbMarked;
        this.markedLb = markedLb;
        this.ubMarked = ubMarked;
        this.markedUb = markedUb;
        this.dataLo = dataLo;
        this.dataHi = dataHi;
    }

    int lb()
    {
        return lbMarked ? markedLb : hasEntries ? entryLo : 0;
    }

    int ub()
    {
        return ubMarked ? markedUb : hasEntries ? entryHi : 0;
    }

    int extent()
    {
        return ub() - lb();
    }

    /**
     * Accumulates the bounds of a type built from blocks: {@code blocklength} copies of a child type, the first at a
     * displacement, the next ones one child extent apart, the whole block repeated {@code repeat} times
     * {@code stride} elements apart (every type constructor reduces to such blocks).
     */
    static final class Builder
    {
        private long size;
        private long entryLo = Long.MAX_VALUE;
        private long entryHi = Long.MIN_VALUE;
        private boolean hasEntries;
        private boolean lbMarked;
        private long markedLb = Long.MAX_VALUE;
        private boolean ubMarked;
        private long markedUb = Long.MIN_VALUE;
        private long dataLo = Long.MAX_VALUE;
        private long dataHi = Long.MIN_VALUE;

        /**
         * Adds {@code repeat} blocks {@code stride} apart, each {@code blocklength} copies of {@code child}; the
         * first copy of the first block at {@code displacement}. Extremes over all copies are at the corners.
         */
        Builder add(final long displacement, final int blocklength, final TypeBounds child, final int repeat,
            final long stride)
        {
            if (blocklength == 0 || repeat == 0 || !child.hasEntries)
            {
                return this;
            }
            final long last;
            final long lastBlock;
            final long elements;
            try
            {
                last = Math.multiplyExact((long)(blocklength - 1), (long)child.extent());
                lastBlock = Math.multiplyExact((long)(repeat - 1), stride);
                elements = Math.multiplyExact(Math.multiplyExact((long)repeat, (long)blocklength), (long)child.size);
            }
            catch (final ArithmeticException e)
            {
                throw new MPIException(MPI.ERR_TYPE, "datatype would span more than 2^63 elements", e);
            }
            final long first = fitLong(displacement);
            final long lo = first + Math.min(0, fitLong(last)) + Math.min(0, fitLong(lastBlock));
            final long hi = first + Math.max(0, fitLong(last)) + Math.max(0, fitLong(lastBlock));
            hasEntries = true;
            entryLo = Math.min(entryLo, lo + child.entryLo);
            entryHi = Math.max(entryHi, hi + child.entryHi);
            if (child.lbMarked)
            {
                lbMarked = true;
                markedLb = Math.min(markedLb, lo + child.markedLb);
            }
            if (child.ubMarked)
            {
                ubMarked = true;
                markedUb = Math.max(markedUb, hi + child.markedUb);
            }
            if (child.size > 0)
            {
                size = fitLong(size + elements);
                dataLo = Math.min(dataLo, lo + child.dataLo);
                dataHi = Math.max(dataHi, hi + child.dataHi);
            }
            return this;
        }

        /**
         * @return the bounds of the type.
         * @throws MPIException ERR_TYPE when a size, bound or extent does not fit in an int.
         */
        TypeBounds build()
        {
            final boolean data = size > 0;
            final TypeBounds bounds = new TypeBounds(fit(size, "size"), hasEntries ? fit(entryLo, "lower bound") : 0,
                hasEntries ? fit(entryHi, "upper bound") : 0, hasEntries, lbMarked, lbMarked ? fit(markedLb, "lb") : 0,
                ubMarked, ubMarked ? fit(markedUb, "ub") : 0, data ? fit(dataLo, "first element") : 0,
                data ? fit(dataHi, "last element") : 0);
            fit((long)bounds.ub() - bounds.lb(), "extent");
            return bounds;
        }

        /** Keeps running sums far from overflow: anything beyond an int is refused by build() anyway. */
        private static long fitLong(final long value)
        {
            return Math.max(-(1L << 40), Math.min(1L << 40, value));
        }

        private static int fit(final long value, final String what)
        {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                throw new MPIException(MPI.ERR_TYPE, "datatype " + what + " " + value
                    + " is beyond an int: a type may span at most 2^31-1 elements");
            }
            return (int)value;
        }
    }
}
