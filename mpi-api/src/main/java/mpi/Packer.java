package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code MPI_PACK} and {@code MPI_UNPACK} over a region of bytes ({@link PackedRegion}). Each call appends or
 * consumes one block at a position; a primitive type's block is its items packed as a send would put them on the
 * wire (little-endian, no header), so a PACKED message of packed blocks reads back with the same calls in order:
 * <pre>
 *   primitive base:  | count * Size() elements, little-endian                                |
 *   MPI.OBJECT:      | serialized length n (int32 LE) | n bytes: the object codec's encoding |
 * </pre>
 */
final class Packer
{
    private static final int OBJECT_LENGTH_BYTES = 4;

    private Packer()
    {
    }

    /**
     * Packs {@code incount} items of {@code inbuf} into {@code region} at {@code position}.
     *
     * @return the position after the packed block.
     * @throws MPIException ERR_ARG for a position outside the region, ERR_TRUNCATE when the block does not fit.
     */
    static int pack(final Object inbuf, final int offset, final int incount, final Datatype type,
        final ByteBuffer region, final int position)
    {
        type.checkBuffer(inbuf, offset, incount);
        checkPosition(position, region, "outbuf");
        region.position(position);
        if (type.isObject())
        {
            final byte[] serialized = ObjectCodec.serialize((Object[])inbuf, offset, incount, type);
            checkRoom(position, OBJECT_LENGTH_BYTES + (long)serialized.length, region, "outbuf",
                "Pack of incount " + incount, type);
            region.putInt(serialized.length).put(serialized);
            return region.position();
        }
        checkRoom(position, type.packedBytes(incount), region, "outbuf", "Pack of incount " + incount, type);
        type.pack(inbuf, offset, incount, region);
        return region.position();
    }

    /**
     * Unpacks {@code outcount} items from {@code region} at {@code position} into {@code outbuf}.
     *
     * @return the position after the unpacked block.
     * @throws MPIException ERR_ARG for a position outside the region, ERR_TRUNCATE when the region ends first.
     */
    static int unpack(final ByteBuffer region, final int position, final Object outbuf, final int offset,
        final int outcount, final Datatype type)
    {
        type.checkBuffer(outbuf, offset, outcount);
        checkPosition(position, region, "inbuf");
        if (type.isObject())
        {
            checkRoom(position, OBJECT_LENGTH_BYTES, region, "inbuf", "Unpack of outcount " + outcount, type);
            final int length = region.getInt(position);
            final int start = position + OBJECT_LENGTH_BYTES;
            if (length < 0 || length > region.limit() - start)
            {
                throw new MPIException(MPI.ERR_TRUNCATE, "Unpack of outcount " + outcount + " x " + type
                    + " at position " + position + ": the block claims " + length + " serialized bytes but inbuf "
                    + "holds " + (region.limit() - start) + " after it");
            }
            final byte[] serialized = new byte[length];
            region.duplicate().position(start).get(serialized);
            ObjectCodec.deserialize(serialized, length, (Object[])outbuf, offset, outcount, type);
            return start + length;
        }
        final long bytes = type.packedBytes(outcount);
        checkRoom(position, bytes, region, "inbuf", "Unpack of outcount " + outcount, type);
        final ByteBuffer block = region.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        block.position(position).limit(position + (int)bytes);
        type.unpack(block, outbuf, offset, outcount);
        return position + (int)bytes;
    }

    private static void checkPosition(final int position, final ByteBuffer region, final String name)
    {
        if (position < 0 || position > region.limit())
        {
            throw new MPIException(MPI.ERR_ARG, "position " + position + " is outside " + name + " of "
                + region.limit() + " bytes");
        }
    }

    private static void checkRoom(final int position, final long bytes, final ByteBuffer region, final String name,
        final String what, final Datatype type)
    {
        if (position + bytes > region.limit())
        {
            throw new MPIException(MPI.ERR_TRUNCATE, what + " x " + type + " needs " + bytes + " bytes at position "
                + position + ", beyond the " + region.limit() + " bytes of " + name);
        }
    }
}
