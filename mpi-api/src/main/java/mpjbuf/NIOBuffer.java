package mpjbuf;

import java.nio.ByteBuffer;

/** A {@link RawBuffer} over a {@link ByteBuffer} (heap or direct), as MPJ Express's class of that name. */
public class NIOBuffer implements RawBuffer
{
    private final ByteBuffer buffer;
    private final int capacity;
    private boolean freed;

    /** Storage of {@code capacity} bytes on the Java heap. */
    public NIOBuffer(final int capacity)
    {
        this(capacity, ByteBuffer.allocate(checkCapacity(capacity)));
    }

    /**
     * Storage over the first {@code capacity} bytes of {@code buffer}, from its position.
     *
     * @throws IllegalArgumentException when {@code buffer} has fewer than {@code capacity} bytes remaining.
     */
    public NIOBuffer(final int capacity, final ByteBuffer buffer)
    {
        checkCapacity(capacity);
        if (buffer == null || buffer.remaining() < capacity)
        {
            throw new IllegalArgumentException("buffer " + (buffer == null ? "is null" : "has " + buffer.remaining()
                + " bytes remaining, fewer than capacity " + capacity));
        }
        final ByteBuffer view = buffer.duplicate();
        view.limit(view.position() + capacity);
        this.buffer = view.slice();
        this.capacity = capacity;
    }

    private static int checkCapacity(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity " + capacity + " is negative");
        }
        return capacity;
    }

    /** @return the bytes of this storage: position 0, limit {@link #getCapacity()}; shared, not a copy. */
    public ByteBuffer getBuffer()
    {
        if (freed)
        {
            throw new IllegalStateException("NIOBuffer was freed");
        }
        return buffer;
    }

    @Override
    public int getCapacity()
    {
        return capacity;
    }

    @Override
    public void free()
    {
        freed = true;
    }
}
