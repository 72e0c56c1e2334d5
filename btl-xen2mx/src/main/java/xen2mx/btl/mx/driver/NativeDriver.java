package xen2mx.btl.mx.driver;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;

/**
 * The native driver: the {@link DriverCore} over one {@link EthernetChannel} inside the rank's process (Open-MX
 * without virtualisation). One board (index 0), the channel's interface.
 *
 * <pre>
 *   EthernetChannel channel = RawSocketChannel.open("veth0");           // or a MemoryEthernet port in tests
 *   NativeDriver driver = new NativeDriver(channel, new DriverContext().threadingMode(ThreadingMode.DEDICATED));
 *   DriverEndpoint endpoint = driver.openEndpoint(0, Driver.ANY_ENDPOINT);
 * </pre>
 *
 * <p>Threading: one lock serialises the core (commands from any thread, and the duty cycle). With
 * {@link ThreadingMode#DEDICATED} a daemon thread runs the duty cycle: it polls the link while there is work or for
 * a short while after, then sleeps on the link (a sleep and wake-up costs tens of microseconds, so it polls first).
 * With {@link ThreadingMode#INVOKER} only {@code poll} and {@code await} run it. In both modes {@code poll} runs a
 * duty cycle itself when the lock is free. The driver owns the channel and closes it.
 *
 * <p>With a {@link DriverContext#countersDirectory()}, the driver counts into a {@link CountersFile} of its own and
 * gives each endpoint one (its {@linkplain DriverEndpoint#statisticsArea() statistics area}), removed at close, so
 * that the {@code info} tool shows the counters of running processes.
 */
public final class NativeDriver implements Driver, Agent
{
    private static final long SPIN_NANOS = 50_000L;
    private static final long MAX_SLEEP_NANOS = 1_000_000L;
    private static final long SHORT_PARK_NANOS = 100_000L;
    private static final long JOIN_MILLIS = 5_000L;

    private final EthernetChannel channel;
    private final DriverContext context;
    private final DriverCore core;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock sleepLock = new ReentrantLock();
    private final NativeEndpoint[] endpoints;
    private final Thread progressThread;
    private final CountersFile countersFile;
    private volatile boolean running = true;
    private volatile boolean closed;

    /**
     * Creates the driver and, in {@link ThreadingMode#DEDICATED} mode, starts its thread.
     *
     * @param channel the attachment; owned (closed) by the driver from now on.
     * @param context configuration; concluded here.
     * @throws IllegalArgumentException if the channel's MTU does not suit the layout.
     */
    public NativeDriver(final EthernetChannel channel, final DriverContext context)
    {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.context = Objects.requireNonNull(context, "context").conclude();
        this.countersFile = this.context.countersBuffer() == null ? publish(-1, 0, DriverCounters.LENGTH) : null;
        this.core = countersFile == null ? new DriverCore(channel, this.context)
            : new DriverCore(channel, this.context, new DriverCounters(countersFile.area()));
        this.endpoints = new NativeEndpoint[core.limits().endpointMax()];
        if (this.context.threadingMode() == ThreadingMode.DEDICATED)
        {
            progressThread = new Thread(this::runProgress, core.roleName());
            progressThread.setDaemon(true);
            progressThread.start();
        }
        else
        {
            progressThread = null;
        }
    }

    /**
     * Creates a driver with the default configuration ({@link DriverContext} defaults and system properties).
     *
     * @param channel the attachment.
     * @return the driver.
     */
    public static NativeDriver open(final EthernetChannel channel)
    {
        return new NativeDriver(channel, new DriverContext());
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
        return core.boardAddress();
    }

    @Override
    public String interfaceName(final int board)
    {
        checkBoard(board);
        return channel.interfaceName();
    }

    @Override
    public DriverLimits limits(final int board)
    {
        checkBoard(board);
        return core.limits();
    }

