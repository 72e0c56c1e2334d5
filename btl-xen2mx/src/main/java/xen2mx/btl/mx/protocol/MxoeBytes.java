package xen2mx.btl.mx.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Big-endian field access on any {@link ByteBuffer} (heap or direct, whatever its own {@link ByteBuffer#order()}),
 * by absolute index, without allocation. Unsigned wire fields are widened: u8 and u16 to {@code int}, u48 to
 * {@code long}. The buffer's position, limit and order are never changed.
 */
final class MxoeBytes
{
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private MxoeBytes()
    {
    }

    static int getU8(final ByteBuffer buffer, final int index)
    {
        return buffer.get(index) & 0xFF;
    }

    static void putU8(final ByteBuffer buffer, final int index, final int value)
    {
        buffer.put(index, (byte)value);
    }

    static int getU16(final ByteBuffer buffer, final int index)
    {
        return ((short)SHORT.get(buffer, index)) & 0xFFFF;
    }

    static void putU16(final ByteBuffer buffer, final int index, final int value)
    {
        SHORT.set(buffer, index, (short)value);
    }

    /** @return the 32 bits at {@code index} as a raw {@code int} (for identifiers compared with {@code ==}). */
    static int getInt(final ByteBuffer buffer, final int index)
    {
        return (int)INT.get(buffer, index);
    }

    static void putInt(final ByteBuffer buffer, final int index, final int value)
    {
        INT.set(buffer, index, value);
    }

    /** @return the 32 bits at {@code index} widened to an unsigned {@code long} (for lengths and offsets). */
    static long getU32(final ByteBuffer buffer, final int index)
    {
        return getInt(buffer, index) & 0xFFFF_FFFFL;
    }

    static long getU48(final ByteBuffer buffer, final int index)
    {
        return ((getInt(buffer, index) & 0xFFFF_FFFFL) << 16) | getU16(buffer, index + Integer.BYTES);
    }

    static void putU48(final ByteBuffer buffer, final int index, final long value)
    {
        putInt(buffer, index, (int)(value >>> 16));
        putU16(buffer, index + Integer.BYTES, (int)value);
    }

    /** Writes zeros to {@code [from, to)}. */
    static void zero(final ByteBuffer buffer, final int from, final int to)
    {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES)
        {
            LONG.set(buffer, i, 0L);
        }
        for (; i < to; i++)
        {
            buffer.put(i, (byte)0);
        }
    }

    static int checkU8(final int value, final String field)
    {
        if ((value & ~0xFF) != 0)
        {
            throw new IllegalArgumentException(field + " must fit in 8 bits: " + value);
        }
        return value;
    }

    static int checkU16(final int value, final String field)
    {
        if ((value & ~0xFFFF) != 0)
        {
            throw new IllegalArgumentException(field + " must fit in 16 bits: " + value);
        }
        return value;
    }

    static long checkU32(final long value, final String field)
    {
        if ((value & ~0xFFFF_FFFFL) != 0)
        {
            throw new IllegalArgumentException(field + " must fit in 32 bits: " + value);
        }
        return value;
    }

    static long checkU48(final long value, final String field)
    {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0)
        {
            throw new IllegalArgumentException(field + " must fit in 48 bits: " + value);
        }
        return value;
    }
}
