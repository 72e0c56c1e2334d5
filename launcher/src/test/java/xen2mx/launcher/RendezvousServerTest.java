package xen2mx.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.boot.ControlChannels;
import xen2mx.boot.ControlFrameCodec;
import xen2mx.boot.ControlFrameDescriptor;
import xen2mx.boot.ControlMessage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendezvous service over real loopback sockets, with clients speaking the wire protocol directly. */
@Timeout(20)
class RendezvousServerTest
{
    private final List<String> events = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private RendezvousServer server;
    private RendezvousPoint tcp;
    private RendezvousPoint unix;

    @BeforeEach
    void start() throws IOException
    {
        server = new RendezvousServer(3, new RankEventListener()
        {
            @Override
            public void onAbort(final int rank, final int code, final String reason)
            {
                events.add("abort " + rank + " " + code + " " + reason);
            }

            @Override
            public void onFailure(final int rank, final String cls, final String message, final String frame)
            {
                events.add("failure " + rank + " " + cls + " " + message + " " + frame);
            }

            @Override
            public void onFinalized(final int rank)
            {
                events.add("finalized " + rank);
            }
        });
        tcp = server.listenTcp(InetAddress.getLoopbackAddress());
        unix = server.listenUnix(dir.resolve("r.sock"));
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    /** A rank's side of one connection. */
    private final class Client implements AutoCloseable
    {
        private final SocketChannel channel;
        private final InputStream in;

        Client(final int rank, final String token) throws IOException
        {
            this(tcp, rank, token);
        }

        Client(final RendezvousPoint at, final int rank, final String token) throws IOException
        {
            channel = ControlChannels.connect(at.address(), 5_000);
            in = new BufferedInputStream(ControlChannels.inputStream(channel));
            send(new ControlMessage.Hello(token.getBytes(StandardCharsets.UTF_8), rank, 1));
        }

        void send(final ControlMessage m) throws IOException
        {
            ControlFrameCodec.write(ControlChannels.outputStream(channel), m);
        }

        ControlMessage next() throws IOException
        {
            while (true)
            {
                final ControlMessage m = ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_FRAME_LENGTH);
                if (!(m instanceof ControlMessage.Heartbeat))
                {
                    return m;
                }
            }
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    @Test
    void shouldListenOnAnEphemeralLoopbackPortWithAFreshToken() throws IOException
    {
        assertTrue(tcp.address().text().startsWith("127.0.0.1:"), tcp.address().text());
        assertEquals(64, tcp.token().length());
        try (RendezvousServer other = new RendezvousServer(1, null))
        {
            final RendezvousPoint otherTcp = other.listenTcp(InetAddress.getLoopbackAddress());
            assertNotEquals(tcp.address(), otherTcp.address());
            assertNotEquals(tcp.token(), otherTcp.token());
        }
    }

    @Test
    void shouldWelcomeRanksAndAllgatherInRankOrder() throws IOException
    {
        try (Client c0 = new Client(0, tcp.token()); Client c1 = new Client(1, tcp.token());
             Client c2 = new Client(2, tcp.token()))
        {
            for (final Client c : List.of(c0, c1, c2))
            {
                assertEquals(new ControlMessage.Welcome(1000), c.next());
            }
            c2.send(new ControlMessage.AllgatherPut(0, new byte[] {2}));
            c2.send(new ControlMessage.AllgatherQuery(0));
            assertArrayEquals(new int[] {0, 1}, assertInstanceOf(ControlMessage.AllgatherPending.class, c2.next())
                .missing(), "answered after c2's put, on c2's connection: the put is recorded");
            c0.send(new ControlMessage.AllgatherPut(0, new byte[] {0}));
            c0.send(new ControlMessage.AllgatherQuery(0));
            final ControlMessage.AllgatherPending pending = assertInstanceOf(ControlMessage.AllgatherPending.class,
                c0.next());
            assertArrayEquals(new int[] {1}, pending.missing());
            c1.send(new ControlMessage.AllgatherPut(0, new byte[] {1, 1}));
            for (final Client c : List.of(c0, c1, c2))
            {
                final ControlMessage.AllgatherResult r = assertInstanceOf(ControlMessage.AllgatherResult.class,
                    c.next());
                assertEquals(0, r.sequence());
                assertArrayEquals(new byte[][] {{0}, {1, 1}, {2}}, r.data());
            }
        }
    }

    @Test
    void shouldReportAndAcknowledgeAbortFailureAndFinalize() throws IOException
    {
        try (Client c = new Client(1, tcp.token()))
        {
            c.next();
            c.send(new ControlMessage.Finalized());
            assertEquals(new ControlMessage.Ack(ControlFrameDescriptor.FINALIZED), c.next());
            c.send(new ControlMessage.Failure("java.lang.Error", "m", "A.b(A.java:1)"));
            assertEquals(new ControlMessage.Ack(ControlFrameDescriptor.FAILURE), c.next());
            c.send(new ControlMessage.Abort(3, "why"));
            assertEquals(new ControlMessage.Ack(ControlFrameDescriptor.ABORT), c.next());
        }
        assertEquals(List.of("finalized 1", "failure 1 java.lang.Error m A.b(A.java:1)", "abort 1 3 why"), events,
            "each event is recorded before its ACK");
    }

    @Test
    void shouldCloseConnectionsWithAWrongTokenABadRankOrADuplicateRank() throws IOException
    {
        try (Client wrong = new Client(0, "not-the-token"); Client outOfRange = new Client(3, tcp.token());
             Client first = new Client(2, tcp.token()))
        {
            assertEquals(-1, wrong.in.read(), "closed without an answer");
            assertEquals(-1, outOfRange.in.read());
            assertEquals(new ControlMessage.Welcome(1000), first.next());
            try (Client duplicate = new Client(2, tcp.token()))
            {
                assertEquals(-1, duplicate.in.read());
            }
        }
    }

    @Test
    void shouldDisconnectARankThatPublishesTheSameAllgatherTwice() throws IOException
    {
        try (Client c = new Client(0, tcp.token()))
        {
            c.next();
            c.send(new ControlMessage.AllgatherPut(0, new byte[0]));
            c.send(new ControlMessage.AllgatherPut(0, new byte[0]));
            int b;
            do
            {
                b = c.in.read();
            }
            while (b != -1);
            assertEquals(-1, b);
        }
    }

    @Test
    void shouldSendHeartbeats() throws IOException
    {
        try (Client c = new Client(0, tcp.token()))
        {
            c.next();
            assertEquals(new ControlMessage.Heartbeat(), ControlFrameCodec.read(c.in, 100));
        }
    }

    @Test
    void shouldServeRanksOnTheUnixSocketAndTheTcpPortInOneJob() throws IOException
    {
        assertEquals("unix:" + dir.resolve("r.sock"), unix.address().text());
        assertNotEquals(tcp.token(), unix.token(), "each endpoint has its own secret");
        try (Client c0 = new Client(unix, 0, unix.token()); Client c1 = new Client(tcp, 1, tcp.token());
             Client c2 = new Client(unix, 2, unix.token()))
        {
            for (final Client c : List.of(c0, c1, c2))
            {
                assertEquals(new ControlMessage.Welcome(1000), c.next());
                c.send(new ControlMessage.AllgatherPut(0, new byte[] {(byte)List.of(c0, c1, c2).indexOf(c)}));
            }
            for (final Client c : List.of(c0, c1, c2))
            {
                final ControlMessage.AllgatherResult r = assertInstanceOf(ControlMessage.AllgatherResult.class,
                    c.next());
                assertArrayEquals(new byte[][] {{0}, {1}, {2}}, r.data());
            }
            assertEquals(new ControlMessage.Heartbeat(), ControlFrameCodec.read(c0.in, 100), "heartbeats on UNIX");
            c2.send(new ControlMessage.Abort(5, "over unix"));
            assertEquals(new ControlMessage.Ack(ControlFrameDescriptor.ABORT), c2.next());
        }
        assertEquals(List.of("abort 2 5 over unix"), events);
    }

    @Test
    void shouldRefuseTheTcpTokenOnTheUnixSocketAndRemoveTheSocketOnClose() throws IOException
    {
        try (Client wrong = new Client(unix, 0, tcp.token()); Client right = new Client(unix, 0, unix.token()))
        {
            assertEquals(-1, wrong.in.read(), "closed without an answer");
            assertEquals(new ControlMessage.Welcome(1000), right.next());
            server.close();
            int b;
            do
            {
                b = right.in.read();
            }
            while (b != -1);
        }
        assertFalse(Files.exists(dir.resolve("r.sock")), "socket file removed");
    }
}
