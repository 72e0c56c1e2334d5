package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A collective's view of a user buffer as blocks of plain array elements. Block r is {@code counts[r]} items of a
 * datatype at {@code displs[r]} extents from the buffer offset. For a contiguous type the view is the user's array
 * itself; for any other type the blocks are staged, one after another, in a scratch array of the base type,
 * filled from the buffer on creation ({@code load}) and written back by {@link #store()}.
 */
final class StagedBlocks
{
    /** The array the algorithms read and write. */
    final Object array;
    /** Offset in {@link #array} that {@link #displs} are relative to. */
    final int offset;
    /** Elements of each block. */
    final int[] counts;
    /** Element offset of each block from {@link #offset}. */
    final int[] displs;
    private final Object buf;
    private final int bufOffset;
    private final int[] itemCounts;
    private final int[] itemDispls;
    private final Datatype type;
    private final boolean staged;

    private StagedBlocks(final Object buf, final int bufOffset, final int[] itemCounts, final int[] itemDispls,
        final Datatype type, final boolean load)
    {
        this.buf = buf;
        this.bufOffset = bufOffset;
        this.itemCounts = itemCounts;
        this.itemDispls = itemDispls;
        this.type = type;
        this.staged = !type.isContiguous();
        final int n = itemCounts.length;
        counts = new int[n];
        displs = new int[n];
        int total = 0;
        for (int r = 0; r < n; r++)
        {
            counts[r] = itemCounts[r] * type.Size();
            displs[r] = staged ? total : itemDispls[r] * type.Extent();
            total += counts[r];
        }
        array = staged ? ElementTypes.newArray(type.base, total) : buf;
        offset = staged ? 0 : bufOffset;
        if (staged && load)
        {
            for (int r = 0; r < n; r++)
            {
                copy(r, true);
            }
        }
    }

    /** @return one block of {@code count} items at {@code offset} */
    static StagedBlocks single(final Object buf, final int offset, final int count, final Datatype type,
        final boolean load)
    {
        return new StagedBlocks(buf, offset, new int[] {count}, new int[] {0}, type, load);
    }

    /** @return {@code n} blocks of {@code count} items each, one after another */
    static StagedBlocks uniform(final Object buf, final int offset, final int n, final int count,
        final Datatype type, final boolean load)
    {
        final int[] counts = new int[n];
        final int[] displs = new int[n];
        for (int r = 0; r < n; r++)
        {
            counts[r] = count;
            displs[r] = r * count;
        }
        return new StagedBlocks(buf, offset, counts, displs, type, load);
    }

    /** @return blocks of {@code counts[r]} items at {@code displs[r]} extents */
    static StagedBlocks of(final Object buf, final int offset, final int[] counts, final int[] displs,
        final Datatype type, final boolean load)
    {
        return new StagedBlocks(buf, offset, counts, displs, type, load);
    }

    /** @return elements of the first (or only) block */
    int elements()
    {
        return counts[0];
    }

    /** Writes staged blocks back into the user's buffer; nothing to do for a contiguous type. */
    void store()
    {
        if (staged)
        {
            for (int r = 0; r < counts.length; r++)
            {
                copy(r, false);
            }
        }
    }

    private void copy(final int block, final boolean load)
    {
        final int start = bufOffset + itemDispls[block] * type.Extent();
        if (type.isObject())
        {
            final Object[] flat = (Object[])array;
            final Object[] user = (Object[])buf;
            final int[] next = {displs[block]};
            type.forEachElement(start, itemCounts[block], i ->
            {
                if (load)
                {
                    flat[next[0]++] = user[i];
                }
                else
                {
                    user[i] = flat[next[0]++];
                }
            });
            return;
        }
        final ByteBuffer bytes = ByteBuffer.allocate((int)type.packedBytes(itemCounts[block]))
            .order(ByteOrder.LITTLE_ENDIAN);
        if (load)
        {
            type.pack(buf, start, itemCounts[block], bytes);
            bytes.flip();
            type.base.unpack(bytes, array, displs[block], counts[block]);
        }
        else
        {
            type.base.pack(array, displs[block], counts[block], bytes);
            bytes.flip();
            type.unpack(bytes, buf, start, itemCounts[block]);
        }
    }
}