    @Override
    public int peerIndex(final long boardAddress)
    {
        lock.lock();
        try
        {
            return core.addPeer(boardAddress);
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public long peerAddress(final int peerIndex)
    {
        lock.lock();
        try
        {
            final long address = core.peers().address(peerIndex);
            return address < 0 ? NO_ADDRESS : address;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public DriverEndpoint openEndpoint(final int board, final int endpointIndex) throws DriverException
    {
        if (board != 0)
        {
            throw new DriverException(DriverStatus.BAD_BOARD, "no board " + board + " (the native driver has one)");
        }
        final DriverLimits limits = core.limits();
        final EventQueue queue = new EventQueue(
            limits.queueSlots(), Math.max(limits.sendQueueSlotLength(), DriverLimits.SMALL_LENGTH_MAX));
        final ByteBuffer sendQueue = ByteBuffer.allocateDirect(limits.queueSlots() * limits.sendQueueSlotLength());
        lock.lock();
        try
        {
            if (closed)
            {
                throw new DriverException(DriverStatus.CLOSED, "the driver is closed");
            }
            final CoreEndpoint endpoint = core.openEndpoint(endpointIndex, queue);
            final NativeEndpoint opened = new NativeEndpoint(this, core, endpoint, queue, sendQueue,
                countersFile == null ? null
                    : publish(endpoint.index(), endpoint.sessionId(), CountersFile.ENDPOINT_AREA_LENGTH));
            endpoints[endpoint.index()] = opened;
            return opened;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** @return the counters of the core, readable from any thread while the driver runs. */
    public DriverCounters counters()
    {
        return core.counters();
    }

    /** @return the attachment the driver owns (to read the counters of a wrapping channel, e.g. injected faults). */
    public EthernetChannel channel()
    {
        return channel;
    }

    /** @return the configuration in use. */
    public DriverContext context()
    {
        return context;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        running = false;
        if (progressThread != null)
        {
            LockSupport.unpark(progressThread);
            try
            {
                progressThread.join(JOIN_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try
        {
            for (int i = 0; i < endpoints.length; i++)
            {
                if (endpoints[i] != null)
                {
                    endpoints[i].markClosed();
                    endpoints[i] = null;
                }
            }
            core.close();
        }
        finally
        {
            lock.unlock();
        }
        channel.close();
        if (countersFile != null)
        {
            countersFile.close();
        }
    }

    /**
     * @return the file where this driver publishes its counters, or null if it does not (no
     * {@link DriverContext#countersDirectory()}, or the file could not be created).
     */
    public CountersFile countersFile()
    {
        return countersFile;
    }

    /** Creates a counters file of this driver (endpoint -1) or of an endpoint, if files are wanted and possible. */
    private CountersFile publish(final int endpointIndex, final int sessionId, final int areaLength)
    {
        final Path directory = context.countersDirectory();
        if (directory == null)
        {
            return null;
        }
        try
        {
            if (endpointIndex < 0)
            {
                CountersFile.removeStale(directory);
            }
            return CountersFile.create(directory, endpointIndex < 0 ? CountersFile.KIND_DRIVER
                : CountersFile.KIND_ENDPOINT, channel.interfaceName(), channel.mtu(),
                MxoeFrameDescriptor.macToLong(channel.macAddress()), endpointIndex, sessionId,
                areaLength);
        }
        catch (final UncheckedIOException ex)
        {
            System.err.println("xen2mx: live counters not published: " + ex.getMessage() + ": "
                + ex.getCause().getMessage());
            return null;
        }
    }

    void lock()
    {
        lock.lock();
    }

    void unlock()
    {
        lock.unlock();
    }

    /**
     * Runs one duty cycle of the core, unless another thread is running one (then returns 0 at once). Endpoints'
     * {@code poll} and {@code await} call it; call it yourself to make an {@link ThreadingMode#INVOKER} driver serve
     * its peers (pull replies, NACKs) while none of its endpoints is polled.
     *
     * @return work done.
     */
    @Override
    public int doWork()
    {
        return progress();
    }

    @Override
    public String roleName()
    {
        return core.roleName();
    }

    /**
     * Runs one duty cycle if no other thread is running the core.
     *
     * @return work done.
     */
    int progress()
    {
        if (closed || !lock.tryLock())
        {
            return 0;
        }
        try
        {
            return core.doWork();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sleeps on the link for an awaiting caller, in {@link ThreadingMode#INVOKER} mode, unless another thread does.
     *
     * @param maxNanos longest sleep.
     * @return false if the caller should park instead (dedicated mode, or another thread sleeps on the link).
     */
    boolean sleepOnLink(final long maxNanos)
    {
        if (progressThread != null || closed || !sleepLock.tryLock())
        {
            return false;
        }
        try
        {
            channel.awaitFrames(Math.min(maxNanos, timerSlack()));
            return true;
        }
        finally
        {
            sleepLock.unlock();
        }
    }

    void closeEndpoint(final NativeEndpoint endpoint)
    {
        lock.lock();
        try
        {
            final CoreEndpoint coreEndpoint = endpoint.coreEndpoint();
            if (endpoints[coreEndpoint.index()] == endpoint)
            {
                endpoints[coreEndpoint.index()] = null;
            }
            if (!closed)
            {
                core.closeEndpoint(coreEndpoint);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private long timerSlack()
    {
        final long untilTimer = core.nanosToNextTimer();
        return Math.max(1_000L, Math.min(untilTimer, MAX_SLEEP_NANOS));
    }

    private void runProgress()
    {
        long idleSince = 0;
        while (running)
        {
            final int work = progress();
            if (work > 0)
            {
                idleSince = 0;
                continue;
            }
            final long now = System.nanoTime();
            if (idleSince == 0)
            {
                idleSince = now;
            }
            if (now - idleSince < SPIN_NANOS)
            {
                Thread.onSpinWait(); // poll first
                continue;
            }
            if (sleepLock.tryLock())
            {
                try
                {
                    channel.awaitFrames(timerSlack()); // sleep later
                }
                catch (final RuntimeException ex)
                {
                    context.errorHandler().accept(ex);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                finally
                {
                    sleepLock.unlock();
                }
            }
            else
            {
                LockSupport.parkNanos(SHORT_PARK_NANOS);
            }
        }
    }

    private static void checkBoard(final int board)
    {
        if (board != 0)
        {
            throw new IllegalArgumentException("no board " + board + " (the native driver has one)");
        }
    }
}
