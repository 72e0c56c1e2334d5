package xen2mx.btl.mx.frontend;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.DriverEventHandler;
import xen2mx.btl.mx.driver.DriverLimits;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.driver.EventQueue;
import xen2mx.btl.mx.driver.EventType;
import xen2mx.btl.mx.driver.PullStatus;
import xen2mx.btl.mx.driver.WaitResult;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.pv.CommandDescriptor;
import xen2mx.btl.mx.pv.Futex;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * A guest endpoint of the {@link FrontendDriver}: commands are checked here as the driver core would check them, then
 * posted into the command ring; events arrive from the event ring into an in-process {@link EventQueue} (or straight
 * to the polling handler). See {@link DriverEndpoint} for the contract, {@link FrontendDriver} for the copies.
 *
 * <p>Waiting: {@link #await} drains and polls for {@value #SPIN_NANOS} ns, then sleeps on the event ring's futex
 * (the backend rings it after publishing an event while a guest thread sleeps), at most {@value #SLEEP_MAX_NANOS} ns
 * at a time. A {@link #poll} that finds nothing yields the processor: the backend is a third party that needs a core
 * to answer, and guests spinning in their MPI waits on a host with few cores starved it (2 ranks and a backend on 2
 * cores: round trips of a millisecond, one scheduler slice, instead of tens of microseconds). When the backend is
 * gone, {@link #poll} and {@link #await} throw a {@link BtlException} naming its
 * socket, and commands answer {@link DriverStatus#CLOSED}.
 */
final class FrontendEndpoint implements DriverEndpoint
{
    private static final long SPIN_NANOS = 50_000L;
    private static final long SLEEP_MAX_NANOS = 100_000_000L;

    private final FrontendDriver driver;
    private final int index;
    private final int sessionId;
    private final ByteBuffer sendQueue;
    private final long sendqOffset;
    private final int sendqLength;
    private final DriverLimits limits;
    private final BackendProxy proxy;
    private final EventQueue queue;
    private final FrontendRegion[] regions = new FrontendRegion[DriverLimits.REGION_MAX];
    private final AtomicBoolean wakeup = new AtomicBoolean();
    private final ThreadLocal<Futex> futexes = ThreadLocal.withInitial(Futex::new);
    /** Regions destroyed here whose segment range the backend has not yet given back, by id (FIFO per id). */
    private final java.util.ArrayDeque<FrontendRegion>[] destroying = newQueues();
    private volatile boolean closed;

    FrontendEndpoint(final FrontendDriver driver, final int index, final int sessionId, final ByteBuffer sendQueue,
        final long sendqOffset, final int sendqLength)
    {
        this.driver = driver;
        this.index = index;
        this.sessionId = sessionId;
        this.sendQueue = sendQueue;
        this.sendqOffset = sendqOffset;
        this.sendqLength = sendqLength;
        this.limits = driver.limits();
        this.proxy = driver.proxy();
        this.queue = new EventQueue(limits.queueSlots(),
            Math.max(limits.sendQueueSlotLength(), DriverLimits.SMALL_LENGTH_MAX));
    }

    @Override
    public int board()
    {
        return 0;
    }

    @Override
    public int endpointIndex()
    {
        return index;
    }

    @Override
    public int sessionId()
    {
        return sessionId;
    }

    @Override
    public DriverLimits limits()
    {
        return limits;
    }

    @Override
    public ByteBuffer sendQueue()
    {
        return sendQueue;
    }

    @Override
    public DriverStatus sendTiny(final int peerIndex, final int destEndpoint, final int session, final int seqnum,
        final int piggyack, final long matchInfo, final ByteBuffer payload)
    {
        return sendEager(CommandDescriptor.SEND_TINY, DriverLimits.TINY_LENGTH_MAX, peerIndex, destEndpoint, session,
            seqnum, piggyack, matchInfo, payload);
    }

    @Override
    public DriverStatus sendSmall(final int peerIndex, final int destEndpoint, final int session, final int seqnum,
        final int piggyack, final long matchInfo, final ByteBuffer payload)
    {
        return sendEager(CommandDescriptor.SEND_SMALL, DriverLimits.SMALL_LENGTH_MAX, peerIndex, destEndpoint,
            session, seqnum, piggyack, matchInfo, payload);
    }

    private DriverStatus sendEager(final int type, final int max, final int peerIndex, final int destEndpoint,
        final int session, final int seqnum, final int piggyack, final long matchInfo, final ByteBuffer payload)
    {
        Objects.requireNonNull(payload, "payload");
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (payload.remaining() > max)
        {
            return DriverStatus.BAD_LENGTH;
        }
        return posted(proxy.post(type, index, peerIndex, destEndpoint, session, seqnum, piggyack, matchInfo,
            0, 0, 0, 0, 0, 0, payload));
    }

    @Override
    public DriverStatus sendMediumFragment(final int peerIndex, final int destEndpoint, final int session,
        final int seqnum, final int piggyack, final long matchInfo, final int messageLength,
        final int fragmentSeqnum, final int offset, final int fragmentLength)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        final int fragmentMax = limits.mediumFragmentLength();
        if (messageLength < 0 || messageLength > limits.mediumLengthMax() || fragmentLength < 0
            || fragmentLength > fragmentMax)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (fragmentSeqnum < 0 || fragmentSeqnum >= limits.mediumFragmentsMax()
            || (long)fragmentSeqnum * fragmentMax + fragmentLength > messageLength
            || offset < 0 || (long)offset + fragmentLength > sendQueue.capacity())
        {
            return DriverStatus.BAD_PARAMETER;
        }
        if (!reserve())
        {
            return DriverStatus.NO_RESOURCES;
        }
        if (!proxy.post(CommandDescriptor.SEND_MEDIUM_FRAG, index, peerIndex, destEndpoint, session, seqnum,
            piggyack, matchInfo, messageLength, fragmentSeqnum, offset, fragmentLength, 0, 0, null))
        {
            unreserve();
            return DriverStatus.CLOSED;
        }
        return DriverStatus.SUCCESS;
    }

    @Override
    public DriverStatus sendRndv(final int peerIndex, final int destEndpoint, final int session, final int seqnum,
        final int piggyack, final long matchInfo, final int messageLength, final int pulledRegionId,
        final int pulledRegionSeqnum)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (messageLength < 0)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        final FrontendRegion region = regions[pulledRegionId];
        if (region != null)
        {
            region.fill(driver.segment()); // the backend answers PULLs from the segment only
        }
        return posted(proxy.post(CommandDescriptor.SEND_RNDV, index, peerIndex, destEndpoint, session, seqnum,
            piggyack, matchInfo, messageLength, pulledRegionId, pulledRegionSeqnum, 0, 0, 0, null));
    }

    @Override
    public DriverStatus pull(final int peerIndex, final int destEndpoint, final int session, final int length,
        final int pullerRegionId, final int pulledRegionId, final int pulledRegionSeqnum,
        final int pulledRegionOffset, final int timeoutMillis, final long cookie)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (pullerRegionId < 0 || pullerRegionId >= DriverLimits.REGION_MAX || regions[pullerRegionId] == null
            || pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        if (length < 0 || length > regions[pullerRegionId].length || pulledRegionOffset < 0 || timeoutMillis < 0)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (!reserve())
        {
            return DriverStatus.NO_RESOURCES;
        }
        if (!proxy.post(CommandDescriptor.PULL, index, peerIndex, destEndpoint, session, 0, 0, cookie, length,
            pullerRegionId, pulledRegionId, pulledRegionSeqnum, pulledRegionOffset, timeoutMillis, null))
        {
            unreserve();
            return DriverStatus.CLOSED;
        }
        return DriverStatus.SUCCESS;
    }

    @Override
    public DriverStatus sendNotify(final int peerIndex, final int destEndpoint, final int session, final int seqnum,
        final int piggyack, final int totalLength, final int pulledRegionId, final int pulledRegionSeqnum)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (totalLength < 0)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        return posted(proxy.post(CommandDescriptor.SEND_NOTIFY, index, peerIndex, destEndpoint, session, seqnum,
            piggyack, 0, totalLength, pulledRegionId, pulledRegionSeqnum, 0, 0, 0, null));
    }

    @Override
    public DriverStatus sendConnectRequest(final int peerIndex, final int destEndpoint, final int appKey,
        final int targetRecvSeqnumStart, final int connectSeqnum)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        return posted(proxy.post(CommandDescriptor.SEND_CONNECT_REQUEST, index, peerIndex, destEndpoint, 0, 0, 0, 0,
            appKey, targetRecvSeqnumStart, connectSeqnum, 0, 0, 0, null));
    }

    @Override
    public DriverStatus sendConnectReply(final int peerIndex, final int destEndpoint, final int requesterSessionId,
        final int targetRecvSeqnumStart, final int connectSeqnum, final int connectStatus)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (connectStatus != CONNECT_STATUS_SUCCESS && connectStatus != CONNECT_STATUS_BAD_KEY)
        {
            return DriverStatus.BAD_PARAMETER;
        }
        return posted(proxy.post(CommandDescriptor.SEND_CONNECT_REPLY, index, peerIndex, destEndpoint,
            requesterSessionId, 0, 0, 0, 0, targetRecvSeqnumStart, connectSeqnum, connectStatus, 0, 0, null));
    }

    @Override
    public DriverStatus sendLiback(final int peerIndex, final int destEndpoint, final int session, final int ackUpTo,
        final int acknum)
    {
        final DriverStatus check = checkDestination(peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        return posted(proxy.post(CommandDescriptor.SEND_LIBACK, index, peerIndex, destEndpoint, session, 0, 0, 0,
            ackUpTo, acknum, 0, 0, 0, 0, null));
    }

    @Override
    public DriverStatus createRegion(final int regionId, final ByteBuffer memory)
    {
        Objects.requireNonNull(memory, "memory");
        return createRegion(regionId, new ByteBuffer[] {memory}, 1);
    }

    @Override
    public DriverStatus createRegion(final int regionId, final ByteBuffer[] segments, final int count)
    {
        Objects.requireNonNull(segments, "segments");
        if (count < 1 || count > segments.length)
        {
            return DriverStatus.BAD_PARAMETER;
        }
        final ByteBuffer[] user = new ByteBuffer[count];
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            user[i] = Objects.requireNonNull(segments[i], "segment").slice();
            total += user[i].remaining();
        }
        if (total > Integer.MAX_VALUE)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (closed || driver.connection().failure() != null)
        {
            return DriverStatus.CLOSED;
        }
        if (regionId < 0 || regionId >= DriverLimits.REGION_MAX || regions[regionId] != null)
        {
            return DriverStatus.BAD_REGION;
        }
        long offset = driver.allocator().allocate(total);
        if (offset < 0)
        {
            driver.events().drain(Integer.MAX_VALUE); // destroyed regions come back with their events
            offset = driver.allocator().allocate(total);
            if (offset < 0)
            {
                return DriverStatus.NO_RESOURCES;
            }
        }
        final FrontendRegion region = new FrontendRegion(user, offset, (int)total);
        regions[regionId] = region;
        if (!proxy.post(CommandDescriptor.CREATE_REGION, index, 0, 0, 0, 0, 0, 0, regionId, (int)offset,
            (int)total, 0, 0, 0, null))
        {
            regions[regionId] = null;
            driver.allocator().free(offset, total);
            return DriverStatus.CLOSED;
        }
        return DriverStatus.SUCCESS;
    }

    @Override
    public DriverStatus destroyRegion(final int regionId)
    {
        if (closed || driver.connection().failure() != null)
        {
            return DriverStatus.CLOSED;
        }
        if (regionId < 0 || regionId >= DriverLimits.REGION_MAX || regions[regionId] == null)
        {
            return DriverStatus.BAD_REGION;
        }
        final FrontendRegion region = regions[regionId];
        regions[regionId] = null;
        pendingFree(regionId, region); // before the command: its REGION_DESTROYED may come back at once
        return posted(proxy.post(CommandDescriptor.DESTROY_REGION, index, 0, 0, 0, 0, 0, 0, regionId, 0, 0, 0, 0,
            0, null));
    }

    @SuppressWarnings("unchecked")
    private static java.util.ArrayDeque<FrontendRegion>[] newQueues()
    {
        final java.util.ArrayDeque<FrontendRegion>[] queues = new java.util.ArrayDeque[DriverLimits.REGION_MAX];
        for (int i = 0; i < queues.length; i++)
        {
            queues[i] = new java.util.ArrayDeque<>();
        }
        return queues;
    }

    private void pendingFree(final int regionId, final FrontendRegion region)
    {
        synchronized (destroying)
        {
            destroying[regionId].add(region);
        }
    }

    /** The backend no longer touches the oldest destroyed region with this id: its range is free. Drainer thread. */
    void onRegionDestroyed(final int regionId)
    {
        if (regionId < 0 || regionId >= DriverLimits.REGION_MAX)
        {
            return;
        }
        final FrontendRegion region;
        synchronized (destroying)
        {
            region = destroying[regionId].poll();
        }
        if (region != null)
        {
            driver.allocator().free(region.offset, region.length);
        }
    }

    /** An expected event from the ring: finish the frontend's part, then queue it. Drainer thread. */
    void onExpected(final DriverEvent event)
    {
        if (event.type() == EventType.PULL_DONE && event.status() == PullStatus.SUCCESS)
        {
            final int id = event.regionId();
            final FrontendRegion region = id >= 0 && id < regions.length ? regions[id] : null;
            if (region != null)
            {
                region.drain(driver.segment(), event.messageLength());
            }
        }
        synchronized (queue)
        {
            queue.postExpected(event);
        }
    }

    /** An unexpected event from the ring. Drainer thread. */
    void onUnexpected(final DriverEvent event, final ByteBuffer payload, final int at, final int length)
    {
        queue.offerUnexpected(event, payload, at, length);
    }

    @Override
    public int poll(final DriverEventHandler handler, final int maxEvents)
    {
        Objects.requireNonNull(handler, "handler");
        if (closed)
        {
            return 0;
        }
        final int max = Math.max(1, maxEvents);
        int delivered = queue.poll(handler, max);
        if (delivered < max)
        {
            queue.deliverDirectly(handler, max - delivered); // events for us drained by this thread skip the queue
            try
            {
                driver.events().drain(max);
            }
            finally
            {
                delivered += queue.stopDirect();
            }
            delivered += queue.poll(handler, max - delivered);
        }
        if (delivered == 0)
        {
            driver.connection().checkAlive();
            Thread.yield(); // the backend needs a core to answer: on few cores, spinning guests starve it
        }
        return delivered;
    }

    @Override
    public WaitResult await(final long timeoutNanos)
    {
        final long start = System.nanoTime();
        final long deadline = start + Math.max(0, timeoutNanos);
        final SlotRing ring = driver.events().ring();
        queue.waiter(Thread.currentThread());
        try
        {
            while (true)
            {
                WaitResult ready = check();
                if (ready != null)
                {
                    return ready;
                }
                driver.events().drain(Integer.MAX_VALUE);
                ready = check();
                if (ready != null)
                {
                    return ready;
                }
                driver.connection().checkAlive();
                final long now = System.nanoTime();
                final long remaining = deadline - now;
                if (remaining <= 0)
                {
                    return WaitResult.TIMEOUT;
                }
                if (now - start < SPIN_NANOS)
                {
                    Thread.onSpinWait();
                    continue;
                }
                final int doorbell = ring.prepareSleep();
                try
                {
                    if (ring.available() == 0 && check() == null)
                    {
                        ring.sleep(futexes.get(), doorbell, Math.min(remaining, SLEEP_MAX_NANOS));
                    }
                }
                finally
                {
                    ring.awake();
                }
            }
        }
        finally
        {
            queue.waiter(null);
        }
    }

    @Override
    public void wakeup()
    {
        wakeup.set(true);
        signal();
    }

    /** Wakes whoever waits on this endpoint (in the queue, or asleep on the event ring's futex). */
    void signal()
    {
        queue.signal();
        driver.events().ring().ring();
    }

    @Override
    public boolean isClosed()
    {
        return closed;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (driver.connection().failure() == null)
        {
            proxy.post(CommandDescriptor.CLOSE_ENDPOINT, index, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
        }
        signal();
    }

    /** The backend closed the endpoint: its send queue's range is free. */
    void releaseSendQueue()
    {
        driver.allocator().free(sendqOffset, sendqLength);
    }

    private boolean reserve()
    {
        synchronized (queue)
        {
            return queue.reserveExpected();
        }
    }

    private void unreserve()
    {
        synchronized (queue)
        {
            queue.releaseExpected();
        }
    }

    private DriverStatus checkDestination(final int peerIndex, final int destEndpoint)
    {
        if (closed || driver.connection().failure() != null)
        {
            return DriverStatus.CLOSED;
        }
        if (destEndpoint < 0 || destEndpoint >= MxoeFrameDescriptor.ENDPOINT_INDEX_MAX)
        {
            return DriverStatus.BAD_ENDPOINT;
        }
        if (!driver.knownPeer(peerIndex))
        {
            return DriverStatus.BAD_PEER;
        }
        return DriverStatus.SUCCESS;
    }

    private static DriverStatus posted(final boolean posted)
    {
        return posted ? DriverStatus.SUCCESS : DriverStatus.CLOSED;
    }

    private WaitResult check()
    {
        if (closed)
        {
            return WaitResult.CLOSED;
        }
        if (wakeup.getAndSet(false))
        {
            return WaitResult.WAKEUP;
        }
        return queue.hasEvents() ? WaitResult.EVENTS : null;
    }
}
