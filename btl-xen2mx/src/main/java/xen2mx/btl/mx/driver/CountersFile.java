package xen2mx.btl.mx.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Live counters of one process's driver or of one of its endpoints, in a small memory-mapped file that a tool (the
 * {@code info} command) reads while the process runs: the process writes its counters straight into the mapping, so
 * reading costs the writer nothing.
 *
 * <p>One file per driver ({@code x2mx-PID-IFACE-driver.counters}, area: the {@link DriverCounters}) and one per open
 * endpoint ({@code x2mx-PID-IFACE-epN.counters}, area: {@link #ENDPOINT_AREA_LENGTH} bytes that the MX library
 * fills with its counters and peers), in {@link #defaultDirectory()}. A file is removed when its driver or endpoint
 * closes; one left by a process that died is recognised as stale (its pid is gone or belongs to a process started
 * later) and removed by the next driver that opens in the directory.
 *
 * <pre>
 * header, native byte order (HEADER_LENGTH bytes), then the area:
 *   0 magic "X2MXCNT1" | 8 version | 12 kind | 16 pid | 24 process start (epoch ms) | 32 created (epoch ms)
 *  40 MTU | 44 endpoint index (-1: driver) | 48 MAC (48-bit) | 56 session id | 60 state (1 open, 2 closed)
 *  64 interface name (16 bytes, NUL padded) | 80 area offset | 84 area length | 88 program (64 bytes, NUL padded)
 * </pre>
 *
 * <p>Threading: the writer's counters have their own rules ({@link DriverCounters}); {@link #close()} once.
 */
public final class CountersFile implements AutoCloseable
{
    /** System property: the directory of counters files; {@code none} disables them for native drivers. */
    public static final String DIRECTORY_PROP_NAME = "xen2mx.mx.counters.dir";
    /** A file of a driver. */
    public static final int KIND_DRIVER = 1;
    /** A file of an endpoint. */
    public static final int KIND_ENDPOINT = 2;
    /** Bytes of the area of an endpoint file, for the MX library's counters and peers. */
    public static final int ENDPOINT_AREA_LENGTH = 64 * 1024;
    /** Bytes before the area. */
    public static final int HEADER_LENGTH = 256;

    static final String SUFFIX = ".counters";
    private static final long MAGIC = 0x31544E43584D3258L; // "X2MXCNT1" read as a little-endian long
    private static final int VERSION = 1;
    private static final int STATE_OPEN = 1;
    private static final int STATE_CLOSED = 2;
    private static final int NAME_LENGTH = 16;
    private static final int PROGRAM_LENGTH = 64;
    private static final int OFF_VERSION = 8;
    private static final int OFF_KIND = 12;
    private static final int OFF_PID = 16;
    private static final int OFF_PROCESS_START = 24;
    private static final int OFF_CREATED = 32;
    private static final int OFF_MTU = 40;
    private static final int OFF_ENDPOINT = 44;
    private static final int OFF_MAC = 48;
    private static final int OFF_SESSION = 56;
    private static final int OFF_STATE = 60;
    private static final int OFF_NAME = 64;
    private static final int OFF_AREA_OFFSET = 80;
    private static final int OFF_AREA_LENGTH = 84;
    private static final int OFF_PROGRAM = 88;

    private final Path path;
    private final MappedByteBuffer mapping;
    private final ByteBuffer area;
    private boolean closed;

    private CountersFile(final Path path, final MappedByteBuffer mapping, final int areaLength)
    {
        this.path = path;
        this.mapping = mapping;
        this.area = mapping.slice(HEADER_LENGTH, areaLength).order(ByteOrder.nativeOrder());
    }

    /**
     * @return the directory named by {@value #DIRECTORY_PROP_NAME}, else {@code /dev/shm/xen2mx} when
     * {@code /dev/shm} exists (memory, not disk), else {@code xen2mx} in the temporary directory; empty if the
     * property says {@code none}.
     */
    public static Optional<Path> defaultDirectory()
    {
        final String configured = System.getProperty(DIRECTORY_PROP_NAME);
        if (configured != null && !configured.isBlank())
        {
            return "none".equals(configured.trim()) ? Optional.empty() : Optional.of(Path.of(configured.trim()));
        }
        final Path shm = Path.of("/dev/shm");
        return Optional.of(Files.isDirectory(shm) && Files.isWritable(shm) ? shm.resolve("xen2mx")
            : Path.of(System.getProperty("java.io.tmpdir"), "xen2mx"));
    }

    /**
     * Creates (or replaces) and maps the file of a driver or endpoint of this process.
     *
     * @param directory     where; created if missing.
     * @param kind          {@link #KIND_DRIVER} or {@link #KIND_ENDPOINT}.
     * @param interfaceName the board's interface.
     * @param mtu           its MTU.
     * @param mac           its MAC as a 48-bit integer.
     * @param endpointIndex the endpoint's index, -1 for a driver.
     * @param sessionId     the endpoint's session id, 0 for a driver.
     * @param areaLength    bytes after the header.
     * @return the open file, its area zeroed.
     * @throws UncheckedIOException if the file cannot be created or mapped.
     */
    public static CountersFile create(
        final Path directory,
        final int kind,
        final String interfaceName,
        final int mtu,
        final long mac,
        final int endpointIndex,
        final int sessionId,
        final int areaLength)
    {
        final long pid = ProcessHandle.current().pid();
        final Path path = directory.resolve(fileName(pid, interfaceName, endpointIndex));
        try
        {
            Files.createDirectories(directory);
            final MappedByteBuffer mapping;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                mapping = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_LENGTH + (long)areaLength);
            }
            mapping.order(ByteOrder.nativeOrder());
            mapping.putInt(OFF_VERSION, VERSION).putInt(OFF_KIND, kind).putLong(OFF_PID, pid)
                .putLong(OFF_PROCESS_START, startMillis(ProcessHandle.current()))
                .putLong(OFF_CREATED, System.currentTimeMillis()).putInt(OFF_MTU, mtu)
                .putInt(OFF_ENDPOINT, endpointIndex).putLong(OFF_MAC, mac).putInt(OFF_SESSION, sessionId)
                .putInt(OFF_STATE, STATE_OPEN).putInt(OFF_AREA_OFFSET, HEADER_LENGTH)
                .putInt(OFF_AREA_LENGTH, areaLength);
            putText(mapping, OFF_NAME, NAME_LENGTH, interfaceName);
            putText(mapping, OFF_PROGRAM, PROGRAM_LENGTH, program());
            mapping.putLong(0, MAGIC); // last: a reader ignores a file whose magic is not there yet
            return new CountersFile(path, mapping, areaLength);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the counters file " + path, ex);
        }
    }

    /**
     * @param pid           a process id.
     * @param interfaceName an interface.
     * @param endpointIndex an endpoint index, -1 for the driver.
     * @return the file's name.
     */
    static String fileName(final long pid, final String interfaceName, final int endpointIndex)
    {
        return "x2mx-" + pid + "-" + interfaceName + (endpointIndex < 0 ? "-driver" : "-ep" + endpointIndex) + SUFFIX;
    }

    /** @return the area after the header (native byte order, index 0 at its start), where the owner counts. */
    public ByteBuffer area()
    {
        return area;
    }

    /** @return where the file is. */
    public Path path()
    {
        return path;
    }

    /** Marks the file closed and removes it; idempotent. The area stays writable (it is no longer published). */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        mapping.putInt(OFF_STATE, STATE_CLOSED);
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignored)
        {
            // a file that cannot be removed is found stale once this process is gone
        }
    }

    /**
     * Maps every counters file of a directory read-only.
     *
     * @param directory where to look; none are found if it does not exist.
     * @return the files, by name; unreadable or foreign files are skipped.
     */
    public static List<View> list(final Path directory)
    {
        final List<View> views = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return views;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "x2mx-*" + SUFFIX))
        {
            for (final Path file : files)
            {
                final View view = View.open(file);
                if (view != null)
                {
                    views.add(view);
                }
            }
        }
        catch (final IOException ignored)
        {
            // a directory that vanished while listed has nothing to show
        }
        views.sort((left, right) -> left.path().getFileName().toString()
            .compareTo(right.path().getFileName().toString()));
        return views;
    }

    /**
     * Removes the stale files of a directory (their process is gone).
     *
     * @param directory where to look.
     * @return the files removed.
     */
    public static List<Path> removeStale(final Path directory)
    {
        final List<Path> removed = new ArrayList<>();
        for (final View view : list(directory))
        {
            if (!view.alive())
            {
                try
                {
                    if (Files.deleteIfExists(view.path()))
                    {
                        removed.add(view.path());
                    }
                }
                catch (final IOException ignored)
                {
                    // another process removed or owns it
                }
            }
        }
        return removed;
    }

    private static long startMillis(final ProcessHandle process)
    {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String program()
    {
        final String command = System.getProperty("sun.java.command", "");
        final int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private static void putText(final ByteBuffer buffer, final int offset, final int length, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < length; i++)
        {
            buffer.put(offset + i, i < bytes.length && i < length - 1 ? bytes[i] : 0);
        }
    }

    private static String getText(final ByteBuffer buffer, final int offset, final int length)
    {
        int end = 0;
        while (end < length && buffer.get(offset + end) != 0)
        {
            end++;
        }
        final byte[] bytes = new byte[end];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A counters file mapped read-only by a tool: its header, and its area as the writer updates it.
     *
     * @param path          the file.
     * @param kind          {@link #KIND_DRIVER} or {@link #KIND_ENDPOINT}.
     * @param pid           the writing process.
     * @param processStart  its start time (epoch ms), 0 if unknown.
     * @param interfaceName the board's interface.
     * @param mtu           its MTU.
     * @param mac           its MAC as a 48-bit integer.
     * @param endpointIndex the endpoint, -1 for a driver.
     * @param sessionId     the endpoint's session id.
     * @param program       the writer's main class or jar.
     * @param mapping       the whole file.
     */
    public record View(Path path, int kind, long pid, long processStart, String interfaceName, int mtu, long mac,
        int endpointIndex, int sessionId, String program, ByteBuffer mapping)
    {
        static View open(final Path file)
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                if (channel.size() < HEADER_LENGTH)
                {
                    return null;
                }
                final ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.nativeOrder());
                if (map.getLong(0) != MAGIC || map.getInt(OFF_VERSION) != VERSION
                    || (long)map.getInt(OFF_AREA_OFFSET) + map.getInt(OFF_AREA_LENGTH) > map.capacity())
                {
                    return null;
                }
                return new View(file, map.getInt(OFF_KIND), map.getLong(OFF_PID), map.getLong(OFF_PROCESS_START),
                    getText(map, OFF_NAME, NAME_LENGTH), map.getInt(OFF_MTU), map.getLong(OFF_MAC),
                    map.getInt(OFF_ENDPOINT), map.getInt(OFF_SESSION), getText(map, OFF_PROGRAM, PROGRAM_LENGTH),
                    map);
            }
            catch (final IOException | RuntimeException ex)
            {
                return null;
            }
        }

        /** @return the area (native byte order, from index 0), read live. */
        public ByteBuffer area()
        {
            return mapping.slice(mapping.getInt(OFF_AREA_OFFSET), mapping.getInt(OFF_AREA_LENGTH))
                .order(ByteOrder.nativeOrder());
        }

        /** @return true while the writer has not closed it. */
        public boolean open()
        {
            return mapping.getInt(OFF_STATE) == STATE_OPEN;
        }

        /** @return true if the writing process still runs (same pid, same start time). */
        public boolean alive()
        {
            final Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive())
            {
                return false;
            }
            final long started = startMillis(process.get());
            return processStart == 0 || started == 0 || Math.abs(started - processStart) < 1_000;
        }

        /** @return the driver counters of a driver file. */
        public DriverCounters driverCounters()
        {
            return new DriverCounters(area());
        }
    }
}
