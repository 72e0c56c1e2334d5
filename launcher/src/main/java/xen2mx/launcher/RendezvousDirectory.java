package xen2mx.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mpirun's private directory for its UNIX domain rendezvous socket: {@code <tmpdir>/x2mx-mpirun-<pid>-<random>},
 * mode 0700, so only this user (and root) can connect. {@link #close()} removes it; a directory left behind by an
 * mpirun that was killed with SIGKILL is removed by the next mpirun of the same user, once no process has that
 * pid any more.
 */
public final class RendezvousDirectory implements AutoCloseable
{
    /** The socket's file name inside the directory. */
    public static final String SOCKET_NAME = "rendezvous.sock";
    private static final String PREFIX = "x2mx-mpirun-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

    private final Path directory;

    private RendezvousDirectory(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * Removes stale directories of dead mpiruns, then creates this one.
     *
     * @param tempDir the parent, normally {@code java.io.tmpdir}.
     * @return the new, empty directory.
     * @throws IOException when it cannot be created.
     */
    public static RendezvousDirectory create(final Path tempDir) throws IOException
    {
        sweep(tempDir);
        return new RendezvousDirectory(Files.createTempDirectory(tempDir,
            PREFIX + ProcessHandle.current().pid() + "-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    }

    /** @return the socket file to bind, not yet created. */
    public Path socket()
    {
        return directory.resolve(SOCKET_NAME);
    }

    /** @return the directory. */
    public Path path()
    {
        return directory;
    }

    /** Removes the socket file (if still there) and the directory. Idempotent. */
    @Override
    public void close()
    {
        remove(directory);
    }

    private static void sweep(final Path tempDir)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir, PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                final Matcher m = OWNED.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry)
                    && Files.getOwner(entry).getName().equals(System.getProperty("user.name"))
                    && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty())
                {
                    remove(entry);
                }
            }
        }
        catch (final IOException | RuntimeException ignored)
        {
            // a stale directory is harmless; the next mpirun tries again
        }
    }

    /** Removes the socket and the directory; anything else in it (not ours) keeps the directory. */
    private static void remove(final Path dir)
    {
        try
        {
            Files.deleteIfExists(dir.resolve(SOCKET_NAME));
            Files.deleteIfExists(dir);
        }
        catch (final IOException ignored)
        {
            // not empty or already gone: leave it
        }
    }
}
