package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;

/**
 * One open MX endpoint as the library sees the driver: Open-MX's per-endpoint ioctls as methods, and its expected
 * and unexpected event queues behind {@link #poll(DriverEventHandler, int)}.
 *
 * <h2>Commands</h2>
 * Every send command names the destination by {@code peerIndex} (see {@link Driver#peerIndex(long)}) and
 * {@code destEndpoint} (0..255), and carries the session id the destination expects: the peer's own session as
 * learnt from its connect reply for data (TINY, SMALL, MEDIUM, RNDV), or as learnt from its connect request for
 * "back" traffic (LIBACK, NOTIFY, PULL). The driver never invents sequence numbers or acks: {@code seqnum} and
 * {@code piggyack} are the library's 16-bit values, written to the wire as given. The driver stamps the source
 * (own endpoint index, own session where the frame carries it, own MAC, reverse peer index) itself.
 *
 * <p>A command returns {@link DriverStatus#SUCCESS} when it was taken: its frames were built and handed to the link,
 * in call order with the other commands of this driver. It does not mean the peer received anything: frames may be
 * lost, duplicated or reordered, and resending is the library's job (except for pulls, which the driver repairs
 * itself). Any other status means the command did nothing and produces no event. Commands never throw for a bad
 * parameter; they throw only for a null buffer.
 *
 * <h2>Who owns which memory when</h2>
 * <ul>
 *   <li>Tiny and small payloads: read from the buffer's position to its limit and copied before the call returns;
 *   the buffer's position and limit are left unchanged.</li>
 *   <li>Medium fragments: the library copies each fragment into this endpoint's {@link #sendQueue()} and passes its
 *   offset. From the call until the {@link EventType#SEND_MEDIUMSQ_FRAG_DONE} event carrying that offset, the driver
 *   may read those bytes and the library must not change them. (Resending a fragment means calling
 *   {@link #sendMediumFragment} again with the same offset.) Exactly one DONE event follows each successful
 *   call.</li>
 *   <li>Regions: {@link #createRegion(int, ByteBuffer)} lends memory to the driver until
 *   {@link #destroyRegion(int)} returns. A region named as the pulled region of a RNDV is read by the driver whenever
 *   the peer's PULL arrives, without the library; a region named as the puller region of {@link #pull} is written by
 *   the driver until that pull's {@link EventType#PULL_DONE} event, and its bytes are only meaningful after a
 *   successful one.</li>
 *   <li>Event payloads: valid only during {@link DriverEventHandler#onEvent}.</li>
 * </ul>
 *
 * <h2>Events</h2>
 * Unexpected events (received frames) are delivered in the order the frames arrived; expected events (command
 * completions) in the order they completed; {@link #poll} delivers pending expected events before unexpected ones,
 * with no other ordering between the two queues. A frame that arrives while the unexpected queue is full is dropped
 * and counted (the peer resends, as in Open-MX). Commands that produce an expected event
 * ({@link #sendMediumFragment}, {@link #pull}) reserve its slot when they are called and answer
 * {@link DriverStatus#NO_RESOURCES} when the expected queue has no room, so a completion is never lost.
 *
 * <h2>Threading</h2>
 * Commands, {@link #wakeup()} and the accessors may be called from any thread (the driver serialises them).
 * {@link #poll} must be called by one thread at a time; the handler runs on that thread and may issue commands.
 * {@link #await} consumes nothing, so one thread may wait in it while another polls. {@link #close()} must not race
 * with {@code poll} or {@code await} on another thread.
 *
 * <h2>Progress</h2>
 * The driver moves frames and runs pull retransmission either inside {@code poll}/{@code await} (the caller's
 * progress) or on a thread of its own, as configured; the library needs to do nothing else to make it progress.
 */
public interface DriverEndpoint extends AutoCloseable
{
    /** {@link #sendConnectReply}: the key matched. */
    int CONNECT_STATUS_SUCCESS = 0;
    /** {@link #sendConnectReply}: the key did not match (value fixed by MX wire compatibility). */
    int CONNECT_STATUS_BAD_KEY = 11;

    /** @return the board this endpoint is open on. */
    int board();

    /** @return this endpoint's index on its board, 0..endpointMax-1. */
    int endpointIndex();

    /** @return this endpoint's session id, fresh at every open: peers put it in the frames they send here. */
    int sessionId();

    /** @return the board's limits (fragment sizes, queue sizes). */
    DriverLimits limits();

