package xen2mx.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendezvousDirectoryTest
{
    @TempDir
    Path tmp;

    @Test
    void shouldCreateAPrivateDirectoryAndRemoveItWithItsSocket() throws Exception
    {
        final RendezvousDirectory dir = RendezvousDirectory.create(tmp);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
        final String name = dir.path().getFileName().toString();
        assertTrue(name.startsWith("x2mx-mpirun-" + ProcessHandle.current().pid() + "-"), name);
        assertEquals(dir.path().resolve("rendezvous.sock"), dir.socket());
        Files.createFile(dir.socket());
        assertEquals(dir.path().resolve("known_hosts"), dir.knownHosts());
        Files.writeString(dir.knownHosts(), "10.0.0.1 ssh-ed25519 AAAA\n");
        Files.writeString(dir.path().resolve("known_hosts.old"), "");
        dir.close();
        assertFalse(Files.exists(dir.path()));
        dir.close();
    }

    @Test
    void shouldSweepDirectoriesOfDeadMpirunsOnly() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        final Path stale = Files.createDirectory(tmp.resolve("x2mx-mpirun-" + gone.pid() + "-123"));
        Files.createFile(stale.resolve("rendezvous.sock"));
        Files.createFile(stale.resolve("known_hosts"));
        final Path live = Files.createDirectory(tmp.resolve("x2mx-mpirun-" + ProcessHandle.current().pid() + "-456"));
        final Path foreign = Files.createDirectory(tmp.resolve("x2mx-mpirun-" + gone.pid() + "-789"));
        Files.createFile(foreign.resolve("not-ours"));
        try (RendezvousDirectory fresh = RendezvousDirectory.create(tmp))
        {
            assertFalse(Files.exists(stale), "dead pid: removed");
            assertTrue(Files.exists(live), "live pid: kept");
            assertTrue(Files.exists(foreign.resolve("not-ours")), "files that are not ours are never deleted");
            assertTrue(Files.isDirectory(fresh.path()));
        }
    }
}
