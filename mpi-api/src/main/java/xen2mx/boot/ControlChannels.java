package xen2mx.boot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Blocking control connections over TCP or UNIX domain sockets, the same way on both sides of the protocol of
 * {@link ControlFrameDescriptor}.
 *
 * <p>Streams from {@link #inputStream} and {@link #outputStream} call the channel directly, so one thread may block
 * in a read while another writes (the JDK's {@code Channels} streams serialise the two). Timeouts on blocking
 * reads are {@link Deadline}s that close the channel, since {@code SO_TIMEOUT} does not exist for UNIX domain
 * channels.
 */
public final class ControlChannels
{
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private ControlChannels()
    {
    }

    /**
     * Opens a blocking channel connected to {@code address}.
     *
     * @param address       TCP or UNIX domain address.
     * @param timeoutMillis the longest the connection may take, {@code > 0}.
     * @return the connected channel, in blocking mode, with {@code TCP_NODELAY} on TCP.
     * @throws IOException when the connection fails ({@link SocketTimeoutException} after the timeout,
     *                     {@link UnknownHostException} when a host name does not resolve).
     */
    public static SocketChannel connect(final RendezvousAddress address, final long timeoutMillis)
        throws IOException
    {
        final SocketAddress remote = address.socketAddress();
        if (remote instanceof InetSocketAddress inet && inet.isUnresolved())
        {
            throw new UnknownHostException(inet.getHostString());
        }
        final SocketChannel channel = SocketChannel.open(address.family());
        try
        {
            channel.configureBlocking(false);
            if (!channel.connect(remote))
            {
                try (Selector selector = Selector.open())
                {
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    if (selector.select(timeoutMillis) == 0)
                    {
                        throw new SocketTimeoutException("connect timed out after " + timeoutMillis + " ms");
                    }
                    channel.finishConnect();
                }
            }
            channel.configureBlocking(true);
            if (remote instanceof InetSocketAddress)
            {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * @param channel a blocking channel.
     * @return a stream reading straight from it; {@code read} blocks until at least one byte or end of stream.
     */
    public static InputStream inputStream(final SocketChannel channel)
    {
        return new ChannelIn(channel);
    }

    /**
     * @param channel a blocking channel.
     * @return a stream writing straight to it; {@code write} returns once every byte is written.
     */
    public static OutputStream outputStream(final SocketChannel channel)
    {
        return new ChannelOut(channel);
    }

    /**
     * Closes {@code target} after {@code millis} unless cancelled first: the timeout of a blocking read.
     *
     * @param target what to close.
     * @param millis the delay.
     * @return the armed deadline.
     */
    public static Deadline closeAfter(final Closeable target, final long millis)
    {
        final Deadline deadline = new Deadline();
        deadline.future = TIMER.schedule(() -> deadline.fire(target), millis, TimeUnit.MILLISECONDS);
        return deadline;
    }

    private static void closeQuietly(final Closeable c)
    {
        try
        {
            c.close();
        }
        catch (final IOException ignored)
        {
            // closed to end a blocking read; nothing else to release
        }
    }

    private static ScheduledThreadPoolExecutor timer()
    {
        final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r ->
        {
            final Thread t = new Thread(r, "x2mx-control-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A pending close: either {@link #cancel()} succeeds or the target is closed, never both. */
    public static final class Deadline
    {
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile boolean fired;
        private volatile ScheduledFuture<?> future;

        private Deadline()
        {
        }

        /**
         * Disarms the deadline.
         *
         * @return true when the target will not be closed by it; false when the time was already up and the target
         *         is (being) closed.
         */
        public boolean cancel()
        {
            if (settled.compareAndSet(false, true))
            {
                future.cancel(false);
                return true;
            }
            return false;
        }

        /** @return true once the time was up and the deadline closed (or is closing) its target. */
        public boolean hasExpired()
        {
            return fired;
        }

        private void fire(final Closeable target)
        {
            if (settled.compareAndSet(false, true))
            {
                fired = true;
                closeQuietly(target);
            }
        }
    }

    /** Reads without the channel's blocking lock. */
    private static final class ChannelIn extends InputStream
    {
        private final SocketChannel channel;
        private final ByteBuffer one = ByteBuffer.allocate(1);

        ChannelIn(final SocketChannel channel)
        {
            this.channel = channel;
        }

        @Override
        public synchronized int read() throws IOException
        {
            one.clear();
            return channel.read(one) < 0 ? -1 : one.get(0) & 0xFF;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException
        {
            if (len == 0)
            {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    /** Writes without the channel's blocking lock; callers serialise whole frames themselves. */
    private static final class ChannelOut extends OutputStream
    {
        private final SocketChannel channel;

        ChannelOut(final SocketChannel channel)
        {
            this.channel = channel;
        }

        @Override
        public void write(final int b) throws IOException
        {
            write(new byte[] {(byte)b}, 0, 1);
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws IOException
        {
            final ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }
}
