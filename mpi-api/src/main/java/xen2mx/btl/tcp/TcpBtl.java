package xen2mx.btl.tcp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlLimits;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.match.EngineBtl;
import xen2mx.btl.match.MatchEngine;
import xen2mx.btl.self.LocalDelivery;

/**
 * The {@code tcp} module: one TCP connection per pair of ranks, pure Java NIO, matching in the shared
 * {@link MatchEngine}.
 *
 * <p>Connections: every rank listens on an ephemeral port; {@link #connect} makes the lower rank of each pair
 * connect to the higher, so simultaneous start-up never double-connects. The HELLO handshake ({@link TcpHandshake})
 * names job and ranks; a connection from another job, a wrong rank or a duplicate is refused and counted. Messages
 * sent before a connection is up wait in its queue.
 *
 * <p>Protocols (frames in {@link TcpFrameDescriptor}): up to the eager limit a message travels in one EAGER frame;
 * a synchronous one carries a flag and completes on the receiver's ACK (one extra one-way latency). Larger messages
 * send an RTS carrying the first eager-limit bytes; once matched, the receiver answers CTS and the sender streams
 * the rest as one DATA frame that the receiver reads straight into the receive buffer. Carrying the prefix hides most
 * of the handshake, so there is no cliff at the switch. Messages up to {@code Integer.MAX_VALUE} bytes.
 *
 * <p>Progress: {@link #progress()} never blocks and never throws; one thread at a time progresses (try-lock), others
 * return 0. With few connections it reads each socket directly (one syscall per idle connection); with more than
 * {@code btl_tcp_poll_direct_max} it uses {@link Selector#selectNow}. A connection that breaks or carries a malformed
 * frame fails every request involving that peer with {@link BtlStatus#FAILED}.
 */
public final class TcpBtl extends EngineBtl
{
    /** Longest {@link #close()} waits for staged bytes to reach the socket. */
    private static final long CLOSE_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    public static final String EAGER_LIMIT_PARAM = "btl_tcp_eager_limit";
    public static final int EAGER_LIMIT_DEFAULT = 64 * 1024;
    public static final String SNDBUF_PARAM = "btl_tcp_sndbuf";
    public static final String RCVBUF_PARAM = "btl_tcp_rcvbuf";
    public static final int SOCKET_BUFFER_DEFAULT = 0;
    public static final String IF_INCLUDE_PARAM = "btl_tcp_if_include";
    public static final String POLL_DIRECT_MAX_PARAM = "btl_tcp_poll_direct_max";
    public static final int POLL_DIRECT_MAX_DEFAULT = 4;
    public static final String CONNECT_TIMEOUT_PARAM = "btl_tcp_connect_timeout_ms";
    public static final int CONNECT_TIMEOUT_DEFAULT = 30_000;
    public static final String HEAP_CHUNK_PARAM = "btl_tcp_heap_chunk";
    public static final int HEAP_CHUNK_DEFAULT = 1024 * 1024;

    private static final int MAX_EAGER_LIMIT = 16 * 1024 * 1024;

    private final int size;
    private final String jobId;
    private final BtlLimits limits;
    private final int sendBuffer;
    private final int receiveBuffer;
    private final int pollDirectMax;
    private final long connectTimeoutNanos;
    private final int heapChunk;
    private final String hostId;
    private final byte[] address;
    private final LocalDelivery local;

    private final ServerSocketChannel server;
    private final Selector setupSelector;
    private final Selector dataSelector;
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Consumer<SelectionKey> readAction = this::onReadable;

    private final AtomicLong malformedFrames = new AtomicLong();
    private final AtomicLong rejectedConnections = new AtomicLong();
    private final AtomicLong progressErrors = new AtomicLong();

    private volatile TcpConnection[] connections;
    private TcpConnection[] established = new TcpConnection[0];
    private int setupPending;
    private int selectedWork;

