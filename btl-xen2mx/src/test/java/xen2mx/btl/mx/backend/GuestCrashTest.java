package xen2mx.btl.mx.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.lib.MxStatus;
import xen2mx.btl.mx.lib.MxStatusCode;
import xen2mx.btl.mx.pv.SharedFile;

/**
 * A guest process killed with SIGKILL: the backend sees its socket close, detaches it (its endpoint closes, its
 * shared files go), and a peer guest that sends to the dead endpoint gets ENDPOINT_CLOSED from the NACK the backend
 * answers with.
 */
@Timeout(90)
class GuestCrashTest
{
    private static final int KEY = 0x5eed;

    @Test
    void shouldCleanUpAfterAGuestKilledWithSigkill() throws Exception
    {
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final Path socket = Files.createTempDirectory("x2mx-crash").resolve("backend.sock");
        try (Backend backend = Backend.start(null, socket, new PrintStream(log, true, StandardCharsets.UTF_8));
            FrontendDriver driver = FrontendDriver.attach(socket);
            MxEndpoint survivor = MxEndpoint.open(driver, 0, Mx.ANY_ENDPOINT, KEY))
        {
            final Process victim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), GuestMain.class.getName(),
                socket.toString(), Integer.toString(KEY)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try
            {
                final String[] line = new BufferedReader(new InputStreamReader(victim.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().split(" ");
                final MxStatus status = new MxStatus();
                assertTrue(survivor.wait(survivor.iconnect(Long.parseLong(line[1], 16), Integer.parseInt(line[2]),
                    KEY, 0, null), 10_000, status));
                assertEquals(MxStatusCode.SUCCESS, status.code());
                final var address = status.source();
                final String prefix = "x2mx-" + ProcessHandle.current().pid() + "-g";
                assertEquals(6, sharedFiles(prefix), "two guests, three files each");

                victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!log.toString(StandardCharsets.UTF_8).contains("detached guest")
                    && System.nanoTime() < deadline)
                {
                    Thread.sleep(10);
                }
                assertTrue(log.toString(StandardCharsets.UTF_8).contains("socket closed"), log.toString());
                assertEquals(3, sharedFiles(prefix), "the dead guest's files are removed");

                assertTrue(survivor.wait(survivor.issend(ByteBuffer.allocate(100), address, 7, null), 10_000,
                    status), "send to the dead guest did not complete");
                assertEquals(MxStatusCode.ENDPOINT_CLOSED, status.code());
                assertTrue(backend.socketPath().equals(socket));
            }
            finally
            {
                victim.destroyForcibly();
            }
        }
    }

    private static long sharedFiles(final String prefix) throws IOException
    {
        try (Stream<Path> files = Files.list(SharedFile.DIRECTORY))
        {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
    }
}
