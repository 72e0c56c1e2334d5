package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

class DatatypeTest
{
    private static ByteBuffer pack(final Datatype type, final Object buf, final int offset, final int count)
    {
        final ByteBuffer bytes = ByteBuffer.allocate((int)type.packedBytes(count)).order(ByteOrder.LITTLE_ENDIAN);
        type.pack(buf, offset, count, bytes);
        assertEquals(0, bytes.remaining(), "pack fills exactly packedBytes");
        return bytes.flip();
    }

    @Test
    void shouldRoundTripEveryPrimitiveTypeWithOffsets()
    {
        final int[] ints = {9, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 7};
        final int[] intsOut = new int[7];
        MPI.INT.unpack(pack(MPI.INT, ints, 1, 3), intsOut, 2, 3);
        assertArrayEquals(new int[] {0, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 0}, intsOut);

        final long[] longs = {Long.MIN_VALUE, 3, Long.MAX_VALUE};
        final long[] longsOut = new long[3];
        MPI.LONG.unpack(pack(MPI.LONG, longs, 0, 3), longsOut, 0, 3);
        assertArrayEquals(longs, longsOut);

        final double[] doubles = {Double.NaN, -0.0, 1e308, Double.MIN_VALUE};
        final double[] doublesOut = new double[4];
        MPI.DOUBLE.unpack(pack(MPI.DOUBLE, doubles, 0, 4), doublesOut, 0, 4);
        assertArrayEquals(doubles, doublesOut);

        final float[] floats = {1.5f, -2.25f};
        final float[] floatsOut = new float[2];
        MPI.FLOAT.unpack(pack(MPI.FLOAT, floats, 0, 2), floatsOut, 0, 2);
        assertArrayEquals(floats, floatsOut);

        final short[] shorts = {Short.MIN_VALUE, 1, Short.MAX_VALUE};
        final short[] shortsOut = new short[3];
        MPI.SHORT.unpack(pack(MPI.SHORT, shorts, 0, 3), shortsOut, 0, 3);
        assertArrayEquals(shorts, shortsOut);

        final char[] chars = {'a', '\uffff', '\u00e9'};
        final char[] charsOut = new char[3];
        MPI.CHAR.unpack(pack(MPI.CHAR, chars, 0, 3), charsOut, 0, 3);
        assertArrayEquals(chars, charsOut);

        final boolean[] booleans = {true, false, true};
        final boolean[] booleansOut = new boolean[3];
        MPI.BOOLEAN.unpack(pack(MPI.BOOLEAN, booleans, 0, 3), booleansOut, 0, 3);
        assertArrayEquals(booleans, booleansOut);

        final byte[] bytes = {1, 2, 3, 4};
        final byte[] bytesOut = new byte[2];
        MPI.BYTE.unpack(pack(MPI.BYTE, bytes, 2, 2), bytesOut, 0, 2);
        assertArrayEquals(new byte[] {3, 4}, bytesOut);
    }

    @Test
    void shouldPackLittleEndianOnTheWire()
    {
        final ByteBuffer bytes = pack(MPI.INT, new int[] {0x01020304}, 0, 1);
        assertEquals(4, bytes.get(0));
        assertEquals(1, bytes.get(3));
    }

    @Test
    void shouldMergeContiguousOfContiguousIntoOneBlock()
    {
        final Datatype pair = Datatype.Contiguous(2, MPI.INT);
        final Datatype quad = Datatype.Contiguous(2, pair);
        assertTrue(quad.isContiguous());
        assertEquals(4, quad.Size());
        assertEquals(4, quad.Extent());
        assertEquals(16, quad.getByteSize());
        assertEquals(MPI.INT.getType(), quad.getType());
        final int[] out = new int[8];
        quad.unpack(pack(quad, new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 2), out, 0, 2);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, out);
    }

    @Test
    void shouldRejectABufferOfTheWrongTypeNamingBoth()
    {
        final MPIException e = assertThrows(MPIException.class, () -> MPI.DOUBLE.checkBuffer(new int[4], 0, 1));
        assertEquals(MPI.ERR_TYPE, e.getErrorClass());
        assertTrue(e.getMessage().contains("double[]") && e.getMessage().contains("int[]"), e.getMessage());
    }

    @Test
    void shouldRejectOffsetAndCountBeyondTheArray()
    {
        final MPIException e = assertThrows(MPIException.class, () -> MPI.INT.checkBuffer(new int[10], 5, 6));
        assertTrue(e.getMessage().contains("offset 5") && e.getMessage().contains("count 6")
            && e.getMessage().contains("length 10"), e.getMessage());
        MPI.INT.checkBuffer(new int[10], 5, 5);
        MPI.INT2.checkBuffer(new int[10], 0, 5);
        assertThrows(MPIException.class, () -> MPI.INT2.checkBuffer(new int[10], 1, 5));
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class,
            () -> MPI.INT.checkBuffer(new int[10], 0, -1)).getErrorClass());
        assertEquals(MPI.ERR_ARG, assertThrows(MPIException.class,
            () -> MPI.INT.checkBuffer(new int[10], -1, 1)).getErrorClass());
        assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class,
            () -> MPI.INT.checkBuffer(null, 0, 1)).getErrorClass());
        MPI.INT.checkBuffer(null, 0, 0);
    }
}