    /**
     * Opens the listening socket. Parameters: {@value #EAGER_LIMIT_PARAM}, {@value #SNDBUF_PARAM},
     * {@value #RCVBUF_PARAM} (0 keeps the kernel's auto-tuning), {@value #IF_INCLUDE_PARAM},
     * {@value #POLL_DIRECT_MAX_PARAM}, {@value #CONNECT_TIMEOUT_PARAM}, {@value #HEAP_CHUNK_PARAM}.
     *
     * @throws BtlException when a parameter is out of range or no socket can be opened.
     */
    public TcpBtl(final BtlContext context)
    {
        super(context);
        this.size = context.size();
        this.jobId = Objects.requireNonNull(context.jobId(), "context.jobId()");
        final int eagerLimit = range(context, EAGER_LIMIT_PARAM, EAGER_LIMIT_DEFAULT, 0, MAX_EAGER_LIMIT);
        this.limits = new BtlLimits(eagerLimit, Integer.MAX_VALUE);
        this.sendBuffer = range(context, SNDBUF_PARAM, SOCKET_BUFFER_DEFAULT, 0, Integer.MAX_VALUE);
        this.receiveBuffer = range(context, RCVBUF_PARAM, SOCKET_BUFFER_DEFAULT, 0, Integer.MAX_VALUE);
        this.pollDirectMax = range(context, POLL_DIRECT_MAX_PARAM, POLL_DIRECT_MAX_DEFAULT, 0, Integer.MAX_VALUE);
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(
            range(context, CONNECT_TIMEOUT_PARAM, CONNECT_TIMEOUT_DEFAULT, 1, Integer.MAX_VALUE));
        this.heapChunk = range(context, HEAP_CHUNK_PARAM, HEAP_CHUNK_DEFAULT, 4096, Integer.MAX_VALUE);
        if (rank < 0 || rank >= size)
        {
            throw new BtlException("tcp: rank " + rank + " outside world of size " + size);
        }
        this.local = new LocalDelivery(rank, eagerLimit, engine);
        this.hostId = HostIdentity.local();
        final InterfaceFilter filter = new InterfaceFilter(context.parameter(IF_INCLUDE_PARAM, ""));
        ServerSocketChannel listener = null;
        Selector setup = null;
        Selector data = null;
        try
        {
            listener = ServerSocketChannel.open();
            if (receiveBuffer > 0)
            {
                listener.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            listener.bind(new InetSocketAddress(0), Math.max(64, size));
            listener.configureBlocking(false);
            setup = Selector.open();
            data = Selector.open();
            listener.register(setup, SelectionKey.OP_ACCEPT);
            final int port = ((InetSocketAddress)listener.getLocalAddress()).getPort();
            this.address = new TcpAddress(hostId, port, filter.select()).encode();
        }
        catch (final IOException | RuntimeException e)
        {
            closeQuietly(listener);
            closeQuietly(setup);
            closeQuietly(data);
            throw e instanceof BtlException btl ? btl :
                new BtlException("tcp: cannot open a listening socket for rank " + rank + ": " + e.getMessage(), e);
        }
        this.server = listener;
        this.setupSelector = setup;
        this.dataSelector = data;
    }

    @Override
    public String name()
    {
        return TcpBtlComponent.NAME;
    }

    @Override
    public BtlLimits limits()
    {
        return limits;
    }

    @Override
    public byte[] localAddress()
    {
        return address.clone();
    }

    @Override
    public BitSet connect(final byte[][] addresses)
    {
        if (addresses.length != size)
        {
            throw new BtlException("tcp: " + addresses.length + " addresses for a world of size " + size);
        }
        progressLock.lock();
        try
        {
            if (connections != null)
            {
                throw new BtlException("tcp: connect() called twice on rank " + rank);
            }
            final TcpConnection[] all = new TcpConnection[size];
            final BitSet reachable = new BitSet(size);
            for (int peer = 0; peer < size; peer++)
            {
                if (addresses[peer] == null)
                {
                    continue;
                }
                reachable.set(peer);
                if (peer == rank)
                {
                    continue;
                }
                final TcpAddress peerAddress = TcpAddress.decode(addresses[peer], peer);
                if (peer > rank)
                {
                    all[peer] = new TcpConnection(this, peer, TcpConnection.CONNECTING);
                    startConnect(all[peer], new TcpHandshake(null, all[peer], peerAddress.candidates(hostId)));
                }
                else
                {
                    all[peer] = new TcpConnection(this, peer, TcpConnection.AWAITING);
                }
                setupPending++;
            }
            connections = all;
            return reachable;
        }
        finally
        {
            progressLock.unlock();
        }
    }

    @Override
    public String describePeer(final int peer)
    {
        if (peer == rank)
        {
            return "tcp self (in-process copy)";
        }
        final TcpConnection connection = connection(peer);
        final SocketChannel channel = connection.channel();
        String remote = "not connected";
        if (channel != null)
        {
            try
            {
                final InetSocketAddress peerAddress = (InetSocketAddress)channel.getRemoteAddress();
                remote = peerAddress.getAddress().getHostAddress() + ":" + peerAddress.getPort();
            }
            catch (final IOException e)
            {
                remote = "closed";
            }
        }
        return "tcp " + remote;
    }

    @Override
    public BtlRequest isend(final int destination, final long matchInfo, final ByteBuffer payload,
        final boolean synchronous)
    {
        Objects.requireNonNull(payload, "payload");
        checkOpen();
        if (destination == rank)
        {
            return local.send(matchInfo, payload, synchronous);
        }
        return connection(destination).send(matchInfo, payload, synchronous);
    }

    @Override
    public int progress()
    {
        if (!progressLock.tryLock())
        {
            return 0;
        }
        try
        {
            if (closed)
            {
                return 0;
            }
            int work = 0;
            if (setupPending > 0)
            {
                work += progressSetup();
            }
            final TcpConnection[] active = established;
            for (final TcpConnection connection : active)
            {
                if (connection.writesPending)
                {
                    work += connection.flush();
                }
            }
            if (active.length <= pollDirectMax)
            {
                for (final TcpConnection connection : active)
                {
                    work += connection.poll();
                }
            }
            else
            {
                selectedWork = 0;
                dataSelector.selectNow(readAction);
                work += selectedWork;
            }
            for (final TcpConnection connection : active)
            {
                if (connection.writesPending)
                {
                    work += connection.flush();
                }
            }
            return work;
        }
        catch (final IOException | RuntimeException e)
        {
            progressErrors.incrementAndGet();
            return 1;
        }
        finally
        {
            progressLock.unlock();
        }
    }

    private void onReadable(final SelectionKey key)
    {
        selectedWork += ((TcpConnection)key.attachment()).poll();
    }

    @Override
    public void close()
    {
        progressLock.lock();
        try
        {
            if (closed)
            {
                return;
            }
            drainWrites();
            closed = true;
            final TcpConnection[] all = connections;
            if (all != null)
            {
                for (final TcpConnection connection : all)
                {
                    if (connection != null)
                    {
                        connection.fail("module of rank " + rank + " closed");
                    }
                }
            }
            for (final SelectionKey key : setupSelector.keys())
            {
                closeQuietly(key.channel());
            }
            closeQuietly(setupSelector);
            closeQuietly(dataSelector);
            closeQuietly(server);
        }
        finally
        {
            progressLock.unlock();
        }
    }

    /**
     * Before closing, lets the socket take what sends left staged (a send completes once staged, so the peer may
     * still be waiting for it), progressing reads too so that two peers draining at once do not block each other.
     * Bounded by {@link #CLOSE_DRAIN_NANOS}.
     */
    private void drainWrites()
    {
        final TcpConnection[] all = connections;
        if (all == null)
        {
            return;
        }
        final long deadline = System.nanoTime() + CLOSE_DRAIN_NANOS;
        boolean pending = true;
        while (pending && System.nanoTime() < deadline)
        {
            progress();
            pending = false;
            for (final TcpConnection connection : all)
            {
                pending |= connection != null && connection.writesPending;
            }
            if (pending)
            {
                Thread.onSpinWait();
            }
        }
    }

    /** @return frames that broke the protocol since open; each closed its connection. */
    public long malformedFrames()
    {
        return malformedFrames.get();
    }

    /** @return incoming connections refused at the handshake (another job, wrong rank, duplicate, garbage). */
    public long rejectedConnections()
    {
        return rejectedConnections.get();
    }

    /** @return unexpected errors that progress() absorbed instead of throwing (selector failures). */
    public long progressErrors()
    {
        return progressErrors.get();
    }

    /** @return the port this process listens on. */
    public int port()
    {
        return server.socket().getLocalPort();
    }

    MatchEngine engine()
    {
        return engine;
    }

    int heapChunk()
    {
        return heapChunk;
    }

    void countMalformedFrame()
    {
        malformedFrames.incrementAndGet();
    }

    private TcpConnection connection(final int peer)
    {
        final TcpConnection[] all = connections;
        if (all == null)
        {
            throw new BtlException("tcp: rank " + rank + " has not called connect() yet");
        }
        if (peer < 0 || peer >= size || all[peer] == null)
        {
            throw new BtlException("tcp: rank " + peer + " is not reachable from rank " + rank +
                (peer < 0 || peer >= size ? " (world size " + size + ")" : " (it published no tcp address)"));
        }
        return all[peer];
    }

    private int progressSetup() throws IOException
    {
        final int work = setupSelector.selectNow(this::onSetupReady);
        final long now = System.nanoTime();
        for (final TcpConnection connection : connections)
        {
            if (connection != null && (connection.state == TcpConnection.CONNECTING ||
                connection.state == TcpConnection.HANDSHAKE) && now - connection.setupStartNanos > connectTimeoutNanos)
            {
                connection.fail("no handshake within " + TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos) + " ms");
                closeQuietly(connection.channel());
                setupPending--;
            }
        }
        return work;
    }