    /**
     * @return this endpoint's send queue: {@code limits().queueSlots() * limits().sendQueueSlotLength()} bytes, owned
     * by the library except for the ranges lent to the driver by {@link #sendMediumFragment}. The returned object's
     * position and limit are the library's to change; use absolute or duplicated access.
     */
    ByteBuffer sendQueue();

    /**
     * SEND_TINY: one TINY frame.
     *
     * @param peerIndex    destination peer.
     * @param destEndpoint destination endpoint index, 0..255.
     * @param sessionId    the destination endpoint's session id.
     * @param seqnum       16-bit message seqnum.
     * @param piggyack     16-bit cumulative ack for the destination.
     * @param matchInfo    64-bit match info.
     * @param payload      0..{@value DriverLimits#TINY_LENGTH_MAX} bytes, position to limit; copied.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT or BAD_LENGTH.
     */
    DriverStatus sendTiny(
        int peerIndex, int destEndpoint, int sessionId, int seqnum, int piggyack, long matchInfo, ByteBuffer payload);

    /**
     * SEND_SMALL: one SMALL frame. Parameters as {@link #sendTiny}.
     *
     * @param peerIndex    destination peer.
     * @param destEndpoint destination endpoint index.
     * @param sessionId    the destination endpoint's session id.
     * @param seqnum       16-bit message seqnum.
     * @param piggyack     16-bit cumulative ack.
     * @param matchInfo    64-bit match info.
     * @param payload      0..{@value DriverLimits#SMALL_LENGTH_MAX} bytes, position to limit; copied.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT or BAD_LENGTH.
     */
    DriverStatus sendSmall(
        int peerIndex, int destEndpoint, int sessionId, int seqnum, int piggyack, long matchInfo, ByteBuffer payload);

    /**
     * SEND_MEDIUMSQ_FRAG: one MEDIUM fragment frame, payload read from the send queue. All fragments of a message
     * carry the same seqnum, matchInfo and messageLength; fragment {@code i} holds the message bytes from
     * {@code i * limits().mediumFragmentLength()}, and every fragment but the last is full. One
     * {@link EventType#SEND_MEDIUMSQ_FRAG_DONE} event with {@code sendqOffset} follows a successful call.
     *
     * @param peerIndex      destination peer.
     * @param destEndpoint   destination endpoint index.
     * @param sessionId      the destination endpoint's session id.
     * @param seqnum         16-bit message seqnum (same for every fragment).
     * @param piggyack       16-bit cumulative ack.
     * @param matchInfo      64-bit match info.
     * @param messageLength  whole message length, 0..limits().mediumLengthMax().
     * @param fragmentSeqnum fragment index, 0..limits().mediumFragmentsMax()-1.
     * @param sendqOffset    where the fragment's bytes start in {@link #sendQueue()}.
     * @param fragmentLength bytes in this fragment, 0..limits().mediumFragmentLength(), within the message and the
     *                       send queue.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT, BAD_LENGTH, BAD_PARAMETER or
     * NO_RESOURCES.
     */
    DriverStatus sendMediumFragment(
        int peerIndex,
        int destEndpoint,
        int sessionId,
        int seqnum,
        int piggyack,
        long matchInfo,
        int messageLength,
        int fragmentSeqnum,
        int sendqOffset,
        int fragmentLength);

    /**
     * SEND_RNDV: announce a large message whose bytes wait in region {@code pulledRegionId} of this endpoint (create
     * it first). The receiver pulls it and answers with NOTIFY.
     *
     * @param peerIndex          destination peer.
     * @param destEndpoint       destination endpoint index.
     * @param sessionId          the destination endpoint's session id.
     * @param seqnum             16-bit message seqnum.
     * @param piggyack           16-bit cumulative ack.
     * @param matchInfo          64-bit match info.
     * @param messageLength      message length, &gt;= 0.
     * @param pulledRegionId     this endpoint's region holding the message, 0..255.
     * @param pulledRegionSeqnum 8-bit use counter of that region, echoed in the NOTIFY.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT, BAD_LENGTH or BAD_REGION (id out of
     * range; the region's existence is checked when the PULL arrives, not now).
     */
    DriverStatus sendRndv(
        int peerIndex,
        int destEndpoint,
        int sessionId,
        int seqnum,
        int piggyack,
        long matchInfo,
        int messageLength,
        int pulledRegionId,
        int pulledRegionSeqnum);

