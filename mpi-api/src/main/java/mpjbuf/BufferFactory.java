package mpjbuf;

/** Creates and destroys the static storage of {@link Buffer}s, as MPJ Express's factory of that name. */
public final class BufferFactory
{
    private BufferFactory()
    {
    }

    /** @return new storage of {@code capacity} bytes. */
    public static RawBuffer create(final int capacity)
    {
        return new NIOBuffer(capacity);
    }

    /** Releases storage made by {@link #create}. */
    public static void destroy(final RawBuffer buffer)
    {
        if (buffer != null)
        {
            buffer.free();
        }
    }
}