    private void onSetupReady(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        if (key.isAcceptable())
        {
            acceptAll();
            return;
        }
        final TcpHandshake handshake = (TcpHandshake)key.attachment();
        try
        {
            if (key.isConnectable())
            {
                onConnectable(key, handshake);
            }
            else if (key.isReadable())
            {
                onHandshakeReadable(key, handshake);
            }
        }
        catch (final IOException e)
        {
            key.cancel();
            closeQuietly(handshake.channel);
            if (handshake.connection == null)
            {
                rejectedConnections.incrementAndGet();
            }
            else if (handshake.connection.state != TcpConnection.FAILED)
            {
                if (handshake.connection.state == TcpConnection.CONNECTING)
                {
                    startConnect(handshake.connection, handshake);
                }
                else
                {
                    handshake.connection.fail("handshake with rank " + handshake.connection.peer + " failed: " +
                        e.getMessage());
                    setupPending--;
                }
            }
        }
    }

    private void acceptAll()
    {
        try
        {
            SocketChannel channel;
            while ((channel = server.accept()) != null)
            {
                try
                {
                    configure(channel);
                    channel.register(setupSelector, SelectionKey.OP_READ, new TcpHandshake(channel, null, null));
                }
                catch (final IOException e)
                {
                    rejectedConnections.incrementAndGet();
                    closeQuietly(channel);
                }
            }
        }
        catch (final IOException e)
        {
            rejectedConnections.incrementAndGet();
        }
    }