    /**
     * PULL: fetch {@code length} bytes of the peer's region {@code pulledRegionId} (from {@code pulledRegionOffset})
     * into this endpoint's region {@code pullerRegionId} (from its offset 0). The driver requests blocks of up to
     * {@link DriverLimits#pullRepliesPerBlock()} reply frames, {@link DriverLimits#PULL_BLOCKS_IN_FLIGHT} blocks at a
     * time, writes replies straight into the region, re-requests missing replies on its own timer, and ends with one
     * {@link EventType#PULL_DONE} event carrying {@code cookie}: SUCCESS, a NACK from the pulled side, ABORTED (the
     * puller region was destroyed) or TIMEOUT (the deadline passed). A zero-length pull completes at once.
     *
     * @param peerIndex          the pulled peer (the sender of the RNDV).
     * @param destEndpoint       the pulled endpoint index.
     * @param sessionId          the pulled endpoint's session id (the library's back session for that partner).
     * @param length             bytes to pull, 0..size of the puller region.
     * @param pullerRegionId     this endpoint's region that receives the bytes.
     * @param pulledRegionId     region id from the RNDV.
     * @param pulledRegionSeqnum region seqnum from the RNDV.
     * @param pulledRegionOffset region offset from the RNDV, &gt;= 0.
     * @param timeoutMillis      how long the pull may take in all before it ends with TIMEOUT; 0 for the driver's
     *                           default (Open-MX: resend delay times resends max, about 500 s).
     * @param cookie             the library's 64-bit tag for this pull, echoed by PULL_DONE.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT, BAD_LENGTH, BAD_REGION or NO_RESOURCES
     * (no pull handle or expected event slot).
     */
    DriverStatus pull(
        int peerIndex,
        int destEndpoint,
        int sessionId,
        int length,
        int pullerRegionId,
        int pulledRegionId,
        int pulledRegionSeqnum,
        int pulledRegionOffset,
        int timeoutMillis,
        long cookie);

    /**
     * SEND_NOTIFY: tell the sender of a large message that the pull finished. An ordinary seqnum'd message.
     *
     * @param peerIndex          the large message's sender.
     * @param destEndpoint       its endpoint index.
     * @param sessionId          its session id (the library's back session).
     * @param seqnum             16-bit message seqnum (NOTIFY consumes one).
     * @param piggyack           16-bit cumulative ack.
     * @param totalLength        bytes pulled (becomes the sender's transfer length; 0 for a discarded message).
     * @param pulledRegionId     region id from the RNDV.
     * @param pulledRegionSeqnum region seqnum from the RNDV.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT, BAD_LENGTH or BAD_REGION.
     */
    DriverStatus sendNotify(
        int peerIndex,
        int destEndpoint,
        int sessionId,
        int seqnum,
        int piggyack,
        int totalLength,
        int pulledRegionId,
        int pulledRegionSeqnum);

    /**
     * SEND_CONNECT_REQUEST. The driver fills in this endpoint's session id and its own index of the destination peer
     * (from which the destination learns its reverse index). Connects carry no session check and seqnum 0.
     *
     * @param peerIndex             destination peer.
     * @param destEndpoint          destination endpoint index.
     * @param appKey                the key given to connect; the responder compares it with its endpoint key.
     * @param targetRecvSeqnumStart our next expected receive seqnum from the destination (16 bits).
     * @param connectSeqnum         8-bit per-partner connect attempt counter.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER or BAD_ENDPOINT.
     */
    DriverStatus sendConnectRequest(
        int peerIndex, int destEndpoint, int appKey, int targetRecvSeqnumStart, int connectSeqnum);

    /**
     * SEND_CONNECT_REPLY, also sent when the key was wrong. The driver fills in this endpoint's session id as the
     * target session.
     *
     * @param peerIndex             the requester's peer index (from the RECV_CONNECT_REQUEST event).
     * @param destEndpoint          the requester's endpoint index.
     * @param requesterSessionId    the requester's session id, echoed (from the request).
     * @param targetRecvSeqnumStart our next expected receive seqnum from the requester (16 bits).
     * @param connectSeqnum         the request's connect seqnum, echoed.
     * @param connectStatus         {@link #CONNECT_STATUS_SUCCESS} or {@link #CONNECT_STATUS_BAD_KEY}.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER, BAD_ENDPOINT or BAD_PARAMETER.
     */
    DriverStatus sendConnectReply(
        int peerIndex,
        int destEndpoint,
        int requesterSessionId,
        int targetRecvSeqnumStart,
        int connectSeqnum,
        int connectStatus);

