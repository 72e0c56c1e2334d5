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
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

import xen2mx.btl.match.MatchCallback;
import xen2mx.btl.match.MatchEngine;
import xen2mx.btl.match.RecvRequest;

/**
 * One peer's connection: the ordered byte stream both directions of messages between this process and that rank
 * travel on, with its send queue and its receive state machine.
 *
 * <p>Threads: any thread may send (under {@link #lock}: the queue, the socket's write side and the request tables);
 * only the progress thread reads. A sender writes straight to the socket when nothing is queued, so a small message
 * costs one {@code write}; what the socket does not take is queued and flushed by progress.
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
    private static final int GATHER_LIMIT = 32;

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

    private final ArrayDeque<OutFrame> queue = new ArrayDeque<>();
    private final ArrayDeque<OutFrame> framePool = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER_LIMIT];
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final ByteBuffer stage;
    private final ByteBuffer scratchHeader;
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
        this.stage = ByteBuffer.allocateDirect(Math.min(frameCapacity, HEADER_LENGTH + 16 * 1024))
            .order(ByteOrder.LITTLE_ENDIAN);
        this.scratchHeader = ByteBuffer.allocateDirect(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
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
     * Writes a frame now if nothing is queued and the connection is up, else queues it. Caller holds the lock.
     *
     * @param completeOnWrite completed once the whole frame is in the kernel; null when something else completes it.
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
        final TcpSendRequest completeOnWrite)
    {
        if (state == ESTABLISHED && queue.isEmpty())
        {
            try
            {
                if (writeNow(type, flags, matchInfo, messageLength, senderId, receiverId, payload, offset, length,
                    completeOnWrite))
                {
                    return;
                }
            }
            catch (final IOException e)
            {
                failLocked("write failed: " + e.getMessage());
                return;
            }
        }
        else
        {
            final OutFrame frame = obtainFrame();
            TcpFrameDescriptor.writeHeader(frame.header, 0, type, flags, length, matchInfo, messageLength,
                senderId, receiverId);
            frame.header.limit(HEADER_LENGTH);
            if (length > 0)
            {
                frame.payload = payload.duplicate().limit(offset + length).position(offset);
                frame.payloadEnd = offset + length;
            }
            frame.completeOnWrite = completeOnWrite;
            queue.addLast(frame);
        }
        writesPending = true;
    }

    /** @return true if the frame is now fully written or queued with what remains; false never happens. */
    private boolean writeNow(
        final byte type,
        final byte flags,
        final long matchInfo,
        final long messageLength,
        final int senderId,
        final int receiverId,
        final ByteBuffer payload,
        final int offset,
        final int length,
        final TcpSendRequest completeOnWrite) throws IOException
    {
        if (HEADER_LENGTH + length <= stage.capacity() && (length <= 1024 || payload == null || !payload.isDirect()))
        {
            stage.clear();
            TcpFrameDescriptor.writeHeader(stage, 0, type, flags, length, matchInfo, messageLength, senderId, receiverId);
            if (length > 0)
            {
                stage.put(HEADER_LENGTH, payload, offset, length);
            }
            stage.limit(HEADER_LENGTH + length);
            channel.write(stage);
            if (!stage.hasRemaining())
            {
                if (completeOnWrite != null)
                {
                    completeOnWrite.completeSent();
                }
                return true;
            }
            final OutFrame frame = obtainFrame();
            frame.header.limit(0);
            frame.payload = ByteBuffer.allocate(stage.remaining()).put(stage).flip();
            frame.payloadEnd = frame.payload.limit();
            frame.completeOnWrite = completeOnWrite;
            queue.addLast(frame);
            writesPending = true;
            return true;
        }
        scratchHeader.clear();
        TcpFrameDescriptor.writeHeader(scratchHeader, 0, type, flags, length, matchInfo, messageLength,
            senderId, receiverId);
        final ByteBuffer view = payload.duplicate();
        final int end = offset + length;
        view.limit(payload.isDirect() ? end : Math.min(end, offset + heapChunk)).position(offset);
        pair[0] = scratchHeader;
        pair[1] = view;
        channel.write(pair, 0, 2);
        pair[1] = null;
        if (!scratchHeader.hasRemaining() && view.position() == end)
        {
            if (completeOnWrite != null)
            {
                completeOnWrite.completeSent();
            }
            return true;
        }
        final OutFrame frame = obtainFrame();
        frame.header.put(scratchHeader).flip();
        frame.payload = view.limit(end);
        frame.payloadEnd = end;
        frame.completeOnWrite = completeOnWrite;
        queue.addLast(frame);
        writesPending = true;
        return true;
    }

    /** Writes queued frames until the socket is full. Progress thread; also called when the connection comes up. */
    int flush()
    {
        int work = 0;
        lock.lock();
        try
        {
            while (state == ESTABLISHED && !queue.isEmpty())
            {
                int count = 0;
                for (final OutFrame frame : queue)
                {
                    if (count > GATHER_LIMIT - 2)
                    {
                        break;
                    }
                    if (frame.header.hasRemaining())
                    {
                        gather[count++] = frame.header;
                    }
                    final ByteBuffer payload = frame.payload;
                    if (payload != null && payload.position() < frame.payloadEnd)
                    {
                        gather[count++] = payload;
                        if (!payload.isDirect() && frame.payloadEnd - payload.position() > heapChunk)
                        {
                            // a partial view must end the gather, or the next frame's bytes would follow it early
                            payload.limit(payload.position() + heapChunk);
                            break;
                        }
                    }
                }
                final long written = channel.write(gather, 0, count);
                for (int i = 0; i < count; i++)
                {
                    gather[i] = null;
                }
                OutFrame head;
                while ((head = queue.peekFirst()) != null)
                {
                    if (head.payload != null)
                    {
                        head.payload.limit(head.payloadEnd);
                    }
                    if (!head.isWritten())
                    {
                        break;
                    }
                    queue.pollFirst();
                    if (head.completeOnWrite != null)
                    {
                        head.completeOnWrite.completeSent();
                    }
                    recycle(head);
                }
                for (final OutFrame frame : queue)
                {
                    if (frame.payload != null)
                    {
                        frame.payload.limit(frame.payloadEnd);
                    }
                }
                if (written <= 0)
                {
                    break;
                }
                work++;
            }
            writesPending = !queue.isEmpty() && state != FAILED;
        }
        catch (final IOException e)
        {
            failLocked("write failed: " + e.getMessage());
        }
        finally
        {
            lock.unlock();
        }
        return work;
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
        OutFrame frame;
        while ((frame = queue.pollFirst()) != null)
        {
            if (frame.completeOnWrite != null)
            {
                frame.completeOnWrite.fail(message);
            }
        }
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
            writesPending = !queue.isEmpty();
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
            return queue.size() + sends.size() + receives.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    private OutFrame obtainFrame()
    {
        final OutFrame frame = framePool.pollFirst();
        return frame == null ? new OutFrame() : frame;
    }

    private void recycle(final OutFrame frame)
    {
        frame.reset();
        if (framePool.size() < 64)
        {
            framePool.addFirst(frame);
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
