package xen2mx.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mpirun's private directory for its UNIX domain rendezvous socket and its ssh job files (the job's known-hosts
 * file): {@code <tmpdir>/x2mx-mpirun-<pid>-<random>}, mode 0700, so only this user (and root) can connect or read.
 * {@link #close()} removes it; a directory left behind by an mpirun that was killed with SIGKILL is removed by the
 * next mpirun of the same user, once no process has that pid any more. Only the files named here are ever
 * deleted.
 */
public final class RendezvousDirectory implements AutoCloseable
{
    /** The socket's file name inside the directory. */
    public static final String SOCKET_NAME = "rendezvous.sock";
    /** The job's ssh known-hosts file inside the directory (see {@link SshCommand}). */
    public static final String KNOWN_HOSTS_NAME = "known_hosts";
    private static final List<String> OWNED_FILES = List.of(SOCKET_NAME, KNOWN_HOSTS_NAME,
        KNOWN_HOSTS_NAME + ".old");
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

    /** @return the job's ssh known-hosts file, created by ssh when it first records a host key. */
    public Path knownHosts()
    {
        return directory.resolve(KNOWN_HOSTS_NAME);
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

    /** Removes our files and the directory; anything else in it (not ours) keeps the directory. */
    private static void remove(final Path dir)
    {
        try
        {
            for (final String name : OWNED_FILES)
            {
                Files.deleteIfExists(dir.resolve(name));
            }
            Files.deleteIfExists(dir);
        }
        catch (final IOException ignored)
        {
            // not empty or already gone: leave it
        }
    }
}