    /** Tries the next candidate address of the handshake's peer; fails the connection when none is left. */
    private void startConnect(final TcpConnection connection, final TcpHandshake previous)
    {
        final List<InetSocketAddress> candidates = previous.candidates;
        for (int index = previous.candidateIndex; index < candidates.size(); index++)
        {
            SocketChannel channel = null;
            try
            {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                configure(channel);
                final TcpHandshake handshake = new TcpHandshake(channel, connection, candidates);
                handshake.candidateIndex = index + 1;
                connection.channel(channel);
                connection.setupStartNanos = System.nanoTime();
                final SelectionKey key = channel.register(setupSelector, SelectionKey.OP_CONNECT, handshake);
                if (channel.connect(candidates.get(index)))
                {
                    onConnectable(key, handshake);
                }
                return;
            }
            catch (final IOException e)
            {
                closeQuietly(channel);
            }
        }
        connection.fail("cannot connect to rank " + connection.peer + " at " + candidates);
        setupPending--;
    }

    private void onConnectable(final SelectionKey key, final TcpHandshake handshake) throws IOException
    {
        if (handshake.channel.isConnectionPending())
        {
            handshake.channel.finishConnect();
        }
        TcpHandshake.writeHello(handshake.channel, rank, handshake.connection.peer, size, limits.eagerLimit(), jobId);
        handshake.connection.state = TcpConnection.HANDSHAKE;
        key.interestOps(SelectionKey.OP_READ);
    }

