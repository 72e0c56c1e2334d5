package xen2mx.btl.tcp;

import static xen2mx.btl.tcp.TcpFrameDescriptor.ACK;
import static xen2mx.btl.tcp.TcpFrameDescriptor.CTS;
import static xen2mx.btl.tcp.TcpFrameDescriptor.DATA;
import static xen2mx.btl.tcp.TcpFrameDescriptor.EAGER;
import static xen2mx.btl.tcp.TcpFrameDescriptor.FLAG_SYNC;
import static xen2mx.btl.tcp.TcpFrameDescriptor.HEADER_LENGTH;
import static xen2mx.btl.tcp.TcpFrameDescriptor.RTS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

import xen2mx.btl.match.MatchCallback;
import xen2mx.btl.match.MatchEngine;
import xen2mx.btl.match.RecvRequest;

/**
 * One peer's connection: the ordered byte stream both directions of messages between this process and that rank
 * travel on, with its send queue and its receive state machine.
 *
 * <p>Threads: any thread may send (under {@link #lock}: the {@link TcpOutbound}, the socket's write side and the
 * request tables); only the progress thread reads. The first frame after a progress call is written at once, so a
 * lone small message costs one {@code write}; frames that follow it before the next progress call (a burst of
 * {@code isend}s) are staged and leave together in one {@code write} at that call, or as soon as the stage is full.
 * What the socket does not take stays in the {@link TcpOutbound} and is flushed by progress.
 *
 * <p>Receive state machine (progress thread): frames are parsed out of a direct buffer; eager payloads and rendezvous
 * prefixes are handed to the {@link MatchEngine} from there; a DATA payload is read from the socket straight into
 * the matched receive buffer.
 */
final class TcpConnection implements MatchCallback
{
    static final int AWAITING = 0;
    static final int CONNECTING = 1;
    static final int HANDSHAKE = 2;
    static final int ESTABLISHED = 3;
    static final int FAILED = 4;

    private static final long RENDEZVOUS_COOKIE = 1L << 63;
    private static final int DIRECT_COPY_LIMIT = 4096;

    final int peer;
    final ReentrantLock lock = new ReentrantLock();
    volatile int state;
    volatile boolean writesPending;
    volatile String failure;
    long setupStartNanos;

    private final TcpBtl btl;
    private final MatchEngine engine;
    private final int eagerLimit;
    private final int heapChunk;
    private SocketChannel channel;

    private final TcpOutbound outbound;
    private boolean burst;
    private final RequestTable<TcpSendRequest> sends = new RequestTable<>();
    private final RequestTable<RecvRequest> receives = new RequestTable<>();

    private final ByteBuffer in;
    private int readIndex;
    private RecvRequest bodyReceive;
    private int bodyReceiveId;
    private ByteBuffer bodyView;
    private int bodyEnd;

    TcpConnection(final TcpBtl btl, final int peer, final int initialState)
    {
        this.btl = btl;
        this.peer = peer;
        this.engine = btl.engine();
        this.eagerLimit = btl.limits().eagerLimit();
        this.heapChunk = btl.heapChunk();
        this.state = initialState;
        final int frameCapacity = HEADER_LENGTH + eagerLimit;
        this.outbound = new TcpOutbound(heapChunk, DIRECT_COPY_LIMIT);
        this.in = ByteBuffer.allocateDirect(Math.max(frameCapacity, 256 * 1024)).order(ByteOrder.LITTLE_ENDIAN);
        this.setupStartNanos = System.nanoTime();
    }

    SocketChannel channel()
    {
        return channel;
    }

    void channel(final SocketChannel channel)
    {
        this.channel = channel;
    }

