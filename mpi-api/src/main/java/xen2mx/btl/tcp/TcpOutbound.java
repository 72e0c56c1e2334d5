package xen2mx.btl.tcp;

import static xen2mx.btl.tcp.TcpFrameDescriptor.HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The outgoing side of one connection: a direct staging buffer in front of the socket and a queue of frames that
 * did not fit in it yet.
 *
 * <p>Headers, heap payloads and short direct payloads are copied into the stage, so several frames leave in one
 * {@code write} and a partial write never copies the same bytes twice (the JDK's temporary direct buffers copy the
 * whole heap slice on every call, whatever the socket then takes). A direct payload of at least the copy limit is
 * written from the caller's buffer, gathered behind the staged bytes that precede it. A heap payload is never handed
 * to the socket: one longer than the stage's free space is copied in stage-sized pieces, each written before the next
 * is copied.
 *
 * <p>A frame completes (its {@link TcpSendRequest}, if given, with {@link TcpSendRequest#completeSent()}) once all
 * its bytes are in the stage or in the kernel: from then on the caller's buffer is no longer read. Frames leave in the
 * order they were added. Not thread-safe: the connection's lock guards it.
 */
final class TcpOutbound
{
    private static final int POOL_LIMIT = 64;

    private final ByteBuffer stage;
    private final ByteBuffer stageView;
    private final int copyLimit;
    private final ArrayDeque<OutFrame> queue = new ArrayDeque<>();
    private final ArrayDeque<OutFrame> pool = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private int pendingStart;
    private int pendingEnd;

    /**
     * @param capacity  bytes of the staging buffer; at least {@link TcpFrameDescriptor#HEADER_LENGTH}.
     * @param copyLimit direct payloads this long or longer are not copied.
     */
    TcpOutbound(final int capacity, final int copyLimit)
    {
        if (capacity < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("staging buffer of " + capacity + " bytes cannot hold a header");
        }
        this.stage = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        this.stageView = stage.duplicate();
        this.copyLimit = copyLimit;
    }

    /** @return true when no byte is staged or queued. */
    boolean isEmpty()
    {
        return pendingStart == pendingEnd && queue.isEmpty();
    }

    /** @return true when a frame waits outside the stage: the stage is full or a long direct payload is next. */
    boolean hasQueuedFrames()
    {
        return !queue.isEmpty();
    }

    /** @return frames waiting outside the stage, plus one if staged bytes wait for the socket. */
    int backlog()
    {
        return queue.size() + (pendingStart == pendingEnd ? 0 : 1);
    }

    /**
     * Adds a frame behind everything already added; nothing is written here.
     *
     * @param payload  the caller's buffer, read from {@code offset} for {@code length} bytes; null when length is 0.
     * @param complete completed once the frame's bytes are staged or written; may be null.
     * @param mayStage false keeps the frame queued (uncompleted) until the next {@link #flush}, e.g. while the
     *                 connection is not up yet and may still fail.
     */
    void add(
        final byte type,
        final byte flags,
        final long matchInfo,
        final long messageLength,
        final int senderId,
        final int receiverId,
        final ByteBuffer payload,
        final int offset,
        final int length,
        final TcpSendRequest complete,
        final boolean mayStage)
    {
        if (mayStage && queue.isEmpty() && stage.capacity() - pendingEnd >= HEADER_LENGTH + length &&
            (length == 0 || isCopied(payload, length)))
        {
            TcpFrameDescriptor.writeHeader(stage, pendingEnd, type, flags, length, matchInfo, messageLength,
                senderId, receiverId);
            if (length > 0)
            {
                stage.put(pendingEnd + HEADER_LENGTH, payload, offset, length);
            }
            pendingEnd += HEADER_LENGTH + length;
            if (complete != null)
            {
                complete.completeSent();
            }
            return;
        }
        final OutFrame frame = pool.isEmpty() ? new OutFrame() : pool.pollFirst();
        TcpFrameDescriptor.writeHeader(frame.header, 0, type, flags, length, matchInfo, messageLength,
            senderId, receiverId);
        frame.header.limit(HEADER_LENGTH);
        if (length > 0)
        {
            frame.payload = payload.duplicate().limit(offset + length).position(offset);
            frame.payloadEnd = offset + length;
        }
        frame.completeOnWrite = complete;
        queue.addLast(frame);
    }

    /**
     * Writes staged and queued bytes until the socket takes no more or nothing is left.
     *
     * @return bytes the socket took.
     */
    long flush(final GatheringByteChannel channel) throws IOException
    {
        long total = 0;
        while (true)
        {
            stageQueued();
            int count = 0;
            final boolean staged = pendingEnd > pendingStart;
            if (staged)
            {
                stageView.limit(pendingEnd).position(pendingStart);
                gather[count++] = stageView;
            }
            final OutFrame head = queue.peekFirst();
            final ByteBuffer direct = head != null && !head.header.hasRemaining() && head.payload != null &&
                head.payload.isDirect() ? head.payload : null;
            if (direct != null)
            {
                gather[count++] = direct;
            }
            if (count == 0)
            {
                return total;
            }
            final long written = count == 1 ? channel.write(gather[0]) : channel.write(gather, 0, count);
            gather[0] = null;
            gather[1] = null;
            total += written;
            if (staged)
            {
                pendingStart = stageView.position();
                if (pendingStart == pendingEnd)
                {
                    pendingStart = 0;
                    pendingEnd = 0;
                }
            }
            if (direct != null && direct.position() == head.payloadEnd)
            {
                queue.pollFirst();
                retire(head);
            }
            if (written == 0 || pendingEnd > pendingStart || direct != null && direct.hasRemaining())
            {
                return total;
            }
        }
    }

    /**
     * Drops everything: staged bytes are discarded, and the requests of queued frames are handed to
     * {@code onDropped}.
     */
    void clear(final Consumer<TcpSendRequest> onDropped)
    {
        pendingStart = 0;
        pendingEnd = 0;
        OutFrame frame;
        while ((frame = queue.pollFirst()) != null)
        {
            if (frame.completeOnWrite != null)
            {
                onDropped.accept(frame.completeOnWrite);
            }
            frame.reset();
        }
    }

    /** Copies queued frames into the stage while they fit, stopping at a direct payload of the copy limit or more. */
    private void stageQueued()
    {
        OutFrame frame;
        while ((frame = queue.peekFirst()) != null)
        {
            if (frame.header.hasRemaining())
            {
                if (stage.capacity() - pendingEnd < HEADER_LENGTH)
                {
                    return;
                }
                stage.put(pendingEnd, frame.header, 0, HEADER_LENGTH);
                frame.header.position(HEADER_LENGTH);
                pendingEnd += HEADER_LENGTH;
            }
            final ByteBuffer payload = frame.payload;
            if (payload != null && payload.hasRemaining())
            {
                if (!isCopied(payload, payload.remaining()))
                {
                    return;
                }
                final int length = Math.min(payload.remaining(), stage.capacity() - pendingEnd);
                stage.put(pendingEnd, payload, payload.position(), length);
                payload.position(payload.position() + length);
                pendingEnd += length;
                if (payload.hasRemaining())
                {
                    return;
                }
            }
            queue.pollFirst();
            retire(frame);
        }
    }

    private boolean isCopied(final ByteBuffer payload, final int length)
    {
        return !payload.isDirect() || length < copyLimit;
    }

    private void retire(final OutFrame frame)
    {
        final TcpSendRequest complete = frame.completeOnWrite;
        frame.reset();
        if (pool.size() < POOL_LIMIT)
        {
            pool.addFirst(frame);
        }
        if (complete != null)
        {
            complete.completeSent();
        }
    }
}