    /**
     * SEND_LIBACK: one TRUC ack frame ("every seqnum below {@code ackUpTo} received").
     *
     * @param peerIndex    destination peer.
     * @param destEndpoint destination endpoint index.
     * @param sessionId    the destination's session id (the library's back session).
     * @param ackUpTo      16-bit cumulative ack (exclusive).
     * @param acknum       32-bit per-partner counter, incremented per liback sent.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_PEER or BAD_ENDPOINT.
     */
    DriverStatus sendLiback(int peerIndex, int destEndpoint, int sessionId, int ackUpTo, int acknum);

    /**
     * CREATE_USER_REGION over one buffer: the region is the buffer's bytes from its position to its limit at the
     * time of the call (later changes of position or limit do not matter). Direct buffers avoid a copy in some
     * drivers.
     *
     * @param regionId 0..{@value DriverLimits#REGION_MAX}-1, not currently created on this endpoint.
     * @param memory   the region's bytes, lent to the driver until {@link #destroyRegion(int)}.
     * @return {@link DriverStatus#SUCCESS}, CLOSED or BAD_REGION.
     */
    DriverStatus createRegion(int regionId, ByteBuffer memory);

    /**
     * CREATE_USER_REGION over a segment list: the region is the concatenation of each segment's bytes from position
     * to limit (MX segment lists). The array is not kept.
     *
     * @param regionId 0..255, not currently created.
     * @param segments the segments.
     * @param count    how many of {@code segments} to use, 1..{@code segments.length}.
     * @return {@link DriverStatus#SUCCESS}, CLOSED, BAD_REGION, BAD_PARAMETER (count) or BAD_LENGTH (total above
     * {@link Integer#MAX_VALUE}).
     */
    DriverStatus createRegion(int regionId, ByteBuffer[] segments, int count);

    /**
     * DESTROY_USER_REGION. Afterwards the driver no longer touches the memory: PULLs naming it as the pulled region
     * are answered with NACK_MCP BAD_RDMAWIN, and a pull of ours writing into it ends with PULL_DONE ABORTED.
     *
     * @param regionId a created region.
     * @return {@link DriverStatus#SUCCESS}, CLOSED or BAD_REGION.
     */
    DriverStatus destroyRegion(int regionId);

    /**
     * Delivers up to {@code maxEvents} pending events to {@code handler} (expected ones first), after making
     * progress if the driver is driven by its caller. Never blocks.
     *
     * @param handler   receives each event.
     * @param maxEvents upper bound, &gt;= 1.
     * @return the number of events delivered; 0 when the endpoint is closed.
     */
    int poll(DriverEventHandler handler, int maxEvents);

    /**
     * @return what the calling thread's last {@link #poll} did besides delivering events: frames and timers its duty
     * cycle handled (pull replies written into regions, PULLs answered, frames for other endpoints); 0 where the
     * driver progresses on a thread of its own. A caller that backs off when idle counts it as work: a pull moves
     * thousands of frames without a single event until its end.
     */
    default int lastPollWork()
    {
        return 0;
    }

    /**
     * Waits until an event can be polled, {@link #wakeup()} is called, or {@code timeoutNanos} passes (Open-MX's
     * WAIT_EVENT). Spins first and sleeps later; makes progress while it waits if the driver is driven by its
     * caller. Does not consume events.
     *
     * @param timeoutNanos how long to wait at most; 0 checks once.
     * @return why it returned.
     */
    WaitResult await(long timeoutNanos);

    /**
     * Makes the current or next {@link #await} return {@link WaitResult#WAKEUP} (MX's {@code mx_wakeup}). Any
     * thread.
     */
    void wakeup();

    /** @return true once {@link #close()} was called or the driver closed. */
    boolean isClosed();

    /**
     * Closes the endpoint: pending events are discarded, pulls are abandoned without events, regions are released.
     * Frames that arrive for it afterwards are answered with NACK_LIB ENDPT_CLOSED. Idempotent.
     */
    @Override
    void close();

    /**
     * Memory where the library may keep its own counters and peer list so that tools read them while the endpoint
     * runs (an endpoint {@link CountersFile}'s area, {@link CountersFile#ENDPOINT_AREA_LENGTH} bytes, native byte
     * order); null when the driver publishes nothing. Only the endpoint's user writes it; it stays writable after
     * close.
     *
     * @return the area, or null.
     */
    default ByteBuffer statisticsArea()
    {
        return null;
    }
}
