package xen2mx.boot;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A rank's control connection to the launcher: sends frames, and runs two daemon threads, a reader that files
 * replies where waiters find them and a watchdog that reports loss of the launcher.
 *
 * <p>Loss is reported once through the {@link LauncherLossHandler} when the connection ends (EOF or error) or
 * when nothing arrived for {@link ControlFrameDescriptor#MISSED_HEARTBEATS} heartbeat intervals, unless
 * {@link #close()} was called first. Thread-safe: sends are serialised, waits use this object's monitor.
 */
final class LauncherLink implements AutoCloseable
{
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final int heartbeatMillis;
    private final LauncherLossHandler lossHandler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lost = new AtomicBoolean();
    private final Map<Integer, byte[][]> results = new HashMap<>();
    private final Map<Integer, int[]> pending = new HashMap<>();
    private final Deque<Byte> acks = new ArrayDeque<>();
    private volatile long lastHeardNanos;

    private LauncherLink(final SocketChannel channel, final int heartbeatMillis,
        final LauncherLossHandler lossHandler)
    {
        this.channel = channel;
        this.in = new BufferedInputStream(ControlChannels.inputStream(channel));
        this.out = ControlChannels.outputStream(channel);
        this.heartbeatMillis = heartbeatMillis;
        this.lossHandler = lossHandler;
        this.lastHeardNanos = System.nanoTime();
    }

    /**
     * Connects, introduces the rank and waits for the launcher's WELCOME, then starts the reader and watchdog.
     *
     * @param env         the job environment.
     * @param lossHandler called when the launcher is lost later.
     * @return the open link.
     * @throws IOException naming the address when the launcher cannot be reached or refuses the rank.
     */
    static LauncherLink open(final JobEnvironment env, final LauncherLossHandler lossHandler) throws IOException
    {
        final SocketChannel channel;
        try
        {
            channel = ControlChannels.connect(env.rendezvous(), HANDSHAKE_TIMEOUT_MILLIS);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot reach mpirun at " + env.rendezvousAddress() + ": " + ex.getMessage(), ex);
        }
        final ControlChannels.Deadline deadline = ControlChannels.closeAfter(channel, HANDSHAKE_TIMEOUT_MILLIS);
        try
        {
            ControlFrameCodec.write(ControlChannels.outputStream(channel), new ControlMessage.Hello(
                env.token().getBytes(StandardCharsets.UTF_8), env.rank(), ProcessHandle.current().pid()));
            final ControlMessage reply = ControlFrameCodec.read(ControlChannels.inputStream(channel),
                ControlFrameDescriptor.MAX_HELLO_LENGTH);
            if (!(reply instanceof ControlMessage.Welcome welcome) || welcome.heartbeatMillis() <= 0)
            {
                throw new IOException("unexpected reply " + reply);
            }
            if (!deadline.cancel())
            {
                throw new ClosedChannelException();
            }
            final LauncherLink link = new LauncherLink(channel, welcome.heartbeatMillis(), lossHandler);
            link.start(env.rank());
            return link;
        }
        catch (final IOException ex)
        {
            deadline.cancel();
            channel.close();
            if (deadline.hasExpired())
            {
                throw new IOException("mpirun at " + env.rendezvousAddress() + " did not answer within "
                    + HANDSHAKE_TIMEOUT_MILLIS + " ms", ex);
            }
            if (ex instanceof EOFException)
            {
                throw new IOException("mpirun at " + env.rendezvousAddress() + " refused rank " + env.rank()
                    + " (wrong job token, or the rank is already connected)", ex);
            }
            throw new IOException("cannot reach mpirun at " + env.rendezvousAddress() + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Sends one frame.
     *
     * @param message the frame.
     * @throws IOException when the link is closed or the write fails.
     */
    void send(final ControlMessage message) throws IOException
    {
        if (closed.get())
        {
            throw new IOException("the connection to mpirun is closed");
        }
        synchronized (out)
        {
            ControlFrameCodec.write(out, message);
        }
    }

    /**
     * @param sequence      the all-gather.
     * @param timeoutMillis how long to wait.
     * @return every rank's data, or null on timeout.
     * @throws IOException when the link closes while waiting.
     * @throws InterruptedException when interrupted.
     */
    synchronized byte[][] awaitResult(final int sequence, final long timeoutMillis)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!results.containsKey(sequence))
        {
            waitUntil(deadline);
            if (System.nanoTime() - deadline >= 0 && !results.containsKey(sequence))
            {
                return null;
            }
        }
        return results.remove(sequence);
    }

    /**
     * @param sequence      the all-gather asked about.
     * @param timeoutMillis how long to wait.
     * @return the ranks that have not published, or null when the launcher did not answer in time.
     * @throws IOException when the link closes while waiting.
     * @throws InterruptedException when interrupted.
     */
    synchronized int[] awaitPending(final int sequence, final long timeoutMillis)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!pending.containsKey(sequence))
        {
            waitUntil(deadline);
            if (System.nanoTime() - deadline >= 0 && !pending.containsKey(sequence))
            {
                return null;
            }
        }
        return pending.remove(sequence);
    }

    /**
     * @param type          the frame type whose ACK is awaited.
     * @param timeoutMillis how long to wait.
     * @return true when the ACK arrived in time.
     * @throws IOException when the link closes while waiting.
     * @throws InterruptedException when interrupted.
     */
    synchronized boolean awaitAck(final byte type, final long timeoutMillis) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!acks.remove(type))
        {
            waitUntil(deadline);
            if (System.nanoTime() - deadline >= 0 && !acks.contains(type))
            {
                return false;
            }
        }
        return true;
    }

    /** Closes the connection without reporting loss. Idempotent. */
    @Override
    public void close()
    {
        if (closed.compareAndSet(false, true))
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // closing a socket we own; nothing left to release
            }
            synchronized (this)
            {
                notifyAll();
            }
        }
    }

    private void waitUntil(final long deadline) throws IOException, InterruptedException
    {
        if (closed.get() || lost.get())
        {
            throw new IOException("the connection to mpirun is closed");
        }
        final long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis > 0)
        {
            wait(remainingMillis);
        }
    }

    private void start(final int rank)
    {
        final Thread reader = new Thread(this::readLoop, "x2mx-boot-reader-" + rank);
        reader.setDaemon(true);
        reader.start();
        final Thread watchdog = new Thread(this::watchLoop, "x2mx-boot-watchdog-" + rank);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void readLoop()
    {
        try
        {
            while (true)
            {
                final ControlMessage message = ControlFrameCodec.read(in, ControlFrameDescriptor.MAX_FRAME_LENGTH);
                lastHeardNanos = System.nanoTime();
                file(message);
            }
        }
        catch (final EOFException ex)
        {
            reportLoss("connection closed");
        }
        catch (final IOException ex)
        {
            reportLoss(ex.toString());
        }
    }

    private synchronized void file(final ControlMessage message) throws IOException
    {
        if (message instanceof ControlMessage.AllgatherResult m)
        {
            results.put(m.sequence(), m.data());
        }
        else if (message instanceof ControlMessage.AllgatherPending m)
        {
            pending.put(m.sequence(), m.missing());
        }
        else if (message instanceof ControlMessage.Ack m)
        {
            acks.add(m.acknowledged());
        }
        else if (!(message instanceof ControlMessage.Heartbeat))
        {
            throw new IOException("unexpected frame from mpirun: " + message);
        }
        notifyAll();
    }

    /**
     * Reports loss after {@link ControlFrameDescriptor#MISSED_HEARTBEATS} silent intervals. A tick that comes late
     * by more than one interval means this JVM did not run (stopped, paused by GC, starved): the silence is then
     * counted from that tick, since heartbeats may be waiting unread.
     */
    private void watchLoop()
    {
        final long intervalNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
        final long limitNanos = intervalNanos * ControlFrameDescriptor.MISSED_HEARTBEATS;
        long lastTick = System.nanoTime();
        long pausedAt = lastTick;
        while (!closed.get() && !lost.get())
        {
            try
            {
                Thread.sleep(heartbeatMillis);
                final long now = System.nanoTime();
                if (now - lastTick > 2 * intervalNanos)
                {
                    pausedAt = now;
                }
                lastTick = now;
                final long silentSince = Math.max(lastHeardNanos, pausedAt);
                if (now - silentSince > limitNanos)
                {
                    reportLoss("no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms");
                }
            }
            catch (final InterruptedException ex)
            {
                reportLoss(ex.toString());
            }
        }
    }

    private void reportLoss(final String why)
    {
        if (!closed.get() && lost.compareAndSet(false, true))
        {
            synchronized (this)
            {
                notifyAll();
            }
            lossHandler.launcherLost(why);
        }
    }
}
