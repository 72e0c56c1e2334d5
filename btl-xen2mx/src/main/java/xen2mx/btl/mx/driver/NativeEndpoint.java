package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link DriverEndpoint} of the {@link NativeDriver}: commands run the shared {@link DriverCore} under the
 * driver's lock; events arrive in an in-process {@link EventQueue}.
 */
final class NativeEndpoint implements DriverEndpoint
{
    private static final long SPIN_NANOS = 50_000L;
    private static final long MAX_SLEEP_NANOS = 1_000_000L;

    private final NativeDriver driver;
    private final DriverCore core;
    private final CoreEndpoint endpoint;
    private final EventQueue queue;
    private final ByteBuffer sendQueue;
    private final CountersFile countersFile;
    private final AtomicBoolean wakeup = new AtomicBoolean();
    private volatile boolean closed;
    private int lastPollWork;

    NativeEndpoint(
        final NativeDriver driver,
        final DriverCore core,
        final CoreEndpoint endpoint,
        final EventQueue queue,
        final ByteBuffer sendQueue,
        final CountersFile countersFile)
    {
        this.driver = driver;
        this.core = core;
        this.endpoint = endpoint;
        this.queue = queue;
        this.sendQueue = sendQueue;
        this.countersFile = countersFile;
    }

    @Override
    public ByteBuffer statisticsArea()
    {
        return countersFile == null ? null : countersFile.area();
    }

    @Override
    public int board()
    {
        return 0;
    }

    @Override
    public int endpointIndex()
    {
        return endpoint.index();
    }

    @Override
    public int sessionId()
    {
        return endpoint.sessionId();
    }

    @Override
    public DriverLimits limits()
    {
        return core.limits();
    }

    @Override
    public ByteBuffer sendQueue()
    {
        return sendQueue;
    }

