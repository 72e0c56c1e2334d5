package xen2mx.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JobBootstrap against a scripted launcher on a real UNIX domain socket: the same protocol as over TCP. */
@Timeout(20)
class JobBootstrapUnixSocketTest
{
    private static final String TOKEN = "unix-t0ken";

    private final BlockingQueue<String> losses = new ArrayBlockingQueue<>(4);
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private JobBootstrap boot;

    @AfterEach
    void tearDown() throws IOException
    {
        if (boot != null)
        {
            boot.close();
        }
        if (server != null)
        {
            server.close();
        }
    }

    /** The scripted launcher's part after a checked HELLO. */
    @FunctionalInterface
    interface Script
    {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    private CompletableFuture<Void> launcher(final Script script) throws IOException
    {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("r.sock")));
        return CompletableFuture.runAsync(() ->
        {
            try (SocketChannel s = server.accept())
            {
                final InputStream in = ControlChannels.inputStream(s);
                final OutputStream out = ControlChannels.outputStream(s);
                final ControlMessage.Hello hello = assertInstanceOf(ControlMessage.Hello.class,
                    ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_HELLO_LENGTH));
                if (new String(hello.token(), StandardCharsets.UTF_8).equals(TOKEN))
                {
                    ControlFrameCodec.write(out, new ControlMessage.Welcome(1000));
                    script.run(in, out);
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
    }

    private JobBootstrap connect(final String token)
    {
        final JobEnvironment env = new JobEnvironment("job1", 1, 2, 0, 1,
            new RendezvousAddress.Unix(dir.resolve("r.sock")), token);
        return JobBootstrap.connect(env, Map.of(), losses::add);
    }

    @Test
    void shouldAllgatherFinalizeAndNoticeTheLauncherClosing() throws Exception
    {
        final CountDownLatch closeNow = new CountDownLatch(1);
        final CompletableFuture<Void> launcher = launcher((in, out) ->
        {
            final ControlMessage.AllgatherPut put = assertInstanceOf(ControlMessage.AllgatherPut.class,
                ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_FRAME_LENGTH));
            ControlFrameCodec.write(out, new ControlMessage.AllgatherResult(put.sequence(),
                new byte[][] {{0}, put.data()}));
            assertInstanceOf(ControlMessage.Finalized.class, ControlFrameCodec.read(in, 100));
            ControlFrameCodec.write(out, new ControlMessage.Ack(ControlFrameDescriptor.FINALIZED));
            closeNow.await();
        });
        boot = connect(TOKEN);
        assertEquals(0, boot.localRank());
        assertArrayEquals(new byte[][] {{0}, {5}}, boot.allgather(new byte[] {5}));
        boot.finalized();
        assertNull(losses.poll(200, TimeUnit.MILLISECONDS));
        closeNow.countDown();
        launcher.get(5, TimeUnit.SECONDS);
        assertEquals("connection closed", losses.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldFailClearlyOnAWrongTokenOrAMissingSocket() throws Exception
    {
        launcher((in, out) -> in.read());
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> connect("wrong"));
        assertTrue(refused.getMessage().startsWith("mpirun at unix:" + dir.resolve("r.sock") + " refused rank 1"),
            refused.getMessage());
        server.close();
        Files.delete(dir.resolve("r.sock"));
        final IllegalStateException missing = assertThrows(IllegalStateException.class, () -> connect(TOKEN));
        assertTrue(missing.getMessage().startsWith("cannot reach mpirun at unix:" + dir.resolve("r.sock") + ": "),
            missing.getMessage());
    }
}
