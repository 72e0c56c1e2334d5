package xen2mx.btl.mx.frontend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverException;
import xen2mx.btl.mx.driver.DriverLimits;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.pv.CommandDescriptor;
import xen2mx.btl.mx.pv.ControlChannel;
import xen2mx.btl.mx.pv.EventDescriptor;
import xen2mx.btl.mx.pv.SegmentLayout;
import xen2mx.btl.mx.pv.SharedFile;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * The paravirtual driver (Xen2MX's frontend): the MX library's {@link Driver} in a guest that has no network access.
 * It attaches to the host's backend over a UNIX domain socket, maps the guest's command ring, event ring and segment
 * that the backend created, and turns every driver command into a command-ring slot. Its single board is the
 * backend's board: guest endpoints are shadow endpoints of the host's NIC, and the peer table is the backend's.
 *
 * <h2>Where user data travels (copies)</h2>
 * <ul>
 *   <li>Tiny and small sends: inline in the command slot (one copy in), then into the frame by the backend.</li>
 *   <li>Medium sends: the library copies each fragment into {@link DriverEndpoint#sendQueue()}, which here is a range
 *   of the segment; the backend builds the frame straight from it (no further guest-side copy).</li>
 *   <li>Received payloads: the backend writes them into a receive slot of the segment; a polling handler reads them
 *   there (the MX library copies into the user's buffer, as in native mode).</li>
 *   <li>Large messages: regions are ranges of the segment. The user's bytes are copied into the range when a RNDV
 *   names the region (once per region), and a pull's bytes are copied out to the user's buffers when its PULL_DONE
 *   arrives; the backend reads and writes only the segment. This is one copy more on each side than native mode,
 *   the price of a guest whose heap the backend may not touch (Xen2MX pinned and granted the user's pages
 *   instead).</li>
 * </ul>
 *
 * <p>Commands are asynchronous: what can be checked here (lengths, peers, regions, queue room) is checked before the
 * slot is written, so the returned status is the one the native driver would give; what the backend refuses later
 * still yields the one expected event a medium fragment or pull promises. When the backend dies, the control socket's
 * end-of-file makes every call fail with a {@link BtlException} naming the socket (within the reply timeout of
 * {@value #GONE_SECONDS} s at worst).
 */
public final class FrontendDriver implements Driver
{
    /** Bound on how long the death of the backend can go unnoticed. */
    static final int GONE_SECONDS = 5;

    private final int guestId;
    private final BackendConnection connection;
    private final BackendProxy proxy;
    private final BackendEventsAdapter events;
    private final SharedFile commandFile;
    private final SharedFile eventFile;
    private final SharedFile segmentFile;
    private final ByteBuffer segment;
    private final SegmentAllocator allocator;
    private final DriverLimits limits;
    private final long boardAddress;
    private final String interfaceName;
    private final FrontendEndpoint[] endpoints;
    private final ConcurrentHashMap<Integer, Long> peerAddresses = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private FrontendDriver(final BackendConnection connection, final ByteBuffer hello)
    {
        this.connection = connection;
        this.guestId = hello.getInt();
        this.boardAddress = hello.getLong();
        final int mtu = hello.getInt();
        final boolean wireCompat = hello.getInt() != 0;
        final int endpointMax = hello.getInt();
        final int peerMax = hello.getInt();
        final int queueSlots = hello.getInt();
        final int commandSlots = hello.getInt();
        final int eventSlots = hello.getInt();
        final int recvSlots = hello.getInt();
        final int recvSlotLength = hello.getInt();
        final long segmentLength = hello.getLong();
        this.interfaceName = ControlChannel.getText(hello);
        final Path commandPath = Path.of(ControlChannel.getText(hello));
        final Path eventPath = Path.of(ControlChannel.getText(hello));
        final Path segmentPath = Path.of(ControlChannel.getText(hello));
        this.limits = new DriverLimits(mtu, wireCompat, endpointMax, peerMax, queueSlots);
        this.commandFile = SharedFile.map(commandPath,
            SlotRing.fileLength(commandSlots, CommandDescriptor.SLOT_LENGTH));
        this.eventFile = SharedFile.map(eventPath, SlotRing.fileLength(eventSlots, EventDescriptor.SLOT_LENGTH));
        this.segmentFile = SharedFile.map(segmentPath, segmentLength);
        this.segment = segmentFile.mapping().duplicate().order(ByteOrder.nativeOrder());
        this.allocator = new SegmentAllocator(SegmentLayout.allocatableStart(recvSlots, recvSlotLength),
            segmentLength);
        this.proxy = new BackendProxy(new SlotRing(commandFile.buffer(), commandSlots,
            CommandDescriptor.SLOT_LENGTH, true), connection);
        this.events = new BackendEventsAdapter(this, new SlotRing(eventFile.buffer(), eventSlots,
            EventDescriptor.SLOT_LENGTH, false), segment, recvSlotLength);
        this.endpoints = new FrontendEndpoint[endpointMax];
        connection.start(this::onBackendGone);
    }

    /**
     * Attaches to the backend listening on {@code socket} with a segment of the default length.
     *
     * @param socket the backend's control socket.
     * @return the driver.
     * @throws BtlException one line if no backend answers or it refuses the guest.
     */
    public static FrontendDriver attach(final Path socket)
    {
        return attach(socket, SegmentLayout.DEFAULT_LENGTH);
    }

    /**
     * @param socket        the backend's control socket.
     * @param segmentLength bytes of the guest's segment (sparse), {@link SegmentLayout#MIN_LENGTH} ..
     *                      {@link SegmentLayout#MAX_LENGTH}.
     * @return the driver.
     * @throws BtlException one line if no backend answers or it refuses the guest.
     */
    public static FrontendDriver attach(final Path socket, final long segmentLength)
    {
        final BackendConnection connection = BackendConnection.connect(socket);
        try
        {
            final ControlChannel channel = connection.channel();
            channel.begin(ControlChannel.HELLO).putInt(ControlChannel.VERSION).putLong(ProcessHandle.current().pid())
                .putLong(segmentLength);
            channel.send();
            final ByteBuffer reply = channel.receive();
            if (reply.getInt() != 0)
            {
                throw new BtlException("xen2mx: the backend on " + socket + " refused this guest: "
                    + ControlChannel.getText(reply));
            }
            ControlChannel.getText(reply);
            return new FrontendDriver(connection, reply);
        }
        catch (final IOException | RuntimeException ex)
        {
            connection.close();
            if (ex instanceof BtlException btl)
            {
                throw btl;
            }
            throw new BtlException("xen2mx: cannot attach to the backend on " + socket + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public int boardCount()
    {
        return 1;
    }

    @Override
    public long boardAddress(final int board)
    {
        checkBoard(board);
        return boardAddress;
    }

    @Override
    public String interfaceName(final int board)
    {
        checkBoard(board);
        return interfaceName + " (paravirtual, backend " + connection.path() + ")";
    }

    @Override
    public DriverLimits limits(final int board)
    {
        checkBoard(board);
        return limits;
    }

    @Override
    public int peerIndex(final long address)
    {
        final ByteBuffer reply = connection.request(ControlChannel.PEER_INDEX, request -> request.putLong(address));
        final int index = reply.getInt();
        if (index >= 0)
        {
            peerAddresses.put(index, address);
        }
        return index < 0 ? NO_PEER : index;
    }

    @Override
    public long peerAddress(final int peerIndex)
    {
        final Long known = peerAddresses.get(peerIndex);
        if (known != null)
        {
            return known;
        }
        if (peerIndex < 0 || peerIndex >= limits.peerMax())
        {
            return NO_ADDRESS;
        }
        final ByteBuffer reply = connection.request(ControlChannel.PEER_ADDRESS, request -> request.putInt(peerIndex));
        final long address = reply.getLong();
        if (address >= 0)
        {
            peerAddresses.put(peerIndex, address);
        }
        return address < 0 ? NO_ADDRESS : address;
    }

    /**
     * @param peerIndex a peer index from the library.
     * @return true if the backend's peer table has it (asked once, then remembered: indexes never change).
     */
    boolean knownPeer(final int peerIndex)
    {
        return peerAddresses.containsKey(peerIndex) || peerAddress(peerIndex) != NO_ADDRESS;
    }

    @Override
    public DriverEndpoint openEndpoint(final int board, final int endpointIndex) throws DriverException
    {
        if (board != 0)
        {
            throw new DriverException(DriverStatus.BAD_BOARD, "no board " + board + " (the frontend has one)");
        }
        if (closed)
        {
            throw new DriverException(DriverStatus.CLOSED, "the driver is closed");
        }
        final int sendqLength = limits.queueSlots() * limits.sendQueueSlotLength();
        final long sendqOffset = allocator.allocate(sendqLength);
        if (sendqOffset < 0)
        {
            throw new DriverException(DriverStatus.NO_RESOURCES, "the segment has no room for a send queue");
        }
        final ByteBuffer reply = connection.request(ControlChannel.OPEN_ENDPOINT, request -> request
            .putInt(endpointIndex).putInt((int)sendqOffset).putInt(sendqLength));
        final DriverStatus status = DriverStatus.values()[reply.getInt()];
        final String message = ControlChannel.getText(reply);
        final int index = reply.getInt();
        final int session = reply.getInt();
        if (status != DriverStatus.SUCCESS)
        {
            allocator.free(sendqOffset, sendqLength);
            throw new DriverException(status, message);
        }
        final FrontendEndpoint endpoint = new FrontendEndpoint(this, index, session,
            segment.slice((int)sendqOffset, sendqLength), sendqOffset, sendqLength);
        endpoints[index] = endpoint;
        return endpoint;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final FrontendEndpoint endpoint : endpoints)
        {
            if (endpoint != null)
            {
                endpoint.close();
            }
        }
        connection.close();
    }

    /** @return the number the backend gave this guest (its shared files carry it). */
    public int guestId()
    {
        return guestId;
    }

    /** @return the socket of the backend this driver is attached to. */
    public Path backendSocket()
    {
        return connection.path();
    }

    FrontendEndpoint endpoint(final int index)
    {
        return index >= 0 && index < endpoints.length ? endpoints[index] : null;
    }

    void onEndpointClosed(final FrontendEndpoint endpoint)
    {
        if (endpoints[endpoint.endpointIndex()] == endpoint)
        {
            endpoints[endpoint.endpointIndex()] = null;
        }
        endpoint.releaseSendQueue();
    }

    BackendConnection connection()
    {
        return connection;
    }

    BackendProxy proxy()
    {
        return proxy;
    }

    BackendEventsAdapter events()
    {
        return events;
    }

    ByteBuffer segment()
    {
        return segment;
    }

    SegmentAllocator allocator()
    {
        return allocator;
    }

    DriverLimits limits()
    {
        return limits;
    }

    private void onBackendGone()
    {
        events.ring().ring(); // sleepers in await wake and see the failure
        for (final FrontendEndpoint endpoint : endpoints)
        {
            if (endpoint != null)
            {
                endpoint.signal();
            }
        }
    }

    private static void checkBoard(final int board)
    {
        if (board != 0)
        {
            throw new IllegalArgumentException("no board " + board + " (the frontend has one)");
        }
    }
}