    @Override
    public DriverStatus sendTiny(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final ByteBuffer payload)
    {
        Objects.requireNonNull(payload, "payload");
        driver.lock();
        try
        {
            return core.sendEager(endpoint, false, peerIndex, destEndpoint, sessionId, seqnum, piggyack, matchInfo,
                payload);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendSmall(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final ByteBuffer payload)
    {
        Objects.requireNonNull(payload, "payload");
        driver.lock();
        try
        {
            return core.sendEager(endpoint, true, peerIndex, destEndpoint, sessionId, seqnum, piggyack, matchInfo,
                payload);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendMediumFragment(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final int messageLength,
        final int fragmentSeqnum,
        final int sendqOffset,
        final int fragmentLength)
    {
        driver.lock();
        try
        {
            return core.sendMediumFragment(endpoint, peerIndex, destEndpoint, sessionId, seqnum, piggyack, matchInfo,
                messageLength, fragmentSeqnum, sendQueue, sendqOffset, fragmentLength);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendRndv(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final int messageLength,
        final int pulledRegionId,
        final int pulledRegionSeqnum)
    {
        driver.lock();
        try
        {
            return core.sendRndv(endpoint, peerIndex, destEndpoint, sessionId, seqnum, piggyack, matchInfo,
                messageLength, pulledRegionId, pulledRegionSeqnum);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus pull(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int length,
        final int pullerRegionId,
        final int pulledRegionId,
        final int pulledRegionSeqnum,
        final int pulledRegionOffset,
        final int timeoutMillis,
        final long cookie)
    {
        driver.lock();
        try
        {
            return core.pull(endpoint, peerIndex, destEndpoint, sessionId, length, pullerRegionId, pulledRegionId,
                pulledRegionSeqnum, pulledRegionOffset, timeoutMillis, cookie);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendNotify(
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final int totalLength,
        final int pulledRegionId,
        final int pulledRegionSeqnum)
    {
        driver.lock();
        try
        {
            return core.sendNotify(endpoint, peerIndex, destEndpoint, sessionId, seqnum, piggyack, totalLength,
                pulledRegionId, pulledRegionSeqnum);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendConnectRequest(
        final int peerIndex,
        final int destEndpoint,
        final int appKey,
        final int targetRecvSeqnumStart,
        final int connectSeqnum)
    {
        driver.lock();
        try
        {
            return core.sendConnect(endpoint, peerIndex, destEndpoint, false, endpoint.sessionId(), 0, appKey,
                targetRecvSeqnumStart, connectSeqnum, 0);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendConnectReply(
        final int peerIndex,
        final int destEndpoint,
        final int requesterSessionId,
        final int targetRecvSeqnumStart,
        final int connectSeqnum,
        final int connectStatus)
    {
        driver.lock();
        try
        {
            return core.sendConnect(endpoint, peerIndex, destEndpoint, true, requesterSessionId, endpoint.sessionId(),
                0, targetRecvSeqnumStart, connectSeqnum, connectStatus);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus sendLiback(
        final int peerIndex, final int destEndpoint, final int sessionId, final int ackUpTo, final int acknum)
    {
        driver.lock();
        try
        {
            return core.sendLiback(endpoint, peerIndex, destEndpoint, sessionId, ackUpTo, acknum);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus createRegion(final int regionId, final ByteBuffer memory)
    {
        Objects.requireNonNull(memory, "memory");
        driver.lock();
        try
        {
            return core.createRegion(endpoint, regionId, Region.of(memory));
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus createRegion(final int regionId, final ByteBuffer[] segments, final int count)
    {
        Objects.requireNonNull(segments, "segments");
        if (count < 1 || count > segments.length)
        {
            return DriverStatus.BAD_PARAMETER;
        }
        for (int i = 0; i < count; i++)
        {
            Objects.requireNonNull(segments[i], "segment");
        }
        final Region region = Region.of(segments, count);
        if (region == null)
        {
            return DriverStatus.BAD_LENGTH;
        }
        driver.lock();
        try
        {
            return core.createRegion(endpoint, regionId, region);
        }
        finally
        {
            driver.unlock();
        }
    }

    @Override
    public DriverStatus destroyRegion(final int regionId)
    {
        driver.lock();
        try
        {
            return core.destroyRegion(endpoint, regionId);
        }
        finally
        {
            driver.unlock();
        }
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
        lastPollWork = 0;
        if (delivered < max)
        {
            queue.deliverDirectly(handler, max - delivered); // frames the duty cycle takes skip the receive queue
            try
            {
                lastPollWork = driver.progress();
            }
            finally
            {
                delivered += queue.stopDirect();
            }
        }
        return delivered + queue.poll(handler, max - delivered);
    }

    @Override
    public int lastPollWork()
    {
        return lastPollWork;
    }

    @Override
    public WaitResult await(final long timeoutNanos)
    {
        final long start = System.nanoTime();
        final long deadline = start + Math.max(0, timeoutNanos);
        queue.waiter(Thread.currentThread());
        try
        {
            while (true)
            {
                final WaitResult ready = check();
                if (ready != null)
                {
                    return ready;
                }
                final int work = driver.progress();
                final WaitResult afterWork = check();
                if (afterWork != null)
                {
                    return afterWork;
                }
                final long now = System.nanoTime();
                final long remaining = deadline - now;
                if (remaining <= 0)
                {
                    return WaitResult.TIMEOUT;
                }
                if (work > 0 || now - start < SPIN_NANOS)
                {
                    Thread.onSpinWait(); // poll first
                }
                else if (!driver.sleepOnLink(Math.min(remaining, MAX_SLEEP_NANOS)))
                {
                    LockSupport.parkNanos(this, Math.min(remaining, MAX_SLEEP_NANOS)); // sleep later
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
        queue.signal();
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
        driver.closeEndpoint(this);
        queue.signal();
        unpublish();
    }

    /** @return the core's endpoint. */
    CoreEndpoint coreEndpoint()
    {
        return endpoint;
    }

    /** Marks closed without telling the core (the driver closes the core itself). */
    void markClosed()
    {
        closed = true;
        queue.signal();
        unpublish();
    }

    private void unpublish()
    {
        if (countersFile != null)
        {
            countersFile.close();
        }
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
