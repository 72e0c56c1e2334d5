package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

/**
 * A receive: either posted by the application (with segments), or created by the library for a message that
 * arrived unexpected (with a buffer of its own, or the rendezvous parameters of a large message, or the send
 * request of a self message). Guarded by the endpoint lock.
 */
final class RecvRequest extends MxRequest
{
    /** The application's segments; null for an unexpected message. */
    final Segments segments;
    final long matchInfo;
    final long matchMask;
    final int capacity;

    /** Matched message. */
    int msgLength;
    int xferLength;
    int seqnum;

    /** Unexpected eager or medium message: its bytes (position 0, capacity = message length). */
    ByteBuffer data;
    /** Medium: fragments the message has, fragments received (bit i = fragment i), bytes received. */
    int fragments;
    long fragmentMask;
    int received;

    /** Large: the sender's region named in the RNDV. */
    boolean rndv;
    int remoteRegionId;
    int remoteRegionSeq;
    int remoteRegionOffset;
    /** Large: this endpoint's region the pull writes into, -1 when none. */
    int regionId = -1;

    /** Unexpected self message: the send it came from. */
    SendRequest selfSend;
    /** Unexpected message matched by an application receive while still arriving: who gets it when complete. */
    RecvRequest owner;

    RecvRequest(
        final MxEndpoint endpoint,
        final Segments segments,
        final long matchInfo,
        final long matchMask,
        final Object context)
    {
        super(endpoint, context);
        this.segments = segments;
        this.matchInfo = matchInfo;
        this.matchMask = matchMask;
        this.capacity = segments == null ? Integer.MAX_VALUE : segments.length();
    }

    /** @return an unexpected message record from {@code partner}. */
    static RecvRequest unexpected(
        final MxEndpoint endpoint, final Partner partner, final long matchInfo, final int msgLength)
    {
        final RecvRequest message = new RecvRequest(endpoint, null, matchInfo, -1L, null);
        message.partner = partner;
        message.msgLength = msgLength;
        message.state |= UNEXPECTED_RECV | INTERNAL;
        message.status.matchInfo(matchInfo);
        message.status.lengths(msgLength, msgLength);
        return message;
    }

    /** @return true if a message with {@code info} matches this receive. */
    boolean matches(final long info)
    {
        return (info & matchMask) == matchInfo;
    }

    /** Records the matched message; {@code xferLength = min(msgLength, capacity)}. */
    void matched(final Partner source, final long info, final int length)
    {
        partner = source;
        msgLength = length;
        xferLength = Math.min(length, capacity);
        status.matchInfo(info);
        status.lengths(length, xferLength);
    }

    @Override
    String type()
    {
        return has(UNEXPECTED_RECV) ? "unexpected" : "recv";
    }
}
