package xen2mx.btl.mx.lib;

/**
 * The library's state for one peer endpoint (Open-MX's {@code omx__partner}): sessions, sequence numbers in both
 * directions, and the per-partner request queues. Guarded by the endpoint lock.
 *
 * <p>Sequence invariants (all modulo 2^14, see {@link SeqNum}):
 * <ul>
 * <li>send side: {@code nextAckedSendSeq <= nextSendSeq <= nextAckedSendSeq + THROTTLE_MAX}; every request on
 * {@link #nonAcked} has a seqnum in {@code [nextAckedSendSeq, nextSendSeq)}, in increasing order.</li>
 * <li>receive side: {@code lastAckedRecvSeq <= nextFragRecvSeq <= nextMatchRecvSeq}; seqnums in
 * {@code [nextFragRecvSeq, nextMatchRecvSeq)} are matched mediums still missing fragments ({@link #partials}).</li>
 * </ul>
 */
final class Partner
{
    /** Session id not known yet (Open-MX uses -1 too; a real session id of -1 only delays a reset). */
    static final int UNKNOWN_SESSION = -1;

    final int peerIndex;
    final int endpointIndex;
    final long nicId;
    final boolean self;

    /** The peer's session as learnt from its connect reply: put in data frames to it. */
    int trueSessionId = UNKNOWN_SESSION;
    /** The peer's session as learnt from its connect request: put in acks, notifies and pulls to it. */
    int backSessionId = UNKNOWN_SESSION;

    int nextSendSeq = 1;
    int nextAckedSendSeq = 1;
    int nextMatchRecvSeq = 1;
    int nextFragRecvSeq = 1;
    int lastAckedRecvSeq = 1;

    /** Counter of libacks we sent (their {@code acknum}). */
    int acknumSent;
    /** Newest {@code acknum} received; older libacks are ignored. */
    int acknumReceived;
    boolean acknumSeen;
    /** 8-bit counter of connect attempts. */
    int connectSeq;

    /** When we last received a valid packet (message or ack) from this partner. */
    long lastHeardNanos;
    /** When the delayed ack must go, if {@link #ackNode} is linked. */
    long ackDeadline;
    /** Non-null once the peer refused us (NACK) or vanished: new sends to it fail at once until a reconnect. */
    MxStatusCode failure;
    /** Application context ({@code mx_set_endpoint_addr_context}). */
    Object userContext;

    /** Sends (and notifies) given a seqnum and not yet acknowledged, in seqnum order. */
    final Chain<MxRequest> nonAcked = new Chain<>();
    /** Sends waiting for a seqnum because of throttling, in posting order. */
    final Chain<MxRequest> needSeqnum = new Chain<>();
    /** Matched mediums still missing fragments, in seqnum order. */
    final Chain<MxRequest> partials = new Chain<>();
    /** Connects waiting for a reply. */
    final Chain<MxRequest> connects = new Chain<>();
    /** Packets that arrived ahead of {@link #nextMatchRecvSeq}, sorted by seqnum then fragment. */
    final Chain<EarlyPacket> early = new Chain<>();
    /** Membership of the endpoint's delayed-ack list. */
    final Chain.Node<Partner> ackNode = new Chain.Node<>(this);

    private MxEndpointAddress address;

    Partner(final int peerIndex, final int endpointIndex, final long nicId, final boolean self)
    {
        this.peerIndex = peerIndex;
        this.endpointIndex = endpointIndex;
        this.nicId = nicId;
        this.self = self;
    }

    /** @return messages fully received and not yet acknowledged to the peer. */
    int unackedReceived()
    {
        return SeqNum.distance(nextFragRecvSeq, lastAckedRecvSeq);
    }

    /** @return messages sent and not yet acknowledged by the peer. */
    int unackedSent()
    {
        return SeqNum.distance(nextSendSeq, nextAckedSendSeq);
    }

    /** @return the address naming this partner with its current session (cached until the session changes). */
    MxEndpointAddress address()
    {
        final int session = trueSessionId != UNKNOWN_SESSION ? trueSessionId : backSessionId;
        if (address == null || address.sessionId() != session)
        {
            address = new MxEndpointAddress(this, session);
        }
        return address;
    }

    @Override
    public String toString()
    {
        return String.format("%012x:%d", nicId, endpointIndex);
    }
}
