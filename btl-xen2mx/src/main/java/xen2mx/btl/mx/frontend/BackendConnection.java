package xen2mx.btl.mx.frontend;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.pv.ControlChannel;

/**
 * The guest's end of the control socket: synchronous requests (one at a time), and a reader thread whose end-of-file
 * is the sign that the backend died; then {@link #failure()} names the socket and every caller fails fast.
 */
final class BackendConnection implements AutoCloseable
{
    /** Longest wait for a reply; a backend that does not answer in this time counts as gone. */
    static final long REPLY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final Path path;
    private final ControlChannel channel;
    private final ReentrantLock requestLock = new ReentrantLock();
    private final BlockingQueue<ByteBuffer> replies = new ArrayBlockingQueue<>(1);
    private final Thread reader;
    private volatile String failure;
    private volatile boolean closing;
    private volatile Runnable onFailure = () -> { };

    private BackendConnection(final Path path, final ControlChannel channel)
    {
        this.path = path;
        this.channel = channel;
        this.reader = new Thread(this::read, "x2mx-frontend-control");
        reader.setDaemon(true);
    }

    /**
     * Connects to the backend's socket.
     *
     * @param path the socket.
     * @return the connection, its reader not yet started.
     * @throws BtlException one line if no backend answers there.
     */
    static BackendConnection connect(final Path path)
    {
        try
        {
            final SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
            try
            {
                socket.connect(UnixDomainSocketAddress.of(path));
            }
            catch (final IOException ex)
            {
                socket.close();
                throw ex;
            }
            return new BackendConnection(path, new ControlChannel(socket));
        }
        catch (final IOException ex)
        {
            throw new BtlException("xen2mx: no paravirtual backend answers on " + path + " (" + ex.getMessage()
                + "); start one with btl-xen2mx/bin/x2mx-backend --socket " + path
                + ", or use --mca btl_xen2mx_mode native");
        }
    }

    /**
     * Starts the reader thread (after the HELLO exchange, which reads on the caller's thread).
     *
     * @param whenGone run once when the backend is found gone (wakes sleepers).
     */
    void start(final Runnable whenGone)
    {
        this.onFailure = whenGone;
        reader.start();
    }

    /** @return the socket path. */
    Path path()
    {
        return path;
    }

    /** @return the control channel (for the HELLO exchange, before {@link #start}). */
    ControlChannel channel()
    {
        return channel;
    }

    /** @return null while the backend is alive, else one line naming its socket and what happened. */
    String failure()
    {
        return failure;
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param request fills the request's fields.
     * @param op      the op.
     * @return the reply.
     * @throws BtlException if the backend is gone or does not answer in time.
     */
    ByteBuffer request(final int op, final java.util.function.Consumer<ByteBuffer> request)
    {
        requestLock.lock();
        try
        {
            checkAlive();
            request.accept(channel.begin(op));
            channel.send();
            final ByteBuffer reply = replies.poll(REPLY_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            if (reply == null)
            {
                checkAlive();
                fail("no reply in " + TimeUnit.NANOSECONDS.toSeconds(REPLY_TIMEOUT_NANOS) + " s");
                checkAlive();
            }
            return reply;
        }
        catch (final IOException ex)
        {
            fail(ex.getMessage());
            throw new BtlException(failure);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new BtlException("xen2mx: interrupted while waiting for the backend on " + path);
        }
        finally
        {
            requestLock.unlock();
        }
    }

    /** @throws BtlException if the backend is gone. */
    void checkAlive()
    {
        final String gone = failure;
        if (gone != null)
        {
            throw new BtlException(gone);
        }
    }

    private void read()
    {
        try
        {
            while (true)
            {
                final ByteBuffer message = channel.receive();
                final ByteBuffer copy = ByteBuffer.allocate(message.limit());
                copy.put(0, message, 0, message.limit()).position(message.position());
                replies.put(copy);
            }
        }
        catch (final EOFException ex)
        {
            fail("the backend closed the socket (it stopped, died, or detached this guest)");
        }
        catch (final IOException ex)
        {
            fail(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            fail("interrupted");
        }
    }

    private void fail(final String why)
    {
        if (failure == null && !closing)
        {
            failure = "xen2mx: the paravirtual backend on " + path + " is gone: " + why;
            channel.close();
            onFailure.run();
        }
        else if (failure == null)
        {
            failure = "xen2mx: the connection to the paravirtual backend on " + path + " is closed";
        }
    }

    @Override
    public void close()
    {
        closing = true;
        channel.close();
    }
}
