package xen2mx.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.boot.ControlFrameCodec;
import xen2mx.boot.ControlFrameDescriptor;
import xen2mx.boot.ControlMessage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rendezvous service over real loopback sockets, with clients speaking the wire protocol directly. */
@Timeout(20)
class RendezvousServerTest
{
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RendezvousServer server;

    @BeforeEach
    void start() throws IOException
    {
        server = new RendezvousServer(InetAddress.getLoopbackAddress(), 3, new RankEventListener()
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
        private final Socket socket;
        private final InputStream in;

        Client(final int rank, final String token) throws IOException
        {
            final String[] hostPort = server.address().split(":");
            socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
            in = new BufferedInputStream(socket.getInputStream());
            send(new ControlMessage.Hello(token.getBytes(StandardCharsets.UTF_8), rank, 1));
        }

        void send(final ControlMessage m) throws IOException
        {
            ControlFrameCodec.write(socket.getOutputStream(), m);
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
            socket.close();
        }
    }

    @Test
    void shouldListenOnAnEphemeralLoopbackPortWithAFreshToken() throws IOException
    {
        assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
        assertEquals(64, server.token().length());
        try (RendezvousServer other = new RendezvousServer(InetAddress.getLoopbackAddress(), 1, null))
        {
            assertNotEquals(server.address(), other.address());
            assertNotEquals(server.token(), other.token());
        }
    }

    @Test
    void shouldWelcomeRanksAndAllgatherInRankOrder() throws IOException
    {
        try (Client c0 = new Client(0, server.token()); Client c1 = new Client(1, server.token());
             Client c2 = new Client(2, server.token()))
        {
            for (final Client c : List.of(c0, c1, c2))
            {
                assertEquals(new ControlMessage.Welcome(1000), c.next());
            }
            c2.send(new ControlMessage.AllgatherPut(0, new byte[] {2}));
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
        try (Client c = new Client(1, server.token()))
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
        try (Client wrong = new Client(0, "not-the-token"); Client outOfRange = new Client(3, server.token());
             Client first = new Client(2, server.token()))
        {
            assertEquals(-1, wrong.in.read(), "closed without an answer");
            assertEquals(-1, outOfRange.in.read());
            assertEquals(new ControlMessage.Welcome(1000), first.next());
            try (Client duplicate = new Client(2, server.token()))
            {
                assertEquals(-1, duplicate.in.read());
            }
        }
    }

    @Test
    void shouldDisconnectARankThatPublishesTheSameAllgatherTwice() throws IOException
    {
        try (Client c = new Client(0, server.token()))
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
        try (Client c = new Client(0, server.token()))
        {
            c.next();
            assertEquals(new ControlMessage.Heartbeat(), ControlFrameCodec.read(c.in, 100));
        }
    }
}
