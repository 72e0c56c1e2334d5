package xen2mx.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import xen2mx.boot.ControlFrameCodec;
import xen2mx.boot.ControlFrameDescriptor;
import xen2mx.boot.ControlMessage;

/**
 * The launcher's side of the control protocol ({@link ControlFrameDescriptor}): accepts one connection per rank
 * on an ephemeral port, checks the job's secret token, runs the all-gathers, sends heartbeats and reports aborts,
 * failures and finalizes to a {@link RankEventListener}.
 *
 * <p>A connection that does not present a valid HELLO within {@link LaunchContext#HELLO_TIMEOUT} (wrong magic or
 * token, rank out of range or already connected) is closed without an answer; a connected rank that breaks the
 * protocol is disconnected (its watchdog then ends it). One thread per connection; frames to a rank are written
 * under that connection's lock.
 */
public final class RendezvousServer implements AutoCloseable
{
    private static final int TOKEN_BYTES = 32;

    private final int size;
    private final String token;
    private final RankEventListener listener;
    private final ServerSocket serverSocket;
    private final AtomicReferenceArray<Connection> connections;
    private final AllgatherTable allgathers;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean closed;

    /**
     * Binds the service; call {@link #start()} to accept ranks.
     *
     * @param bindAddress the address to listen on (loopback for a one-host job).
     * @param size        the number of ranks.
     * @param listener    receives rank reports.
     * @throws IOException when no port can be bound.
     */
    public RendezvousServer(final InetAddress bindAddress, final int size, final RankEventListener listener)
        throws IOException
    {
        this.size = size;
        final byte[] secret = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.listener = listener;
        this.serverSocket = new ServerSocket();
        this.serverSocket.bind(new InetSocketAddress(bindAddress, 0), size + 16);
        this.connections = new AtomicReferenceArray<>(size);
        this.allgathers = new AllgatherTable(size);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "x2mx-heartbeat"));
    }

    /** Starts accepting connections and sending heartbeats. */
    public void start()
    {
        daemon(this::acceptLoop, "x2mx-rendezvous-accept").start();
        final long interval = LaunchContext.HEARTBEAT_INTERVAL.toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** @return {@code host:port} for {@code X2MX_RENDEZVOUS}. */
    public String address()
    {
        final InetAddress a = serverSocket.getInetAddress();
        final String host = a.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + serverSocket.getLocalPort();
    }

    /** @return the job's secret for {@code X2MX_RENDEZVOUS_TOKEN}. */
    public String token()
    {
        return token;
    }

    /** Stops accepting, stops heartbeats and closes every connection. Idempotent. */
    @Override
    public void close()
    {
        closed = true;
        heartbeats.shutdownNow();
        closeQuietly(serverSocket);
        for (int r = 0; r < size; r++)
        {
            final Connection c = connections.get(r);
            if (c != null)
            {
                closeQuietly(c.socket);
            }
        }
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket socket = serverSocket.accept();
                daemon(() -> serve(socket), "x2mx-rendezvous-conn").start();
            }
            catch (final IOException ex)
            {
                if (closed)
                {
                    return;
                }
            }
        }
    }

    private void serve(final Socket socket)
    {
        Connection connection = null;
        try (socket)
        {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int)LaunchContext.HELLO_TIMEOUT.toMillis());
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            connection = admit(socket, ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_HELLO_LENGTH));
            if (connection == null)
            {
                return;
            }
            socket.setSoTimeout(0);
            connection.send(new ControlMessage.Welcome((int)LaunchContext.HEARTBEAT_INTERVAL.toMillis()));
            while (!closed)
            {
                handle(connection, ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_FRAME_LENGTH));
            }
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            // EOF when the rank ends, or a protocol violation: either way this connection is over
        }
        finally
        {
            if (connection != null)
            {
                connections.compareAndSet(connection.rank, connection, null);
            }
        }
    }

    private Connection admit(final Socket socket, final ControlMessage first) throws IOException
    {
        if (!(first instanceof ControlMessage.Hello hello)
            || !MessageDigest.isEqual(hello.token(), token.getBytes(StandardCharsets.UTF_8))
            || hello.rank() < 0 || hello.rank() >= size)
        {
            return null;
        }
        final Connection connection = new Connection(hello.rank(), socket);
        return connections.compareAndSet(hello.rank(), null, connection) ? connection : null;
    }

    private void handle(final Connection c, final ControlMessage message) throws IOException
    {
        if (message instanceof ControlMessage.AllgatherPut put)
        {
            final byte[][] all = allgathers.put(c.rank, put.sequence(), put.data());
            if (all != null)
            {
                broadcast(new ControlMessage.AllgatherResult(put.sequence(), all));
            }
        }
        else if (message instanceof ControlMessage.AllgatherQuery query)
        {
            c.send(new ControlMessage.AllgatherPending(query.sequence(), allgathers.missing(query.sequence())));
        }
        else if (message instanceof ControlMessage.Abort abort)
        {
            listener.onAbort(c.rank, abort.code(), abort.reason());
            c.send(new ControlMessage.Ack(message.type()));
        }
        else if (message instanceof ControlMessage.Failure failure)
        {
            listener.onFailure(c.rank, failure.exceptionClass(), failure.message(), failure.firstFrame());
            c.send(new ControlMessage.Ack(message.type()));
        }
        else if (message instanceof ControlMessage.Finalized)
        {
            listener.onFinalized(c.rank);
            c.send(new ControlMessage.Ack(message.type()));
        }
        else
        {
            throw new IOException("rank " + c.rank + " sent an unexpected " + message);
        }
    }

    private void broadcast(final ControlMessage message)
    {
        for (int r = 0; r < size; r++)
        {
            final Connection c = connections.get(r);
            if (c != null)
            {
                c.sendQuietly(message);
            }
        }
    }

    private void heartbeat()
    {
        broadcast(new ControlMessage.Heartbeat());
    }

    private static Thread daemon(final Runnable r, final String name)
    {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(final AutoCloseable c)
    {
        try
        {
            c.close();
        }
        catch (final Exception ignored)
        {
            // closing on shutdown; nothing to recover
        }
    }

    /** One admitted rank's connection. */
    private static final class Connection
    {
        private final int rank;
        private final Socket socket;
        private final OutputStream out;

        Connection(final int rank, final Socket socket) throws IOException
        {
            this.rank = rank;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        synchronized void send(final ControlMessage message) throws IOException
        {
            ControlFrameCodec.write(out, message);
        }

        void sendQuietly(final ControlMessage message)
        {
            try
            {
                send(message);
            }
            catch (final IOException ex)
            {
                closeQuietly(socket);
            }
        }
    }
}
