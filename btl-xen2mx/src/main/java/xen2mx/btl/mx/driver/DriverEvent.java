package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;

/**
 * One event from the driver to the library: a received frame (unexpected event) or the completion of a command
 * (expected event). Mutable and pre-allocated: {@link DriverEndpoint#poll(DriverEventHandler, int)} fills the same
 * instance for every event, so a handler must copy what it keeps, and {@link #payload()} is valid only until the
 * handler returns.
 *
 * <p>Fields by {@link #type()} (unlisted fields are 0; {@code peerIndex} is always the peer the frame came from, in
 * this driver's peer table, and {@code srcEndpoint} the endpoint index that sent it):
 * <table>
 *   <caption>Event fields</caption>
 *   <tr><th>type</th><th>fields</th></tr>
 *   <tr><td>RECV_TINY, RECV_SMALL</td><td>seqnum, piggyack, matchInfo, messageLength = payload length,
 *   payload</td></tr>
 *   <tr><td>RECV_MEDIUM_FRAG</td><td>seqnum, piggyack, matchInfo, messageLength (whole message), fragmentSeqnum,
 *   fragmentLength, fragmentOffset (where this fragment's bytes go in the message), payload</td></tr>
 *   <tr><td>RECV_RNDV</td><td>seqnum, piggyack, matchInfo, messageLength, regionId / regionSeqnum / regionOffset
 *   (the sender's pulled region, to pass to {@link DriverEndpoint#pull})</td></tr>
 *   <tr><td>RECV_NOTIFY</td><td>seqnum, piggyack, messageLength (bytes the receiver pulled), regionId,
 *   regionSeqnum (the region named in our RNDV)</td></tr>
 *   <tr><td>RECV_CONNECT_REQUEST</td><td>sessionId (the requester's session), appKey, targetRecvSeqnumStart,
 *   connectSeqnum</td></tr>
 *   <tr><td>RECV_CONNECT_REPLY</td><td>sessionId (echo of our session), targetSessionId (the responder's session),
 *   targetRecvSeqnumStart, connectSeqnum, connectStatus</td></tr>
 *   <tr><td>RECV_LIBACK</td><td>seqnum (ack up to, exclusive), acknum, sendSeq, resent</td></tr>
 *   <tr><td>RECV_NACK_LIB</td><td>nackType ({@link NackType}), seqnum (of the refused message; 0 for a
 *   connect)</td></tr>
 *   <tr><td>SEND_MEDIUMSQ_FRAG_DONE</td><td>sendqOffset (as given to
 *   {@link DriverEndpoint#sendMediumFragment})</td></tr>
 *   <tr><td>PULL_DONE</td><td>cookie, regionId (the puller region), status ({@link PullStatus}), messageLength
 *   (the pull's length on SUCCESS, 0 otherwise)</td></tr>
 * </table>
 *
 * <p>All fields are primitive and at most 16 bits wide unless stated otherwise, so an event fits a 64-byte ring slot;
 * the payload of a received message lives in a receive-queue slot of at most {@link DriverLimits#mediumFragmentLength()}
 * bytes.
 */
