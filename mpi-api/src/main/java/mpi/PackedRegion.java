package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The bytes that {@code Comm.Pack} writes and {@code Comm.Unpack} reads, and that an {@code MPI.PACKED} message
 * carries: a {@code byte[]} (the mpiJava specification's form) or the static region of an MPJ Express
 * {@code mpjbuf.Buffer}. Positions and PACKED element indexes count bytes from the start of the region.
 */
final class PackedRegion
{
    private PackedRegion()
    {
    }

    /**
     * @return a little-endian view of the region, position 0 and limit its length, sharing its bytes.
     * @throws MPIException ERR_BUFFER for null, ERR_TYPE for anything but a byte[] or an mpjbuf.Buffer.
     */
    static ByteBuffer of(final Object buf)
    {
        return of(buf, "packed buffer");
    }

    /** As {@link #of(Object)}, naming the argument {@code name} in errors. */
    static ByteBuffer of(final Object buf, final String name)
    {
        if (buf instanceof byte[])
        {
            return ByteBuffer.wrap((byte[])buf).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (buf instanceof mpjbuf.Buffer)
        {
            try
            {
                return ((mpjbuf.Buffer)buf).staticRegion();
            }
            catch (final IllegalStateException e)
            {
                throw new MPIException(MPI.ERR_BUFFER, name + " " + buf + ": " + e.getMessage(), e);
            }
        }
        if (buf == null)
        {
            throw new MPIException(MPI.ERR_BUFFER, name + " is null");
        }
        throw new MPIException(MPI.ERR_TYPE, name + " must be a byte[] or an mpjbuf.Buffer, got "
            + buf.getClass().getSimpleName());
    }
}
