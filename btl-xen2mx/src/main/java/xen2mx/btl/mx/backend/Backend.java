package xen2mx.btl.mx.backend;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import xen2mx.btl.mx.driver.CoreEndpoint;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.DriverCore;
import xen2mx.btl.mx.driver.DriverException;
import xen2mx.btl.mx.driver.DriverLimits;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.pv.CommandDescriptor;
import xen2mx.btl.mx.pv.ControlChannel;
import xen2mx.btl.mx.pv.EventDescriptor;
import xen2mx.btl.mx.pv.SegmentLayout;
import xen2mx.btl.mx.pv.SharedFile;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * The paravirtual backend (Xen2MX's driver domain): one per host, serving every guest of the host on one board (the
 * host's NIC, or no NIC for co-located guests only). Guests attach over a UNIX domain socket; per guest the backend
 * creates a command ring, an event ring and a segment under {@code /dev/shm} and runs the guest's endpoints as shadow
 * endpoints of its board in one {@link DriverCore}, so on the wire they are ordinary MXoE endpoints of the host's MAC.
 *
 * <p>One backend per socket and per interface: each is guarded by an exclusive lock on a file next to it
 * ({@code PATH.lock}, {@code /dev/shm/x2mx-backend-NETNS-IFACE.lock} with NETNS the network namespace's inode),
 * held for the backend's life.
 *
 * <p>Threads: the {@link BackendConductor} (all the work), one acceptor, one blocking reader per guest socket (its
 * requests run as conductor tasks; its end-of-file detaches the guest).
 */
public final class Backend implements AutoCloseable
{
    /** Ring and queue sizes given to every guest. */
    static final int COMMAND_SLOTS = 1024;
    static final int EVENT_SLOTS = 4096;
    static final int RECV_SLOTS = 1024;
    private static final long REQUEST_TIMEOUT_SECONDS = 5;
    /** Names of guest files: {@code x2mx-<backend pid>-g<guest>-<commands|events|segment>}. */
    private static final java.util.regex.Pattern STALE_NAME =
        java.util.regex.Pattern.compile("x2mx-(\\d{1,10})-g\\d+-(commands|events|segment)");
    /** MTU of the board without a NIC (fragment sizes derive from it, as on the 9000-byte veths of the tests). */
    static final int DETACHED_MTU = 9000;

    private final Path socketPath;
    private final EthernetChannel channel;
    private final DriverCore core;
    private final BackendConductor conductor;
    private final BackendLog log;
    private final ServerSocketChannel server;
    private final FileLock socketLock;
    private final FileLock interfaceLock;
    private final Thread acceptor;
    private final AtomicInteger nextGuest = new AtomicInteger();
    private final String filePrefix;
    private volatile boolean closed;

    /**
     * Starts a backend: takes the locks, binds the socket, starts the conductor and the acceptor.
     *
     * @param socketPath the control socket.
     * @param channel    the board (a raw socket on the NIC, or a {@link DetachedChannel}); owned from now on.
     * @param hasNic     false for a board without a NIC.
     * @param logStream  where to log.
     * @throws BackendException one line: another backend serves the socket or the interface, or the socket cannot be
     *                          bound.
     */
    public Backend(final Path socketPath, final EthernetChannel channel, final boolean hasNic,
        final PrintStream logStream)
    {
        this.socketPath = socketPath.toAbsolutePath();
        this.channel = channel;
        this.log = new BackendLog(logStream);
        FileLock ifLock = null;
        FileLock sockLock = null;
        ServerSocketChannel bound = null;
        try
        {
            sockLock = lock(Path.of(this.socketPath + ".lock"), "socket " + this.socketPath);
            if (hasNic)
            {
                ifLock = lock(SharedFile.DIRECTORY.resolve("x2mx-backend-" + networkNamespace() + "-"
                    + channel.interfaceName() + ".lock"), "interface " + channel.interfaceName());
            }
            Files.deleteIfExists(this.socketPath); // stale: its backend no longer holds the lock
            bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            bound.bind(UnixDomainSocketAddress.of(this.socketPath));
        }
        catch (final IOException ex)
        {
            release(sockLock, ifLock, bound);
            channel.close();
            throw new BackendException("cannot bind " + this.socketPath + ": " + ex.getMessage());
        }
        catch (final BackendException ex)
        {
            release(sockLock, ifLock, bound);
            channel.close();
            throw ex;
        }
        this.socketLock = sockLock;
        this.interfaceLock = ifLock;
        this.server = bound;
        this.filePrefix = "x2mx-" + ProcessHandle.current().pid() + "-";
        removeStaleFiles();
        this.core = new DriverCore(channel, new DriverContext().nackUnknownEndpoints(true)
            .errorHandler(error -> log.info("driver error: " + error)));
        this.conductor = new BackendConductor(core, channel, hasNic, log);
        conductor.start();
        this.acceptor = new Thread(this::accept, "backend-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a backend on an interface (raw socket, needs CAP_NET_RAW) or without a NIC.
     *
     * @param iface  the interface, or null for none (a board of MTU {@value #DETACHED_MTU} for co-located guests).
     * @param socket the control socket.
     * @param log    where the backend logs (attach, detach and why).
     * @return the running backend.
     * @throws BackendException one line, as the constructor.
     * @throws xen2mx.btl.mx.media.MediaException if the interface cannot be opened.
     */
    public static Backend start(final String iface, final Path socket, final PrintStream log)
    {
        final EthernetChannel channel = iface == null ? new DetachedChannel(DETACHED_MTU)
            : xen2mx.btl.mx.media.RawSocketChannel.open(iface);
        return new Backend(socket, channel, iface != null, log);
    }

    /** @return the control socket's path. */
    public Path socketPath()
    {
        return socketPath;
    }

    /** @return the board's interface name ({@code x2mx-local} without a NIC). */
    public String interfaceName()
    {
        return channel.interfaceName();
    }

    /** Stops accepting, detaches every guest, closes the board and releases the locks. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            server.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        conductor.stop();
        channel.close();
        try
        {
            Files.deleteIfExists(socketPath);
        }
        catch (final IOException ignored)
        {
            // the lock tells the next backend the socket is stale anyway
        }
        release(socketLock, interfaceLock, null);
    }

    /**
     * Removes the guest files of backends that died without cleaning up (killed with SIGKILL): files named
     * {@code x2mx-PID-g...} whose PID no longer runs.
     */
    private static void removeStaleFiles()
    {
        try (java.util.stream.Stream<Path> files = Files.list(SharedFile.DIRECTORY))
        {
            files.filter(Backend::isStale).forEach(file ->
            {
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final IOException ignored)
                {
                    // another backend swept it first
                }
            });
        }
        catch (final IOException ignored)
        {
            // nothing to sweep
        }
    }

    private static boolean isStale(final Path file)
    {
        final java.util.regex.Matcher name = STALE_NAME.matcher(file.getFileName().toString());
        return name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    /** @return this process's network namespace id (interfaces of one name live in many namespaces). */
    private static String networkNamespace()
    {
        try
        {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().replaceAll("[^0-9]", "");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "net";
        }
    }

    private static FileLock lock(final Path path, final String what)
    {
        try
        {
            final FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = file.tryLock();
            if (lock == null)
            {
                file.close();
                throw new BackendException("another backend already serves " + what);
            }
            return lock;
        }
        catch (final IOException ex)
        {
            throw new BackendException("cannot lock " + path + ": " + ex.getMessage());
        }
    }

    private static void release(final FileLock socketLock, final FileLock interfaceLock,
        final ServerSocketChannel server)
    {
        for (final FileLock lock : new FileLock[] {socketLock, interfaceLock})
        {
            if (lock != null)
            {
                try
                {
                    lock.channel().close();
                }
                catch (final IOException ignored)
                {
                    // released by the exit anyway
                }
            }
        }
        if (server != null)
        {
            try
            {
                server.close();
            }
            catch (final IOException ignored)
            {
                // not bound: nothing to undo
            }
        }
    }

    private void accept()
    {
        while (!closed)
        {
            try
            {
                final SocketChannel socket = server.accept();
                final Thread session = new Thread(() -> serve(new ControlChannel(socket)), "backend-guest");
                session.setDaemon(true);
                session.start();
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    log.info("accept failed: " + ex.getMessage());
                }
                return;
            }
        }
    }

    /** A guest's socket thread: HELLO, then requests until end-of-file, which detaches the guest. */
    private void serve(final ControlChannel control)
    {
        Guest guest = null;
        String reason = "its socket closed (the guest exited or died)";
        try
        {
            ByteBuffer message = control.receive();
            if (ControlChannel.op(message) != ControlChannel.HELLO)
            {
                throw new IOException("first message is not HELLO");
            }
            guest = hello(control, message);
            if (guest == null)
            {
                return;
            }
            while (!closed)
            {
                message = control.receive();
                answer(guest, control, message);
            }
        }
        catch (final EOFException ex)
        {
            // the liveness signal: the guest is gone
        }
        catch (final IOException | RuntimeException ex)
        {
            reason = "control socket: " + ex.getMessage();
        }
        finally
        {
            if (guest != null)
            {
                final Guest leaving = guest;
                final String why = reason;
                conductor.submit(() -> conductor.detach(leaving, why));
            }
            else
            {
                control.close();
            }
        }
    }

    private Guest hello(final ControlChannel control, final ByteBuffer message) throws IOException
    {
        final int version = message.getInt();
        final long pid = message.getLong();
        final long requested = message.getLong();
        if (version != ControlChannel.VERSION || requested < SegmentLayout.MIN_LENGTH
            || requested > SegmentLayout.MAX_LENGTH)
        {
            final ByteBuffer reply = control.begin(ControlChannel.HELLO);
            reply.putInt(1);
            ControlChannel.putText(reply, "refused: version " + version + " (backend speaks "
                + ControlChannel.VERSION + "), segment " + requested + " bytes (allowed " + SegmentLayout.MIN_LENGTH
                + ".." + SegmentLayout.MAX_LENGTH + ")");
            control.send();
            return null;
        }
        final DriverLimits limits = core.limits();
        final int recvSlotLength = Math.max(limits.sendQueueSlotLength(), DriverLimits.SMALL_LENGTH_MAX);
        final int id = nextGuest.incrementAndGet();
        final String base = filePrefix + "g" + id + "-";
        final Path commandPath = SharedFile.DIRECTORY.resolve(base + "commands");
        final Path eventPath = SharedFile.DIRECTORY.resolve(base + "events");
        final Path segmentPath = SharedFile.DIRECTORY.resolve(base + "segment");
        final Guest guest;
        try
        {
            guest = new Guest(id, pid, control,
                SharedFile.create(commandPath, SlotRing.fileLength(COMMAND_SLOTS, CommandDescriptor.SLOT_LENGTH)),
                COMMAND_SLOTS,
                SharedFile.create(eventPath, SlotRing.fileLength(EVENT_SLOTS, EventDescriptor.SLOT_LENGTH)),
                EVENT_SLOTS, SharedFile.create(segmentPath, requested), RECV_SLOTS, recvSlotLength,
                limits.endpointMax());
        }
        catch (final UncheckedIOException ex)
        {
            final ByteBuffer reply = control.begin(ControlChannel.HELLO);
            reply.putInt(2);
            ControlChannel.putText(reply, ex.getMessage() + ": " + ex.getCause().getMessage());
            control.send();
            return null;
        }
        call(() ->
        {
            conductor.addGuest(guest);
            return null;
        });
        final ByteBuffer reply = control.begin(ControlChannel.HELLO);
        reply.putInt(0);
        ControlChannel.putText(reply, "ok");
        reply.putInt(id).putLong(core.boardAddress()).putInt(limits.mtu()).putInt(limits.wireCompat() ? 1 : 0)
            .putInt(limits.endpointMax()).putInt(limits.peerMax()).putInt(limits.queueSlots()).putInt(COMMAND_SLOTS)
            .putInt(EVENT_SLOTS).putInt(RECV_SLOTS).putInt(recvSlotLength).putLong(requested);
        ControlChannel.putText(reply, channel.interfaceName());
        ControlChannel.putText(reply, commandPath.toString());
        ControlChannel.putText(reply, eventPath.toString());
        ControlChannel.putText(reply, segmentPath.toString());
        control.send();
        log.info("attached " + guest.name() + " on " + channel.interfaceName());
        return guest;
    }

    private void answer(final Guest guest, final ControlChannel control, final ByteBuffer message)
        throws IOException
    {
        switch (ControlChannel.op(message))
        {
            case ControlChannel.OPEN_ENDPOINT:
            {
                final int index = message.getInt();
                final long sendqOffset = message.getInt() & 0xFFFF_FFFFL;
                final int sendqLength = message.getInt();
                final Object[] result = call(() -> openEndpoint(guest, index, sendqOffset, sendqLength));
                final ByteBuffer reply = control.begin(ControlChannel.OPEN_ENDPOINT);
                reply.putInt(((DriverStatus)result[0]).ordinal());
                ControlChannel.putText(reply, (String)result[1]);
                reply.putInt((Integer)result[2]).putInt((Integer)result[3]);
                control.send();
                break;
            }
            case ControlChannel.PEER_INDEX:
            {
                final long address = message.getLong();
                final int index = call(() -> core.addPeer(address));
                control.begin(ControlChannel.PEER_INDEX).putInt(index);
                control.send();
                break;
            }
            case ControlChannel.PEER_ADDRESS:
            {
                final int index = message.getInt();
                final long address = call(() -> core.peers().address(index));
                control.begin(ControlChannel.PEER_ADDRESS).putLong(address < 0 ? -1L : address);
                control.send();
                break;
            }
            default:
                throw new IOException("unknown control op " + ControlChannel.op(message));
        }
    }

    private Object[] openEndpoint(final Guest guest, final int index, final long sendqOffset, final int sendqLength)
    {
        final ByteBuffer sendQueue = guest.segmentRange(sendqOffset, sendqLength);
        if (sendQueue == null || sendqLength < core.limits().queueSlots() * core.limits().sendQueueSlotLength())
        {
            guest.fail("send queue at segment offset " + sendqOffset + " length " + sendqLength
                + " is outside its segment or too short");
            return new Object[] {DriverStatus.BAD_PARAMETER, "send queue outside the segment", -1, 0};
        }
        final GuestEndpoint owner = new GuestEndpoint(guest, sendQueue.order(ByteOrder.BIG_ENDIAN));
        try
        {
            final CoreEndpoint endpoint = core.openEndpoint(index, owner);
            owner.core(endpoint);
            guest.endpoint(endpoint.index(), owner);
            return new Object[] {DriverStatus.SUCCESS, "ok", endpoint.index(), endpoint.sessionId()};
        }
        catch (final DriverException ex)
        {
            return new Object[] {ex.status(), ex.getMessage(), -1, 0};
        }
    }

    private <T> T call(final java.util.concurrent.Callable<T> task) throws IOException
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        conductor.submit(() ->
        {
            try
            {
                result.complete(task.call());
            }
            catch (final Exception ex)
            {
                result.completeExceptionally(ex);
            }
        });
        try
        {
            return result.get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("backend request failed: " + ex);
        }
    }
}
