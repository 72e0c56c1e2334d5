package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A collective's view of a user buffer as blocks of plain array elements. Block r is {@code counts[r]} items of a
 * datatype at {@code displs[r]} extents from the buffer offset. For a contiguous type the view is the user's array
 * itself; for any other type the blocks are staged, one after another, in a scratch array of the base type,
 * filled from the buffer on creation (roles {@link Role#SEND} and {@link Role#IN_PLACE}) and written back by
 * {@link #store()}. Objects sent are always staged as copies (serialized and read back), so that a collective
 * never shares the caller's objects with a receive buffer, and user operations that update their {@code inoutvec}
 * objects in place never change the send buffer.
 */
final class StagedBlocks
{
    /** What the collective does with a buffer. */
    enum Role
    {
        /** Reads it: loaded; objects copied. */
        SEND,
        /** Writes it: not loaded; {@link #store()} writes it back. */
        RECEIVE,
        /** Reads and writes it (a broadcast buffer): loaded, objects shared, written back. */
        IN_PLACE
    }

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
    private final boolean copyObjects;

    private StagedBlocks(final Object buf, final int bufOffset, final int[] itemCounts, final int[] itemDispls,
        final Datatype type, final Role role)
    {
        this.buf = buf;
        this.bufOffset = bufOffset;
        this.itemCounts = itemCounts;
        this.itemDispls = itemDispls;
        this.type = type;
        this.copyObjects = role == Role.SEND && type.isObject();
        this.staged = !type.isContiguous() || copyObjects;
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
        if (staged && role != Role.RECEIVE)
        {
            for (int r = 0; r < n; r++)
            {
                copy(r, true);
            }
        }
    }

    /** @return one block of {@code count} items at {@code offset} */
    static StagedBlocks single(final Object buf, final int offset, final int count, final Datatype type,
        final Role role)
    {
        return new StagedBlocks(buf, offset, new int[] {count}, new int[] {0}, type, role);
    }

    /** @return {@code n} blocks of {@code count} items each, one after another */
    static StagedBlocks uniform(final Object buf, final int offset, final int n, final int count,
        final Datatype type, final Role role)
    {
        final int[] counts = new int[n];
        final int[] displs = new int[n];
        for (int r = 0; r < n; r++)
        {
            counts[r] = count;
            displs[r] = r * count;
        }
        return new StagedBlocks(buf, offset, counts, displs, type, role);
    }

    /** @return blocks of {@code counts[r]} items at {@code displs[r]} extents */
    static StagedBlocks of(final Object buf, final int offset, final int[] counts, final int[] displs,
        final Datatype type, final Role role)
    {
        return new StagedBlocks(buf, offset, counts, displs, type, role);
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
        if (copyObjects && load)
        {
            final byte[] bytes = ObjectCodec.serialize((Object[])buf, start, itemCounts[block], type);
            ObjectCodec.deserialize(bytes, bytes.length, (Object[])array, displs[block], counts[block], MPI.OBJECT);
            return;
        }
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
