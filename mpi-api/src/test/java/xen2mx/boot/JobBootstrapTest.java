package xen2mx.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** JobBootstrap against a scripted launcher on a real loopback socket. */
@Timeout(20)
class JobBootstrapTest
{
    private static final String TOKEN = "t0ken";

    private final BlockingQueue<String> losses = new ArrayBlockingQueue<>(4);
    private ServerSocket server;
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

    /** What the scripted launcher does after it has checked HELLO and sent WELCOME. */
    @FunctionalInterface
    interface Script
    {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    private CompletableFuture<Void> launcher(final int heartbeatMillis, final Script script) throws IOException
    {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        return CompletableFuture.runAsync(() ->
        {
            try (Socket s = server.accept())
            {
                final ControlMessage.Hello hello = assertInstanceOf(ControlMessage.Hello.class,
                    ControlFrameCodec.read(s.getInputStream(), ControlFrameDescriptor.MAX_HELLO_LENGTH));
                if (!new String(hello.token(), StandardCharsets.UTF_8).equals(TOKEN))
                {
                    return;
                }
                assertEquals(ProcessHandle.current().pid(), hello.pid());
                ControlFrameCodec.write(s.getOutputStream(), new ControlMessage.Welcome(heartbeatMillis));
                script.run(s.getInputStream(), s.getOutputStream());
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
    }

    private JobBootstrap connect(final int rank, final int size, final String token, final Map<String, String> mca)
    {
        final JobEnvironment env = new JobEnvironment("job1", rank, size, rank, size,
            new RendezvousAddress.Tcp("127.0.0.1", server.getLocalPort()), token);
        return JobBootstrap.connect(env, mca, losses::add);
    }

    @Test
    void shouldExposeTheJobAndAllgatherThroughTheLauncher() throws Exception
    {
        final CompletableFuture<Void> launcher = launcher(1000, (in, out) ->
        {
            for (int seq = 0; seq < 2; seq++)
            {
                final ControlMessage.AllgatherPut put = assertInstanceOf(ControlMessage.AllgatherPut.class,
                    ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_FRAME_LENGTH));
                assertEquals(seq, put.sequence());
                ControlFrameCodec.write(out, new ControlMessage.AllgatherResult(seq,
                    new byte[][] {{(byte)seq}, put.data()}));
            }
            assertInstanceOf(ControlMessage.Finalized.class, ControlFrameCodec.read(in, 100));
            ControlFrameCodec.write(out, new ControlMessage.Ack(ControlFrameDescriptor.FINALIZED));
            assertEquals(-1, in.read(), "the rank closes after finalize");
        });
        boot = connect(1, 2, TOKEN, Map.of());
        assertEquals(1, boot.rank());
        assertEquals(2, boot.size());
        assertEquals(1, boot.localRank());
        assertEquals(2, boot.localSize());
        assertEquals("job1", boot.jobId());
        assertArrayEquals(new byte[][] {{0}, {7}}, boot.allgather(new byte[] {7}));
        assertArrayEquals(new byte[][] {{1}, {8, 9}}, boot.allgather(new byte[] {8, 9}));
        boot.finalized();
        boot.close();
        launcher.get(10, TimeUnit.SECONDS);
        assertNull(losses.poll(300, TimeUnit.MILLISECONDS), "close() is not a loss");
        assertThrows(IOException.class, () -> boot.allgather(new byte[0]));
    }

    @Test
    void shouldNameTheRanksThatNeverPublishedOnTimeout() throws Exception
    {
        launcher(1000, (in, out) ->
        {
            assertInstanceOf(ControlMessage.AllgatherPut.class, ControlFrameCodec.read(in, 1000));
            final ControlMessage.AllgatherQuery q = assertInstanceOf(ControlMessage.AllgatherQuery.class,
                ControlFrameCodec.read(in, 1000));
            ControlFrameCodec.write(out, new ControlMessage.AllgatherPending(q.sequence(), new int[] {1, 3}));
            in.read();
        });
        boot = connect(0, 4, TOKEN, Map.of());
        final long start = System.nanoTime();
        final IOException ex = assertThrows(IOException.class,
            () -> boot.allgather(new byte[] {1}, Duration.ofMillis(300)));
        assertEquals("all-gather #0 timed out after 300 ms; ranks that never published: 1, 3", ex.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void shouldTakeTheAllgatherTimeoutFromMca() throws Exception
    {
        launcher(1000, (in, out) -> in.read());
        server.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> connect(0, 1, TOKEN, Map.of(JobBootstrap.ALLGATHER_TIMEOUT_PARAMETER, "soon")));
        assertEquals("X2MX_MCA_boot_allgather_timeout=soon is not a positive number of seconds", ex.getMessage());
    }

    @Test
    void shouldReportLossWhenTheLauncherClosesTheConnection() throws Exception
    {
        final CountDownLatch closeNow = new CountDownLatch(1);
        launcher(1000, (in, out) -> closeNow.await());
        boot = connect(0, 1, TOKEN, Map.of());
        assertNull(losses.poll(200, TimeUnit.MILLISECONDS));
        closeNow.countDown();
        assertEquals("connection closed", losses.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldReportLossWhenHeartbeatsStop() throws Exception
    {
        final CountDownLatch done = new CountDownLatch(1);
        launcher(50, (in, out) ->
        {
            for (int i = 0; i < 20; i++)
            {
                ControlFrameCodec.write(out, new ControlMessage.Heartbeat());
                Thread.sleep(25);
            }
            done.await();
        });
        boot = connect(0, 1, TOKEN, Map.of());
        assertNull(losses.poll(400, TimeUnit.MILLISECONDS), "heartbeats keep the rank alive");
        final String why = losses.poll(5, TimeUnit.SECONDS);
        done.countDown();
        assertEquals("no heartbeat for 500 ms", why);
    }

    @Test
    void shouldFailClearlyWhenTheLauncherRefusesTheToken() throws Exception
    {
        launcher(1000, (in, out) -> in.read());
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> connect(0, 1, "wrong", Map.of()));
        assertTrue(ex.getMessage().contains("refused rank 0"), ex.getMessage());
    }

    @Test
    void shouldFailClearlyWhenNothingListens() throws Exception
    {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> connect(0, 1, TOKEN, Map.of()));
        assertTrue(ex.getMessage().startsWith("cannot reach mpirun at 127.0.0.1:" + server.getLocalPort()),
            ex.getMessage());
    }

    @Test
    void shouldReturnNullWithoutLauncherEnvironment()
    {
        assumeTrue(System.getenv(JobEnvironment.RENDEZVOUS) == null, "the test JVM itself runs under mpirun");
        assertNull(JobBootstrap.current());
        assertNull(JobBootstrap.current(), "idempotent");
    }
}
