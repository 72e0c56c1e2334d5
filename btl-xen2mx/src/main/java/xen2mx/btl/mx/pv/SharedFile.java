package xen2mx.btl.mx.pv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;


/**
 * One file under {@code /dev/shm} mapped read-write into this process: a ring or a guest segment. The backend creates
 * the files of a guest (sparse: pages cost memory only once touched) and removes them when the guest detaches; the
 * guest only maps them.
 */
public final class SharedFile implements AutoCloseable
{
    /** Where the shared files live. */
    public static final Path DIRECTORY = Path.of("/dev/shm");

    private final Path path;
    private final MappedByteBuffer mapping;
    private final SharedBuffer buffer;
    private boolean closed;

    private SharedFile(final Path path, final MappedByteBuffer mapping)
    {
        this.path = path;
        this.mapping = mapping;
        this.buffer = new SharedBuffer(mapping);
    }

    /**
     * Creates (or truncates) and maps a file of {@code length} zero bytes, readable and writable by its owner only.
     *
     * @param path   the file.
     * @param length its length.
     * @return the mapping.
     * @throws UncheckedIOException if it cannot be created or mapped.
     */
    public static SharedFile create(final Path path, final long length)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
        {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.allocate(1), length - 1); // sparse: only the last byte is written
            return new SharedFile(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + path, ex);
        }
    }

    /**
     * Maps an existing file, checking its length.
     *
     * @param path   the file.
     * @param length the length it must have.
     * @return the mapping.
     * @throws UncheckedIOException if it cannot be mapped or has another length.
     */
    public static SharedFile map(final Path path, final long length)
    {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (channel.size() != length)
            {
                throw new IOException("length " + channel.size() + ", expected " + length);
            }
            return new SharedFile(path, channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map " + path, ex);
        }
    }

    /** @return the file. */
    public Path path()
    {
        return path;
    }

    /** @return the whole mapping with acquire/release access. */
    public SharedBuffer buffer()
    {
        return buffer;
    }

    /** @return the mapping as a byte buffer (absolute access only: its position and limit are shared). */
    public MappedByteBuffer mapping()
    {
        return mapping;
    }

    /** Unmaps the file (every view of it becomes invalid). Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            Unmapper.unmap(mapping);
        }
    }

    /** Unmaps and removes the file. */
    public void delete()
    {
        close();
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignored)
        {
            // already gone or not ours to remove: nothing left to do
        }
    }
}