public final class DriverEvent
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private EventType type;
    private int peerIndex;
    private int srcEndpoint;
    private int seqnum;
    private int piggyack;
    private long matchInfo;
    private int messageLength;
    private int fragmentSeqnum;
    private int fragmentLength;
    private int fragmentOffset;
    private int regionId;
    private int regionSeqnum;
    private int regionOffset;
    private int sessionId;
    private int targetSessionId;
    private int appKey;
    private int targetRecvSeqnumStart;
    private int connectSeqnum;
    private int connectStatus;
    private int acknum;
    private int sendSeq;
    private int resent;
    private int nackType;
    private int sendqOffset;
    private long cookie;
    private int status;
    private ByteBuffer payload = EMPTY;

    /**
     * Clears every field and sets the type. Implementations call this, then the setters of the fields the type uses.
     *
     * @param eventType the new type.
     * @return this.
     */
    public DriverEvent reset(final EventType eventType)
    {
        type = eventType;
        peerIndex = 0;
        srcEndpoint = 0;
        seqnum = 0;
        piggyack = 0;
        matchInfo = 0;
        messageLength = 0;
        fragmentSeqnum = 0;
        fragmentLength = 0;
        fragmentOffset = 0;
        regionId = 0;
        regionSeqnum = 0;
        regionOffset = 0;
        sessionId = 0;
        targetSessionId = 0;
        appKey = 0;
        targetRecvSeqnumStart = 0;
        connectSeqnum = 0;
        connectStatus = 0;
        acknum = 0;
        sendSeq = 0;
        resent = 0;
        nackType = 0;
        sendqOffset = 0;
        cookie = 0;
        status = 0;
        payload = EMPTY;
        return this;
    }

    /**
     * Copies every field of {@code other}; the payload view is shared, not copied.
     *
     * @param other the event to copy.
     * @return this.
     */
    public DriverEvent copyFrom(final DriverEvent other)
    {
        type = other.type;
        peerIndex = other.peerIndex;
        srcEndpoint = other.srcEndpoint;
        seqnum = other.seqnum;
        piggyack = other.piggyack;
        matchInfo = other.matchInfo;
        messageLength = other.messageLength;
        fragmentSeqnum = other.fragmentSeqnum;
        fragmentLength = other.fragmentLength;
        fragmentOffset = other.fragmentOffset;
        regionId = other.regionId;
        regionSeqnum = other.regionSeqnum;
        regionOffset = other.regionOffset;
        sessionId = other.sessionId;
        targetSessionId = other.targetSessionId;
        appKey = other.appKey;
        targetRecvSeqnumStart = other.targetRecvSeqnumStart;
        connectSeqnum = other.connectSeqnum;
        connectStatus = other.connectStatus;
        acknum = other.acknum;
        sendSeq = other.sendSeq;
        resent = other.resent;
        nackType = other.nackType;
        sendqOffset = other.sendqOffset;
        cookie = other.cookie;
        status = other.status;
        payload = other.payload;
        return this;
    }

    /** @return the event type; null only before the first {@link #reset(EventType)}. */
    public EventType type()
    {
        return type;
    }

    /** @return the sender's index in this driver's peer table (the peer a completed command talked to). */
    public int peerIndex()
    {
        return peerIndex;
    }

    /** @return the endpoint index that sent the frame, 0..255. */
    public int srcEndpoint()
    {
        return srcEndpoint;
    }

    /** @return the 16-bit library sequence number (2-bit session number + 14-bit sequence); for LIBACK the ack. */
    public int seqnum()
    {
        return seqnum;
    }

    /** @return the 16-bit cumulative piggybacked ack: every seqnum below it was received by the peer. */
    public int piggyack()
    {
        return piggyack;
    }

    /** @return the 64-bit match info. */
    public long matchInfo()
    {
        return matchInfo;
    }

    /** @return a length in bytes, meaning by type (see the class comment); never negative. */
    public int messageLength()
    {
        return messageLength;
    }

    /** @return the medium fragment index, 0..mediumFragmentsMax-1. */
    public int fragmentSeqnum()
    {
        return fragmentSeqnum;
    }

    /** @return payload bytes of this medium fragment. */
    public int fragmentLength()
    {
        return fragmentLength;
    }

    /**
     * @return offset of this medium fragment's bytes in the message; the driver guarantees
     * {@code fragmentOffset + fragmentLength <= messageLength}.
     */
    public int fragmentOffset()
    {
        return fragmentOffset;
    }

    /** @return a region id, 0..255 (RNDV, NOTIFY: the sender's pulled region; PULL_DONE: the puller region). */
    public int regionId()
    {
        return regionId;
    }

    /** @return the 8-bit region use counter from the RNDV or NOTIFY. */
    public int regionSeqnum()
    {
        return regionSeqnum;
    }

    /** @return the pulled region offset from the RNDV (always 0 from Open-MX senders). */
    public int regionOffset()
    {
        return regionOffset;
    }

    /** @return CONNECT request: the requester's session id; CONNECT reply: the echo of our own session id. */
    public int sessionId()
    {
        return sessionId;
    }

    /** @return CONNECT reply: the responder's session id, to put in data frames to it. */
    public int targetSessionId()
    {
        return targetSessionId;
    }

    /** @return CONNECT request: the key the requester gave to connect. */
    public int appKey()
    {
        return appKey;
    }

    /** @return CONNECT: the sender's next expected receive seqnum from us (16 bits). */
    public int targetRecvSeqnumStart()
    {
        return targetRecvSeqnumStart;
    }

    /** @return CONNECT: the 8-bit per-partner connect attempt counter (echoed by replies). */
    public int connectSeqnum()
    {
        return connectSeqnum;
    }

    /** @return CONNECT reply: 0 success, 11 bad key. */
    public int connectStatus()
    {
        return connectStatus;
    }

    /** @return LIBACK: the 32-bit per-partner ack counter (ignore acks not newer than the last one seen). */
    public int acknum()
    {
        return acknum;
    }

    /** @return LIBACK: the {@code send_seq} field (Open-MX writes the ack value there too). */
    public int sendSeq()
    {
        return sendSeq;
    }

    /** @return LIBACK: the {@code resent} flag, 0 or 1. */
    public int resent()
    {
        return resent;
    }

    /** @return NACK_LIB: the {@link NackType} code. */
    public int nackType()
    {
        return nackType;
    }

    /** @return SEND_MEDIUMSQ_FRAG_DONE: the send queue offset of the fragment the driver released. */
    public int sendqOffset()
    {
        return sendqOffset;
    }

    /** @return PULL_DONE: the cookie given to {@link DriverEndpoint#pull}. */
    public long cookie()
    {
        return cookie;
    }

    /** @return PULL_DONE: a {@link PullStatus} code. */
    public int status()
    {
        return status;
    }

    /**
     * @return received message bytes (TINY, SMALL, MEDIUM_FRAG) from position to limit, read-only; empty for the other
     * types. Valid only until the handler returns: copy what you keep.
     */
    public ByteBuffer payload()
    {
        return payload;
    }

    /**
     * @param value see {@link #peerIndex()}.
     * @return this.
     */
    public DriverEvent peerIndex(final int value)
    {
        peerIndex = value;
        return this;
    }

    /**
     * @param value see {@link #srcEndpoint()}.
     * @return this.
     */
    public DriverEvent srcEndpoint(final int value)
    {
        srcEndpoint = value;
        return this;
    }

    /**
     * @param value see {@link #seqnum()}.
     * @return this.
     */
    public DriverEvent seqnum(final int value)
    {
        seqnum = value;
        return this;
    }

    /**
     * @param value see {@link #piggyack()}.
     * @return this.
     */
    public DriverEvent piggyack(final int value)
    {
        piggyack = value;
        return this;
    }

    /**
     * @param value see {@link #matchInfo()}.
     * @return this.
     */
    public DriverEvent matchInfo(final long value)
    {
        matchInfo = value;
        return this;
    }

    /**
     * @param value see {@link #messageLength()}.
     * @return this.
     */
    public DriverEvent messageLength(final int value)
    {
        messageLength = value;
        return this;
    }

    /**
     * @param seq    see {@link #fragmentSeqnum()}.
     * @param length see {@link #fragmentLength()}.
     * @param offset see {@link #fragmentOffset()}.
     * @return this.
     */
    public DriverEvent fragment(final int seq, final int length, final int offset)
    {
        fragmentSeqnum = seq;
        fragmentLength = length;
        fragmentOffset = offset;
        return this;
    }

    /**
     * @param id     see {@link #regionId()}.
     * @param seq    see {@link #regionSeqnum()}.
     * @param offset see {@link #regionOffset()}.
     * @return this.
     */
    public DriverEvent region(final int id, final int seq, final int offset)
    {
        regionId = id;
        regionSeqnum = seq;
        regionOffset = offset;
        return this;
    }

    /**
     * @param session       see {@link #sessionId()}.
     * @param targetSession see {@link #targetSessionId()}.
     * @param key           see {@link #appKey()}.
     * @param recvSeqStart  see {@link #targetRecvSeqnumStart()}.
     * @param connectSeq    see {@link #connectSeqnum()}.
     * @param connectCode   see {@link #connectStatus()}.
     * @return this.
     */
    public DriverEvent connect(
        final int session,
        final int targetSession,
        final int key,
        final int recvSeqStart,
        final int connectSeq,
        final int connectCode)
    {
        sessionId = session;
        targetSessionId = targetSession;
        appKey = key;
        targetRecvSeqnumStart = recvSeqStart;
        connectSeqnum = connectSeq;
        connectStatus = connectCode;
        return this;
    }

    /**
     * @param ackNumber see {@link #acknum()}.
     * @param sendSeqValue see {@link #sendSeq()}.
     * @param resentFlag see {@link #resent()}.
     * @return this.
     */
    public DriverEvent liback(final int ackNumber, final int sendSeqValue, final int resentFlag)
    {
        acknum = ackNumber;
        sendSeq = sendSeqValue;
        resent = resentFlag;
        return this;
    }

    /**
     * @param value see {@link #nackType()}.
     * @return this.
     */
    public DriverEvent nackType(final int value)
    {
        nackType = value;
        return this;
    }

    /**
     * @param value see {@link #sendqOffset()}.
     * @return this.
     */
    public DriverEvent sendqOffset(final int value)
    {
        sendqOffset = value;
        return this;
    }

    /**
     * @param value see {@link #cookie()}.
     * @return this.
     */
    public DriverEvent cookie(final long value)
    {
        cookie = value;
        return this;
    }

    /**
     * @param value see {@link #status()}.
     * @return this.
     */
    public DriverEvent status(final int value)
    {
        status = value;
        return this;
    }

    /**
     * @param value see {@link #payload()}; null means empty.
     * @return this.
     */
    public DriverEvent payload(final ByteBuffer value)
    {
        payload = value == null ? EMPTY : value;
        return this;
    }

    @Override
    public String toString()
    {
        return "DriverEvent{" + type + " peer=" + peerIndex + " ep=" + srcEndpoint + " seq=" + seqnum
            + " ack=" + piggyack + " match=0x" + Long.toHexString(matchInfo) + " len=" + messageLength
            + " frag=" + fragmentSeqnum + '/' + fragmentLength + '@' + fragmentOffset
            + " region=" + regionId + '/' + regionSeqnum + '@' + regionOffset
            + " session=" + Integer.toHexString(sessionId) + " target=" + Integer.toHexString(targetSessionId)
            + " key=" + appKey + " recvStart=" + targetRecvSeqnumStart + " cseq=" + connectSeqnum
            + " cstatus=" + connectStatus + " acknum=" + acknum + " nack=" + nackType
            + " sendq=" + sendqOffset + " cookie=" + cookie + " status=" + status
            + " payload=" + payload.remaining() + '}';
    }
}
