package mpjbuf;

/**
 * The static storage of an {@link Buffer}, as in MPJ Express: a fixed number of bytes. This runtime keeps only the
 * part of MPJ's interface that MPI programs touch ({@link BufferFactory} creates and destroys them).
 */
public interface RawBuffer
{
    /** @return the number of bytes this storage holds. */
    int getCapacity();

    /** Releases the storage; the buffer must not be used afterwards. */
    void free();
}
