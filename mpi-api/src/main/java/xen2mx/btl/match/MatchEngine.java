package xen2mx.btl.match;

import java.nio.ByteBuffer;
import java.util.Objects;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/**
 * The matching engine shared by the non-MX modules ({@code self}, {@code tcp}) of one process: one posted-receive
 * queue and one unexpected queue, so a wildcard receive matches messages arriving through any of them.
 *
 * <p>Semantics (MX): a message with info {@code m} matches a receive {@code (info, mask)} when
 * {@code (m & mask) == (info & mask)}. Receives are matched in posting order; unexpected messages in arrival order.
 *
 * <p>Assumptions the transports guarantee (compare Open MPI ob1's matching, which resequences out-of-order
 * fragments with per-peer 16-bit sequence numbers):
 * <ul>
 *   <li>Per-sender order: each transport delivers one sender's messages to {@code deliver*} in the order that sender
 *   posted them, from one thread at a time (tcp: one ordered connection per peer, read by the progress thread;
 *   self: the sending thread). The engine therefore keeps no sequence numbers and never reorders.</li>
 *   <li>Different senders' messages interleave in any order; MPI orders only messages of one sender.</li>
 *   <li>A sender uses one transport for one receiver (the PML's selection), so order across transports never
 *   matters.</li>
 * </ul>
 *
 * <p>Cost: matching an arriving message takes one hash look-up per distinct receive mask in use; a receive with mask
 * {@code -1L} finds an unexpected message with one hash look-up, other masks scan the unexpected queue. The PML keeps
 * unused match-info bits zero so that fully specified receives use mask {@code -1L}.
 *
 * <p>Thread safety: every method may be called from any thread. One lock guards both queues and is held only to
 * search and link; copies, callbacks and completions run after it is released. Completion is a release write
 * (see {@link AbstractRequest}).
 */
public final class MatchEngine
{
    private static final byte[] NO_BYTES = new byte[0];

    private final Object lock = new Object();
    private final PostedReceives posted = new PostedReceives();
    private final UnexpectedMessages unexpected = new UnexpectedMessages();

    /**
     * Posts a receive, or matches it at once against the unexpected queue.
     *
     * @param matchInfo   bits to compare under {@code matchMask}.
     * @param matchMask   bits that must be equal; 0 bits are wildcards.
     * @param destination bytes land at its position onwards; position and limit are never changed.
     * @return the request, possibly already complete.
     */
    public RecvRequest postReceive(final long matchInfo, final long matchMask, final ByteBuffer destination)
    {
        Objects.requireNonNull(destination, "destination");
        if (destination.isReadOnly())
        {
            throw new IllegalArgumentException("receive buffer is read-only");
        }
        final RecvRequest receive = new RecvRequest(this, matchInfo, matchMask, destination);
        final UnexpectedMessage message;
        synchronized (lock)
        {
            message = unexpected.first(receive.matchInfo, matchMask);
            if (message == null)
            {
                posted.add(receive);
                return receive;
            }
            unexpected.remove(message);
        }
        receive.matched(message.source, message.matchInfo, message.length);
        final int prefix = Math.min(message.data.length, receive.capacity());
        if (prefix > 0)
        {
            receive.buffer().put(receive.offset(), message.data, 0, prefix);
        }
        if (message.rendezvous)
        {
            message.callback.onMatch(receive, message.cookie);
        }
        else
        {
            receive.completeReceived();
            if (message.callback != null)
            {
                message.callback.onMatch(receive, message.cookie);
            }
        }
        return receive;
    }

    /**
     * Looks for an unexpected message without removing it.
     *
     * @return source, match info and length of the earliest matching unexpected message, or null.
     */
    public BtlStatus probe(final long matchInfo, final long matchMask)
    {
        synchronized (lock)
        {
            final UnexpectedMessage message = unexpected.first(matchInfo & matchMask, matchMask);
            if (message == null)
            {
                return null;
            }
            return BtlStatus.success(message.source, message.matchInfo, message.length);
        }
    }

    /**
     * Cancels a receive that is still posted.
     *
     * @return true if it was removed (it is then complete and cancelled); false if it matched already, was posted on
     * another engine, or is not a receive.
     */
    public boolean cancel(final BtlRequest request)
    {
        if (!(request instanceof RecvRequest receive) || receive.engine != this)
        {
            return false;
        }
        synchronized (lock)
        {
            if (!receive.posted)
            {
                return false;
            }
            posted.remove(receive);
        }
        receive.complete(BtlStatus.cancelled());
        return true;
    }