    /** Starts a send; see {@link TcpSendRequest} for when it completes. */
    TcpSendRequest send(final long matchInfo, final ByteBuffer payload, final boolean synchronous)
    {
        final TcpSendRequest send = new TcpSendRequest(peer, matchInfo, payload);
        final int length = send.length;
        lock.lock();
        try
        {
            if (state == FAILED)
            {
                send.fail(failure);
            }
            else if (length <= eagerLimit)
            {
                final int id = synchronous ? sends.add(send) : 0;
                submit(EAGER, synchronous ? FLAG_SYNC : 0, matchInfo, length, id, 0,
                    payload, send.offset, length, synchronous ? null : send);
            }
            else
            {
                final int id = sends.add(send);
                submit(RTS, (byte)0, matchInfo, length, id, 0, payload, send.offset, eagerLimit, null);
            }
        }
        finally
        {
            lock.unlock();
        }
        return send;
    }

    /** The engine matched a message of ours: acknowledge a synchronous send, or clear a rendezvous to send. */
    @Override
    public void onMatch(final RecvRequest receive, final long cookie)
    {
        final int senderId = (int)cookie;
        if ((cookie & RENDEZVOUS_COOKIE) == 0)
        {
            control(ACK, senderId, 0, 0);
            return;
        }
        final int prefix = (int)((cookie & ~RENDEZVOUS_COOKIE) >>> 32);
        final int remaining = Math.max(0, receive.transferLength() - prefix);
        lock.lock();
        try
        {
            if (state == FAILED)
            {
                receive.fail(failure);
                return;
            }
            final int receiveId = remaining > 0 ? receives.add(receive) : 0;
            submit(CTS, (byte)0, 0, remaining, senderId, receiveId, null, 0, 0, null);
        }
        finally
        {
            lock.unlock();
        }
        if (remaining == 0)
        {
            receive.completeReceived();
        }
    }

