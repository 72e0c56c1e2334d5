package xen2mx.btl.match;

import java.nio.ByteBuffer;

import xen2mx.btl.BtlStatus;

/**
 * A posted receive: waits in the {@link MatchEngine}'s posted queue until a message matches, then is filled by the
 * engine (eager) or by the transport (rendezvous) and completed.
 *
 * <p>Fields describing the matched message are written by the matching thread before the receive is handed to a
 * transport; a transport reads them under its own lock or on the thread that matched.
 */
public final class RecvRequest extends AbstractRequest
{
    final long matchInfo;
    final long matchMask;
    final MatchEngine engine;
    private final ByteBuffer buffer;
    private final int offset;
    private final int capacity;

    long postSequence;
    boolean posted;
    RecvRequest previous;
    RecvRequest next;
    PostedReceives.Bin bin;

    private int source = -1;
    private long messageInfo;
    private long messageLength;

    RecvRequest(final MatchEngine engine, final long matchInfo, final long matchMask, final ByteBuffer buffer)
    {
        this.engine = engine;
        this.matchInfo = matchInfo & matchMask;
        this.matchMask = matchMask;
        this.buffer = buffer;
        this.offset = buffer.position();
        this.capacity = buffer.remaining();
    }

    void matched(final int source, final long messageInfo, final long messageLength)
    {
        this.source = source;
        this.messageInfo = messageInfo;
        this.messageLength = messageLength;
    }

    /** @return the caller's buffer; write with absolute puts at {@link #offset()} onwards, never move its position. */
    public ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return index in {@link #buffer()} of the message's first byte. */
    public int offset()
    {
        return offset;
    }

    /** @return bytes the receive can hold. */
    public int capacity()
    {
        return capacity;
    }

    /** @return world rank of the matched message's sender, -1 before matching. */
    public int source()
    {
        return source;
    }

    /** @return match info of the matched message. */
    public long messageInfo()
    {
        return messageInfo;
    }

    /** @return length the sender sent. */
    public long messageLength()
    {
        return messageLength;
    }

    /** @return bytes that land in the buffer: {@code min(messageLength, capacity)}. */
    public int transferLength()
    {
        return (int)Math.min(messageLength, capacity);
    }

    /**
     * Completes with {@link BtlStatus#SUCCESS}, or {@link BtlStatus#TRUNCATED} when the message was longer than the
     * buffer. The caller has written {@link #transferLength()} bytes.
     *
     * @return true if this call completed the request.
     */
    public boolean completeReceived()
    {
        final int transferred = transferLength();
        final int code = messageLength > capacity ? BtlStatus.TRUNCATED : BtlStatus.SUCCESS;
        return complete(new BtlStatus(code, source, messageInfo, messageLength, transferred, null));
    }

    /**
     * Completes with {@link BtlStatus#FAILED}.
     *
     * @param message what went wrong, naming the peer.
     * @return true if this call completed the request.
     */
    public boolean fail(final String message)
    {
        return complete(new BtlStatus(BtlStatus.FAILED, source, messageInfo, messageLength, 0, message));
    }
}
