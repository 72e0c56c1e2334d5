package xen2mx.btl.mx.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;

/**
 * The backend as a command: one per socket (a second one says so in one line and exits 1), SIGTERM stops it and
 * removes its socket, and when it dies its guests' calls fail within 5 s with an error naming the socket.
 */
@Timeout(90)
class BackendMainTest
{
    private static long countFiles(final String prefix) throws java.io.IOException
    {
        try (java.util.stream.Stream<Path> files = Files.list(xen2mx.btl.mx.pv.SharedFile.DIRECTORY))
        {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
    }

    @Test
    void shouldRefuseASecondBackendOnTheSameSocketWithOneLine() throws Exception
    {
        try (BackendProcess first = BackendProcess.start())
        {
            final Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), BackendMain.class.getName(), "--socket",
                first.socket().toString()).redirectErrorStream(true).start();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            final String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, second.exitValue(), output);
            assertEquals("x2mx-backend: another backend already serves socket " + first.socket() + "\n", output);
        }
    }

    @Test
    void shouldStopCleanlyOnSigtermAndRemoveItsSocket() throws Exception
    {
        final BackendProcess backend = BackendProcess.start();
        try (FrontendDriver guest = FrontendDriver.attach(backend.socket()))
        {
            backend.close();
            assertFalse(backend.process().isAlive());
            assertEquals(143, backend.process().exitValue(), "exit status after SIGTERM: " + backend.logText());
            assertFalse(Files.exists(backend.socket()), "socket left behind");
            assertTrue(backend.logText().contains("the backend stops"), backend.logText());
        }
    }

    @Test
    void shouldFailTheGuestsCallsNamingTheSocketWhenTheBackendDies() throws Exception
    {
        final BackendProcess backend = BackendProcess.start();
        try (FrontendDriver driver = FrontendDriver.attach(backend.socket());
            MxEndpoint endpoint = MxEndpoint.open(driver, 0, Mx.ANY_ENDPOINT, 9))
        {
            final var receive = endpoint.irecv(ByteBuffer.allocate(8), 0, 0, null);
            backend.kill();
            final long start = System.nanoTime();
            BtlException failure = null;
            while (failure == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10))
            {
                try
                {
                    endpoint.progress();
                    Thread.sleep(10);
                }
                catch (final BtlException ex)
                {
                    failure = ex;
                }
            }
            final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(failure != null, "no call failed after the backend died");
            assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
            assertTrue(failure.getMessage().contains(backend.socket().toString()), failure.getMessage());
            assertFalse(receive.isDone());
            final String dead = "x2mx-" + backend.process().pid() + "-g";
            assertTrue(countFiles(dead) > 0, "a killed backend cannot remove its guests' files");
            try (BackendProcess next = BackendProcess.start())
            {
                assertEquals(0, countFiles(dead), "the next backend sweeps the dead one's files");
            }
        }
        finally
        {
            backend.kill();
        }
    }
}
