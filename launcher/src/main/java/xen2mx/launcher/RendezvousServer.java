package xen2mx.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import xen2mx.boot.ControlChannels;
import xen2mx.boot.ControlFrameCodec;
import xen2mx.boot.ControlFrameDescriptor;
import xen2mx.boot.ControlMessage;
import xen2mx.boot.RendezvousAddress;

/**
 * The launcher's side of the control protocol ({@link ControlFrameDescriptor}): accepts one connection per rank on
 * each of its endpoints, checks the endpoint's secret token, runs the all-gathers, sends heartbeats and reports
 * aborts, failures and finalizes to a {@link RankEventListener}.
 *
 * <p>Endpoints: a TCP port ({@link #listenTcp}) and a UNIX domain socket ({@link #listenUnix}) for ranks in other
 * network namespaces, which share the file system but not the loopback device. Each endpoint has its own token,
 * so a token that is visible on an agent's command line opens only the endpoint it was made for. A rank may
 * connect through either endpoint; the protocol, the all-gathers and the heartbeats are the same.
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
    private final RankEventListener listener;
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private final AtomicReferenceArray<Connection> connections;
    private final AtomicIntegerArray disconnected;
    private final AllgatherTable allgathers;
    private final ScheduledExecutorService heartbeats;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * Creates the service without endpoints; add them with {@link #listenTcp} and {@link #listenUnix}, then
     * {@link #start()}.
     *
     * @param size     the number of ranks.
     * @param listener receives rank reports.
     */
    public RendezvousServer(final int size, final RankEventListener listener)
    {
        this.size = size;
        this.listener = listener;
        this.connections = new AtomicReferenceArray<>(size);
        this.disconnected = new AtomicIntegerArray(size);
        this.allgathers = new AllgatherTable(size);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "x2mx-heartbeat"));
    }

    /**
     * Binds a TCP endpoint on an ephemeral port.
     *
     * @param bindAddress the address to listen on (loopback for a one-host job).
     * @return the endpoint's address and token.
     * @throws IOException when no port can be bound.
     */
    public RendezvousPoint listenTcp(final InetAddress bindAddress) throws IOException
    {
        final ServerSocketChannel channel = ServerSocketChannel.open();
        try
        {
            channel.bind(new InetSocketAddress(bindAddress, 0), size + 16);
            final InetSocketAddress local = (InetSocketAddress)channel.getLocalAddress();
            return add(channel, new RendezvousAddress.Tcp(local.getAddress().getHostAddress(), local.getPort()));
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Binds a UNIX domain socket endpoint; the socket file is removed by {@link #close()}.
     *
     * @param socketFile where to create the socket, in a directory only this user may enter; must not exist.
     * @return the endpoint's address and token.
     * @throws IOException when the socket cannot be created (e.g. the path is too long for a socket address).
     */
    public RendezvousPoint listenUnix(final Path socketFile) throws IOException
    {
        final ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try
        {
            channel.bind(UnixDomainSocketAddress.of(socketFile), size + 16);
            return add(channel, new RendezvousAddress.Unix(socketFile.toAbsolutePath()));
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /** Starts accepting connections on every endpoint and sending heartbeats. */
    public void start()
    {
        started = true;
        endpoints.forEach(this::startAccepting);
        final long interval = LaunchContext.HEARTBEAT_INTERVAL.toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops accepting, stops heartbeats, closes every connection and removes UNIX socket files. Idempotent and
     * safe from a shutdown hook.
     */
    @Override
    public void close()
    {
        closed = true;
        heartbeats.shutdownNow();
        for (final Endpoint e : endpoints)
        {
            closeQuietly(e.channel);
            if (e.point.address() instanceof RendezvousAddress.Unix unix)
            {
                try
                {
                    Files.deleteIfExists(unix.path());
                }
                catch (final IOException ignored)
                {
                    // its private directory is removed by its owner, which reports what is left
                }
            }
        }
        for (int r = 0; r < size; r++)
        {
            final Connection c = connections.get(r);
            if (c != null)
            {
                closeQuietly(c.channel);
            }
        }
    }

    /**
     * Ends a rank's control connection and refuses it from now on: the way mpirun ends a rank it cannot signal (on
     * another host), whose watchdog halts it on the EOF. Idempotent, thread-safe.
     *
     * @param rank the rank.
     */
    public void disconnect(final int rank)
    {
        disconnected.set(rank, 1);
        final Connection c = connections.get(rank);
        if (c != null)
        {
            closeQuietly(c.channel);
        }
    }

    private RendezvousPoint add(final ServerSocketChannel channel, final RendezvousAddress address)
    {
        final byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        final Endpoint endpoint = new Endpoint(channel, new RendezvousPoint(address, HexFormat.of().formatHex(secret)));
        endpoints.add(endpoint);
        if (started)
        {
            startAccepting(endpoint);
        }
        return endpoint.point;
    }

    private void startAccepting(final Endpoint endpoint)
    {
        daemon(() -> acceptLoop(endpoint), "x2mx-rendezvous-accept").start();
    }

    private void acceptLoop(final Endpoint endpoint)
    {
        while (!closed)
        {
            try
            {
                final SocketChannel channel = endpoint.channel.accept();
                daemon(() -> serve(endpoint, channel), "x2mx-rendezvous-conn").start();
            }
            catch (final IOException ex)
            {
                if (closed || !endpoint.channel.isOpen())
                {
                    return;
                }
            }
        }
    }

    private void serve(final Endpoint endpoint, final SocketChannel channel)
    {
        Connection connection = null;
        try (channel)
        {
            if (channel.getRemoteAddress() instanceof InetSocketAddress)
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            final InputStream in = new BufferedInputStream(ControlChannels.inputStream(channel));
            final ControlChannels.Deadline deadline = ControlChannels.closeAfter(channel,
                LaunchContext.HELLO_TIMEOUT.toMillis());
            final ControlMessage first = ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_HELLO_LENGTH);
            if (!deadline.cancel())
            {
                return;
            }
            connection = admit(endpoint, channel, first);
            if (connection == null)
            {
                return;
            }
            listener.onConnected(connection.rank, ((ControlMessage.Hello)first).pid());
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

    private Connection admit(final Endpoint endpoint, final SocketChannel channel, final ControlMessage first)
    {
        if (!(first instanceof ControlMessage.Hello hello)
            || !MessageDigest.isEqual(hello.token(), endpoint.point.token().getBytes(StandardCharsets.UTF_8))
            || hello.rank() < 0 || hello.rank() >= size)
        {
            return null;
        }
        final Connection connection = new Connection(hello.rank(), channel);
        if (!connections.compareAndSet(hello.rank(), null, connection))
        {
            return null;
        }
        if (disconnected.get(hello.rank()) != 0)
        {
            connections.compareAndSet(hello.rank(), connection, null);
            return null;
        }
        return connection;
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

    /** One listening endpoint and its secret. */
    private record Endpoint(ServerSocketChannel channel, RendezvousPoint point)
    {
    }

    /** One admitted rank's connection. */
    private static final class Connection
    {
        private final int rank;
        private final SocketChannel channel;
        private final OutputStream out;

        Connection(final int rank, final SocketChannel channel)
        {
            this.rank = rank;
            this.channel = channel;
            this.out = ControlChannels.outputStream(channel);
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
                closeQuietly(channel);
            }
        }
    }
}
