package mpjbuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MPJ Express's message buffer, kept to what MPI programs use with {@code Comm.Pack}, {@code Comm.Unpack} and
 * {@code MPI.PACKED} messages: a static region of bytes and the size of the data packed into it.
 * <pre>
 *   storage:  | bufoffset bytes (unused) |  static region: capacity - bufoffset bytes                 |
 *                                        ^ position 0 of Pack/Unpack, element 0 of a PACKED message
 *                                        |&lt;--- getSize(): bytes packed so far ---&gt;|
 * </pre>
 * MPJ's section API ({@code putSectionHeader}, {@code write}, {@code gather}, ...) belongs to its device layer and
 * is not provided: packed data here is the runtime's plain little-endian packing, without section headers.
 */
public class Buffer
{
    private final RawBuffer staticBuffer;
    private final int bufoffset;
    private final int capacity;
    private int size;
    private boolean writable = true;

    /** A buffer over new storage of {@code capacity} bytes. */
    public Buffer(final int capacity)
    {
        this(BufferFactory.create(capacity), 0, capacity);
    }

    /**
     * A buffer whose static region is bytes {@code [bufoffset, capacity)} of {@code buffer}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= bufoffset <= capacity <= buffer.getCapacity()}.
     */
    public Buffer(final RawBuffer buffer, final int bufoffset, final int capacity)
    {
        if (buffer == null)
        {
            throw new IllegalArgumentException("buffer is null");
        }
        if (bufoffset < 0 || bufoffset > capacity || capacity > buffer.getCapacity())
        {
            throw new IllegalArgumentException("bufoffset " + bufoffset + " and capacity " + capacity
                + " do not fit storage of " + buffer.getCapacity() + " bytes");
        }
        this.staticBuffer = buffer;
        this.bufoffset = bufoffset;
        this.capacity = capacity;
    }

    /** @return the storage of the static region. */
    public RawBuffer getStaticBuffer()
    {
        return staticBuffer;
    }

    /** @return where the static region starts in the storage. */
    public int offset()
    {
        return bufoffset;
    }

    /** @return the end of the static region in the storage (its length is {@code getCapacity() - offset()}). */
    public int getCapacity()
    {
        return capacity;
    }

    /** @return bytes of data in the static region (the position after the last {@code Pack}). */
    public int getSize()
    {
        return size;
    }

    /**
     * Sets the bytes of data in the static region.
     *
     * @throws IllegalArgumentException when {@code size} is negative or beyond the static region.
     */
    public void setSize(final int size)
    {
        if (size < 0 || size > capacity - bufoffset)
        {
            throw new IllegalArgumentException("size " + size + " is outside the static region of "
                + (capacity - bufoffset) + " bytes");
        }
        this.size = size;
    }

    /** Empties the buffer and makes it writable. */
    public void clear()
    {
        size = 0;
        writable = true;
    }

    /** Freezes the buffer: readable from the start. */
    public void commit()
    {
        writable = false;
    }

    /** @return true until {@link #commit()}, and again after {@link #clear()}. */
    public boolean isWritable()
    {
        return writable;
    }

    /** @return the byte order of numbers in the static region: always little-endian in this runtime. */
    public ByteOrder getEncoding()
    {
        return ByteOrder.LITTLE_ENDIAN;
    }

    /** Releases the storage (as {@code BufferFactory.destroy(getStaticBuffer())}). */
    public void free()
    {
        staticBuffer.free();
    }

    /**
     * @return a little-endian view of the static region, position 0 and limit its length; shares the bytes.
     * @throws IllegalStateException when the storage is not an {@link NIOBuffer} or was freed.
     */
    public ByteBuffer staticRegion()
    {
        if (!(staticBuffer instanceof NIOBuffer))
        {
            throw new IllegalStateException("storage of class " + staticBuffer.getClass().getName()
                + " is not an mpjbuf.NIOBuffer (use BufferFactory.create)");
        }
        final ByteBuffer view = ((NIOBuffer)staticBuffer).getBuffer().duplicate();
        view.limit(capacity).position(bufoffset);
        return view.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString()
    {
        return "mpjbuf.Buffer[offset " + bufoffset + ", capacity " + capacity + ", size " + size + "]";
    }
}
