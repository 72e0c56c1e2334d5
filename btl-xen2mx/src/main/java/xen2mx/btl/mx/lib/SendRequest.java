package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

/**
 * A send (tiny, small, medium or large), or the NOTIFY the library sends after pulling a large message. Guarded by
 * the endpoint lock.
 */
final class SendRequest extends MxRequest
{
    /** Protocol classes; NOTIFY is internal and never handed to the application. */
    enum Kind
    {
        TINY, SMALL, MEDIUM, LARGE, NOTIFY
    }

    final Kind kind;
    final Segments segments;
    final long matchInfo;
    final int length;
    final boolean synchronous;

    /** Tiny and small: the copied payload (position 0, limit = length), kept for resends. */
    ByteBuffer copy;
    /** Medium: send queue slot of each fragment. */
    int[] slots;
    /** Medium: fragments lent to the driver and not yet given back (SEND_MEDIUMSQ_FRAG_DONE). */
    int fragmentsInDriver;
    /** Large: this endpoint's region holding the message, -1 when none. */
    int regionId = -1;
    /** Large: the region's use counter sent in the RNDV. */
    int regionSeq;
    /** Notify: bytes pulled, and the sender's region it names. */
    int notifyLength;
    int notifyRegionId;
    int notifyRegionSeq;

    int seqnum;
    long lastSendNanos;
    int resends;
    /** Resends allowed before the partner is declared unreachable ({@code mx_set_request_timeout}). */
    int resendsMax;
    /** True once the payload no longer depends on the application's buffer ({@code mx_ibuffered}). */
    boolean buffered;

    SendRequest(
        final MxEndpoint endpoint,
        final Kind kind,
        final Partner partner,
        final Segments segments,
        final long matchInfo,
        final boolean synchronous,
        final Object context)
    {
        super(endpoint, context);
        this.kind = kind;
        this.partner = partner;
        this.segments = segments;
        this.matchInfo = matchInfo;
        this.length = segments.length();
        this.synchronous = synchronous;
        this.resendsMax = endpoint.config.resendsMax();
        status.matchInfo(matchInfo);
        status.lengths(length, length);
    }

    /** A NOTIFY for a large message pulled from {@code partner}. */
    static SendRequest notify(
        final MxEndpoint endpoint, final Partner partner, final int pulled, final int regionId, final int regionSeq)
    {
        final SendRequest notify = new SendRequest(endpoint, Kind.NOTIFY, partner, Segments.EMPTY, 0, false, null);
        notify.notifyLength = pulled;
        notify.notifyRegionId = regionId;
        notify.notifyRegionSeq = regionSeq;
        notify.state |= INTERNAL;
        notify.buffered = true;
        return notify;
    }

    @Override
    String type()
    {
        return "send-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