    /**
     * An eager message arrived: copies it into the first matching posted receive and completes that receive, or
     * buffers a copy in the unexpected queue. The engine does not keep {@code source} bytes after returning.
     *
     * @param source       world rank of the sender.
     * @param matchInfo    the message's match info.
     * @param data         holds the message at absolute index {@code offset}; not modified.
     * @param offset       index of the first byte in {@code data}.
     * @param length       message length.
     * @param syncCallback for a synchronous send, called once matched; null otherwise.
     * @param cookie       passed to {@code syncCallback}.
     */
    public void deliverEager(
        final int source,
        final long matchInfo,
        final ByteBuffer data,
        final int offset,
        final int length,
        final MatchCallback syncCallback,
        final long cookie)
    {
        RecvRequest receive;
        synchronized (lock)
        {
            receive = posted.removeFirstMatch(matchInfo);
        }
        if (receive == null)
        {
            final byte[] copy = copyOf(data, offset, length);
            synchronized (lock)
            {
                receive = posted.removeFirstMatch(matchInfo); // a receive posted while copying
                if (receive == null)
                {
                    unexpected.add(new UnexpectedMessage(source, matchInfo, length, copy, false, syncCallback, cookie));
                    return;
                }
            }
        }
        receive.matched(source, matchInfo, length);
        final int transfer = receive.transferLength();
        if (transfer > 0)
        {
            receive.buffer().put(receive.offset(), data, offset, transfer);
        }
        receive.completeReceived();
        if (syncCallback != null)
        {
            syncCallback.onMatch(receive, cookie);
        }
    }

    /**
     * A rendezvous descriptor arrived, optionally with the message's first bytes: matches it against the posted
     * receives (the callback then runs at once on this thread) or queues it as unexpected (the callback runs when a
     * receive is posted). In both cases the prefix is already in the receive buffer when the callback runs.
     *
     * @param source       world rank of the sender.
     * @param matchInfo    the message's match info.
     * @param length       total message length.
     * @param prefix       holds the first {@code prefixLength} bytes at absolute index {@code offset}; may be null
     *                     when {@code prefixLength} is 0; not modified.
     * @param offset       index of the first prefix byte.
     * @param prefixLength bytes of the message carried with the descriptor, at most {@code length}.
     * @param callback     transfers the rest and completes the receive.
     * @param cookie       passed to {@code callback}.
     */
    public void deliverRendezvous(
        final int source,
        final long matchInfo,
        final long length,
        final ByteBuffer prefix,
        final int offset,
        final int prefixLength,
        final MatchCallback callback,
        final long cookie)
    {
        Objects.requireNonNull(callback, "callback");
        if (prefixLength < 0 || prefixLength > length)
        {
            throw new IllegalArgumentException("prefixLength=" + prefixLength + " length=" + length);
        }
        RecvRequest receive;
        synchronized (lock)
        {
            receive = posted.removeFirstMatch(matchInfo);
        }
        if (receive == null)
        {
            final byte[] copy = prefixLength == 0 ? NO_BYTES : copyOf(prefix, offset, prefixLength);
            synchronized (lock)
            {
                receive = posted.removeFirstMatch(matchInfo);
                if (receive == null)
                {
                    unexpected.add(new UnexpectedMessage(source, matchInfo, length, copy, true, callback, cookie));
                    return;
                }
            }
        }
        receive.matched(source, matchInfo, length);
        final int copied = Math.min(prefixLength, receive.capacity());
        if (copied > 0)
        {
            receive.buffer().put(receive.offset(), prefix, offset, copied);
        }
        callback.onMatch(receive, cookie);
    }

    /** @return receives waiting in the posted queue (a snapshot, for tests and diagnostics). */
    public int postedCount()
    {
        synchronized (lock)
        {
            return posted.size();
        }
    }

    /** @return messages waiting in the unexpected queue (a snapshot, for tests and diagnostics). */
    public int unexpectedCount()
    {
        synchronized (lock)
        {
            return unexpected.size();
        }
    }

    private static byte[] copyOf(final ByteBuffer data, final int offset, final int length)
    {
        if (length == 0)
        {
            return NO_BYTES;
        }
        final byte[] copy = new byte[length];
        data.get(offset, copy, 0, length);
        return copy;
    }
}