    private void control(final byte type, final int senderId, final int receiveId, final long length)
    {
        lock.lock();
        try
        {
            if (state != FAILED)
            {
                submit(type, (byte)0, 0, length, senderId, receiveId, null, 0, 0, null);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Adds a frame to the outbound stream and writes it, unless this is a burst: a frame added after an immediate
     * write and before the next progress call stays staged (coalesced with its followers) until that progress call,
     * or until the stage is full. Caller holds the lock.
     *
     * @param complete completed once the frame's bytes are staged or written; null when something else completes it.
     */
    private void submit(
        final byte type,
        final byte flags,
        final long matchInfo,
        final long messageLength,
        final int senderId,
        final int receiverId,
        final ByteBuffer payload,
        final int offset,
        final int length,
        final TcpSendRequest complete)
    {
        outbound.add(type, flags, matchInfo, messageLength, senderId, receiverId, payload, offset, length, complete,
            state == ESTABLISHED);
        if (state == ESTABLISHED && (!burst || outbound.hasQueuedFrames()))
        {
            try
            {
                outbound.flush(channel);
            }
            catch (final IOException e)
            {
                failLocked("write failed: " + e.getMessage());
                return;
            }
            burst = true;
        }
        writesPending = true;
    }

    /**
     * Writes what is staged or queued until the socket is full, and ends the current burst. Progress thread; also
     * called when the connection comes up.
     *
     * @return 1 if the socket took bytes, else 0.
     */
    int flush()
    {
        lock.lock();
        try
        {
            burst = false;
            long written = 0;
            if (state == ESTABLISHED && !outbound.isEmpty())
            {
                written = outbound.flush(channel);
            }
            writesPending = state != FAILED && !outbound.isEmpty();
            return written > 0 ? 1 : 0;
        }
        catch (final IOException e)
        {
            failLocked("write failed: " + e.getMessage());
            return 1;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Reads and handles what the socket has. Progress thread only; never throws. */
    int poll()
    {
        if (state != ESTABLISHED)
        {
            return 0;
        }
        try
        {
            return readAvailable();
        }
        catch (final IOException e)
        {
            fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        catch (final MalformedFrameException e)
        {
            btl.countMalformedFrame();
            fail("malformed frame: " + e.getMessage());
        }
        catch (final RuntimeException e)
        {
            fail("internal error while reading: " + e);
        }
        return 1;
    }

    private int readAvailable() throws IOException
    {
        int work = 0;
        while (true)
        {
            if (bodyReceive != null)
            {
                if (!readBody())
                {
                    return work;
                }
                work++;
            }
            final int space = in.remaining();
            final int read = channel.read(in);
            if (read < 0)
            {
                fail("rank " + peer + " closed the connection");
                return work + 1;
            }
            if (read == 0)
            {
                return work;
            }
            work++;
            parseFrames();
            if (read < space && bodyReceive == null)
            {
                return work;
            }
        }
    }

    /** @return true when the body is complete, false when the socket has no more bytes for now. */
    private boolean readBody() throws IOException
    {
        final ByteBuffer view = bodyView;
        while (view.position() < bodyEnd)
        {
            if (!view.isDirect())
            {
                view.limit(Math.min(bodyEnd, view.position() + heapChunk));
            }
            final int read = channel.read(view);
            if (read < 0)
            {
                fail("rank " + peer + " closed the connection during a " + (bodyEnd - view.position()) +
                    "-byte transfer");
                return false;
            }
            if (read == 0)
            {
                return false;
            }
        }
        finishBody();
        return true;
    }

    private void finishBody()
    {
        final RecvRequest receive = bodyReceive;
        bodyReceive = null;
        bodyView = null;
        lock.lock();
        try
        {
            receives.remove(bodyReceiveId);
        }
        finally
        {
            lock.unlock();
        }
        receive.completeReceived();
    }

    private void parseFrames()
    {
        int end = in.position();
        while (end - readIndex >= HEADER_LENGTH)
        {
            final int index = readIndex;
            final String problem = TcpFrameDescriptor.validate(in, index, eagerLimit);
            if (problem != null)
            {
                throw new MalformedFrameException(problem);
            }
            final byte type = TcpFrameDescriptor.type(in, index);
            final int payloadLength = TcpFrameDescriptor.payloadLength(in, index);
            if (type == DATA)
            {
                readIndex += HEADER_LENGTH;
                startBody(TcpFrameDescriptor.receiverId(in, index), payloadLength, end);
                if (bodyReceive != null)
                {
                    break;
                }
                continue;
            }
            if (end - index < HEADER_LENGTH + payloadLength)
            {
                break;
            }
            readIndex += HEADER_LENGTH + payloadLength;
            onFrame(type, index);
        }
        end = in.position();
        if (readIndex == end)
        {
            in.clear();
            readIndex = 0;
        }
        else if (in.capacity() - end < HEADER_LENGTH + eagerLimit && readIndex > 0)
        {
            in.limit(end).position(readIndex);
            in.compact();
            readIndex = 0;
        }
    }

    private void onFrame(final byte type, final int index)
    {
        final int payload = index + HEADER_LENGTH;
        switch (type)
        {
            case EAGER ->
            {
                final boolean sync = TcpFrameDescriptor.flags(in, index) == FLAG_SYNC;
                engine.deliverEager(peer, TcpFrameDescriptor.matchInfo(in, index), in, payload,
                    TcpFrameDescriptor.payloadLength(in, index), sync ? this : null,
                    TcpFrameDescriptor.senderId(in, index) & 0xFFFFFFFFL);
            }
            case RTS ->
            {
                final int prefix = TcpFrameDescriptor.payloadLength(in, index);
                final long cookie = RENDEZVOUS_COOKIE | ((long)prefix << 32) |
                    (TcpFrameDescriptor.senderId(in, index) & 0xFFFFFFFFL);
                engine.deliverRendezvous(peer, TcpFrameDescriptor.matchInfo(in, index),
                    TcpFrameDescriptor.messageLength(in, index), in, payload, prefix, this, cookie);
            }
            case CTS -> onClearToSend(TcpFrameDescriptor.senderId(in, index), TcpFrameDescriptor.receiverId(in, index),
                (int)TcpFrameDescriptor.messageLength(in, index));
            case ACK -> onAck(TcpFrameDescriptor.senderId(in, index));
            default -> throw new MalformedFrameException("frame type " + type + " out of place");
        }
    }

    private void onClearToSend(final int senderId, final int receiverId, final int accepted)
    {
        lock.lock();
        try
        {
            final TcpSendRequest send = sends.remove(senderId);
            if (send == null)
            {
                throw new MalformedFrameException("clear-to-send for unknown send id " + senderId);
            }
            if (accepted > send.length - eagerLimit)
            {
                throw new MalformedFrameException("clear-to-send asks " + accepted + " bytes of a " + send.length +
                    "-byte message");
            }
            if (accepted == 0)
            {
                send.completeSent();
            }
            else
            {
                submit(DATA, (byte)0, 0, 0, 0, receiverId, send.payload, send.offset + eagerLimit, accepted, send);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void onAck(final int senderId)
    {
        final TcpSendRequest send;
        lock.lock();
        try
        {
            send = sends.remove(senderId);
        }
        finally
        {
            lock.unlock();
        }
        if (send == null)
        {
            throw new MalformedFrameException("ack for unknown send id " + senderId);
        }
        send.completeSent();
    }

    private void startBody(final int receiveId, final int length, final int end)
    {
        final RecvRequest receive;
        lock.lock();
        try
        {
            receive = receives.get(receiveId);
        }
        finally
        {
            lock.unlock();
        }
        if (receive == null)
        {
            throw new MalformedFrameException("data for unknown receive id " + receiveId);
        }
        final int prefix = (int)Math.min(eagerLimit, receive.messageLength());
        if (length != receive.transferLength() - prefix)
        {
            throw new MalformedFrameException("data frame of " + length + " bytes, receive expects " +
                (receive.transferLength() - prefix));
        }
        final int start = receive.offset() + prefix;
        final int buffered = Math.min(length, end - readIndex);
        if (buffered > 0)
        {
            receive.buffer().put(start, in, readIndex, buffered);
            readIndex += buffered;
        }
        bodyReceive = receive;
        bodyReceiveId = receiveId;
        if (buffered == length)
        {
            finishBody();
            return;
        }
        bodyView = receive.buffer().duplicate();
        bodyEnd = start + length;
        bodyView.limit(bodyEnd).position(start + buffered);
    }

    /** Marks the connection failed and fails every request that involves the peer. Any thread. */
    void fail(final String reason)
    {
        lock.lock();
        try
        {
            failLocked(reason);
        }
        finally
        {
            lock.unlock();
        }
    }

    private void failLocked(final String reason)
    {
        if (state == FAILED)
        {
            return;
        }
        final String message = "tcp: connection to rank " + peer + " failed: " + reason;
        failure = message;
        state = FAILED;
        writesPending = false;
        TcpBtl.closeQuietly(channel);
        outbound.clear(send -> send.fail(message));
        sends.drain(send -> send.fail(message));
        receives.drain(receive -> receive.fail(message));
        final RecvRequest body = bodyReceive;
        if (body != null)
        {
            body.fail(message);
        }
    }

    /** Makes the connection usable once the handshake is done; flushes what was queued meanwhile. */
    void established()
    {
        lock.lock();
        try
        {
            if (state == FAILED)
            {
                return;
            }
            state = ESTABLISHED;
            writesPending = !outbound.isEmpty();
        }
        finally
        {
            lock.unlock();
        }
        flush();
    }

    int outstanding()
    {
        lock.lock();
        try
        {
            return outbound.backlog() + sends.size() + receives.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** A frame from the peer that breaks the protocol; the connection is closed. */
    static final class MalformedFrameException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        MalformedFrameException(final String message)
        {
            super(message, null, false, false);
        }
    }
}