    private void onHandshakeReadable(final SelectionKey key, final TcpHandshake handshake) throws IOException
    {
        final TcpHandshake.Hello hello = handshake.read();
        if (hello == null)
        {
            return;
        }
        if (handshake.connection != null)
        {
            final TcpConnection connection = handshake.connection;
            String problem = checkIdentity(hello, connection.peer);
            if (problem == null)
            {
                problem = checkEagerLimit(hello);
            }
            if (problem != null)
            {
                key.cancel();
                closeQuietly(handshake.channel);
                connection.fail(problem);
                setupPending--;
                return;
            }
            key.cancel();
            establish(connection, handshake.channel);
            return;
        }
        final TcpConnection[] all = connections;
        final int source = hello.source();
        final String problem = source < 0 || source >= rank || all == null || all[source] == null ?
            "rank " + source + " may not connect to rank " + rank : checkIdentity(hello, source);
        if (problem != null || all[source].state != TcpConnection.AWAITING)
        {
            key.cancel();
            closeQuietly(handshake.channel);
            rejectedConnections.incrementAndGet();
            return;
        }
        TcpHandshake.writeHello(handshake.channel, rank, source, size, limits.eagerLimit(), jobId);
        key.cancel();
        final String mismatch = checkEagerLimit(hello);
        if (mismatch != null)
        {
            closeQuietly(handshake.channel);
            all[source].fail(mismatch);
            setupPending--;
            return;
        }
        all[source].channel(handshake.channel);
        establish(all[source], handshake.channel);
    }

    private String checkIdentity(final TcpHandshake.Hello hello, final int expectedSource)
    {
        if (hello.version() != TcpFrameDescriptor.PROTOCOL_VERSION)
        {
            return "protocol version " + hello.version() + " from rank " + hello.source() + ", expected " +
                TcpFrameDescriptor.PROTOCOL_VERSION;
        }
        if (!hello.jobId().equals(jobId))
        {
            return "connection from job '" + hello.jobId() + "', this is job '" + jobId + "'";
        }
        if (hello.source() != expectedSource || hello.destination() != rank || hello.size() != size)
        {
            return "handshake names rank " + hello.source() + " -> " + hello.destination() + " in a world of " +
                hello.size() + ", expected rank " + expectedSource + " -> " + rank + " in a world of " + size;
        }
        return null;
    }

    /** The acceptor answers even on a mismatch, so that both ends can name it. */
    private String checkEagerLimit(final TcpHandshake.Hello hello)
    {
        if (hello.eagerLimit() != limits.eagerLimit())
        {
            return "eager limit mismatch: rank " + hello.source() + " uses " + EAGER_LIMIT_PARAM + "=" +
                hello.eagerLimit() + ", rank " + rank + " uses " + limits.eagerLimit();
        }
        return null;
    }

    private void establish(final TcpConnection connection, final SocketChannel channel) throws IOException
    {
        channel.register(dataSelector, SelectionKey.OP_READ, connection);
        final TcpConnection[] grown = Arrays.copyOf(established, established.length + 1);
        grown[grown.length - 1] = connection;
        established = grown;
        setupPending--;
        connection.established();
    }

    private void configure(final SocketChannel channel) throws IOException
    {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (sendBuffer > 0)
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
        }
        if (receiveBuffer > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
    }

    private static int range(final BtlContext context, final String key, final int defaultValue, final int min,
        final int max)
    {
        final int value = context.intParameter(key, defaultValue);
        if (value < min || value > max)
        {
            throw new BtlException("MCA parameter " + key + "=" + value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    static void closeQuietly(final Closeable closeable)
    {
        if (closeable != null)
        {
            try
            {
                closeable.close();
            }
            catch (final IOException ignored)
            {
                // nothing more to release
            }
        }
    }
}
