package xen2mx.btl.mx.pv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Absolute, native-order access to a byte buffer with the memory-ordering modes the rings need (plain, acquire,
 * release, volatile, atomic add) through {@link VarHandle} views, plus the buffer's native address for futexes. Works
 * on any JVM without {@code --add-exports} (which Agrona's {@code SharedBuffer} would force on every rank). Ordered
 * modes need a direct buffer and naturally aligned offsets. Heap buffers: plain access only.
 */
public final class SharedBuffer
{
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;
    private final long address;

    /** @param buffer the memory (its position and limit are not used; kept in native order here). */
    public SharedBuffer(final ByteBuffer buffer)
    {
        this.buffer = buffer.duplicate().clear().order(ByteOrder.nativeOrder());
        this.address = buffer.isDirect() ? Pointer.nativeValue(Native.getDirectBufferPointer(buffer)) : 0;
    }

    /** @param length bytes of a new heap buffer (for private copies of slots). */
    public SharedBuffer(final int length)
    {
        this(ByteBuffer.allocate(length));
    }

    /** @return the buffer (absolute access only). */
    public ByteBuffer byteBuffer()
    {
        return buffer;
    }

    /** @return bytes. */
    public int capacity()
    {
        return buffer.capacity();
    }

    /** @return the native address of byte 0 (0 for a heap buffer). */
    public long address()
    {
        return address;
    }

    public int getInt(final int index)
    {
        return buffer.getInt(index);
    }

    public void putInt(final int index, final int value)
    {
        buffer.putInt(index, value);
    }

    public long getLong(final int index)
    {
        return buffer.getLong(index);
    }

    public void putLong(final int index, final long value)
    {
        buffer.putLong(index, value);
    }

    public int getIntVolatile(final int index)
    {
        return (int)INT.getVolatile(buffer, index);
    }

    public long getLongVolatile(final int index)
    {
        return (long)LONG.getVolatile(buffer, index);
    }

    public long getLongAcquire(final int index)
    {
        return (long)LONG.getAcquire(buffer, index);
    }

    public void putLongRelease(final int index, final long value)
    {
        LONG.setRelease(buffer, index, value);
    }

    public void putLongVolatile(final int index, final long value)
    {
        LONG.setVolatile(buffer, index, value);
    }

    /** @return the previous value; a full fence. */
    public int getAndAddInt(final int index, final int delta)
    {
        return (int)INT.getAndAdd(buffer, index, delta);
    }

    /** Copies {@code length} bytes of {@code source} from {@code sourceIndex} to {@code index}. */
    public void putBytes(final int index, final ByteBuffer source, final int sourceIndex, final int length)
    {
        buffer.put(index, source, sourceIndex, length);
    }

    /** Copies {@code length} bytes of {@code source} from {@code sourceIndex} to {@code index}. */
    public void putBytes(final int index, final SharedBuffer source, final int sourceIndex, final int length)
    {
        buffer.put(index, source.buffer, sourceIndex, length);
    }

    /** Copies {@code length} bytes from {@code index} into {@code destination} at {@code destinationIndex}. */
    public void getBytes(final int index, final ByteBuffer destination, final int destinationIndex, final int length)
    {
        destination.put(destinationIndex, buffer, index, length);
    }

    /** Fills {@code length} bytes from {@code index} with {@code value}. */
    public void setMemory(final int index, final int length, final byte value)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.put(index + i, value);
        }
    }
}
