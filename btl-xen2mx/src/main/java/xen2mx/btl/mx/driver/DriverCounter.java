package xen2mx.btl.mx.driver;

/**
 * Driver counters, with ids that never change (tools read them by id while the driver runs) and labels.
 *
 * <p>Accounting rule, checked by the tests: every frame the core receives is counted once in
 * {@link #FRAMES_RECEIVED} and exactly once in a counter of kind {@link Kind#ACCEPTED} (it was processed) or
 * {@link Kind#DROPPED} (it was refused, by reason). A refused frame may additionally cause a NACK (counted under
 * {@link #NACK_LIB_SENT} / {@link #NACK_MCP_SENT}).
 */
public enum DriverCounter
{
    /** Frames handed to the link or to the local loopback, all types, retransmits included. */
    FRAMES_SENT(0, Kind.OTHER, "Frames sent"),
    /** Frames taken from the link or the local loopback, before any check. */
    FRAMES_RECEIVED(1, Kind.OTHER, "Frames received"),
    /** Bytes of {@link #FRAMES_SENT}, Ethernet header included. */
    BYTES_SENT(2, Kind.OTHER, "Bytes sent"),
    /** Bytes of {@link #FRAMES_RECEIVED}. */
    BYTES_RECEIVED(3, Kind.OTHER, "Bytes received"),
    /** Frames the link refused (congested) even after retrying; lost, as on a real wire. */
    SEND_CONGESTED(4, Kind.OTHER, "Send refused by link"),
    /** Frames addressed to this board's own MAC, delivered through the local loopback. */
    LOOPBACK_FRAMES(5, Kind.OTHER, "Loopback frames"),
    /** Exceptions caught in the driver's duty cycle (a bug; the frame or timer step was abandoned). */
    ERRORS(6, Kind.OTHER, "Errors"),

    /** TINY frames sent. */
    TINY_SENT(10, Kind.OTHER, "Tiny sent"),
    /** SMALL frames sent. */
    SMALL_SENT(11, Kind.OTHER, "Small sent"),
    /** MEDIUM fragment frames sent. */
    MEDIUM_FRAG_SENT(12, Kind.OTHER, "Medium fragments sent"),
    /** RNDV frames sent. */
    RNDV_SENT(13, Kind.OTHER, "Rndv sent"),
    /** NOTIFY frames sent. */
    NOTIFY_SENT(14, Kind.OTHER, "Notify sent"),
    /** CONNECT request frames sent. */
    CONNECT_REQUEST_SENT(15, Kind.OTHER, "Connect requests sent"),
    /** CONNECT reply frames sent. */
    CONNECT_REPLY_SENT(16, Kind.OTHER, "Connect replies sent"),
    /** TRUC (liback) frames sent. */
    LIBACK_SENT(17, Kind.OTHER, "Libacks sent"),
    /** NACK_LIB frames sent (bad endpoint, closed endpoint, bad session). */
    NACK_LIB_SENT(18, Kind.OTHER, "Nack lib sent"),
    /** NACK_MCP frames sent (answers to bad PULLs). */
    NACK_MCP_SENT(19, Kind.OTHER, "Nack mcp sent"),
    /** PULL request frames sent, first requests and retransmits. */
    PULL_SENT(20, Kind.OTHER, "Pull requests sent"),
    /** PULL_REPLY frames sent. */
    PULL_REPLY_SENT(21, Kind.OTHER, "Pull replies sent"),
    /** HOST_REPLY frames sent. */
    HOST_REPLY_SENT(22, Kind.OTHER, "Host replies sent"),

    /** TINY frames delivered as events. */
    TINY_RECEIVED(30, Kind.ACCEPTED, "Tiny received"),
    /** SMALL frames delivered as events. */
    SMALL_RECEIVED(31, Kind.ACCEPTED, "Small received"),
    /** MEDIUM fragments delivered as events. */
    MEDIUM_FRAG_RECEIVED(32, Kind.ACCEPTED, "Medium fragments received"),
    /** RNDV frames delivered as events. */
    RNDV_RECEIVED(33, Kind.ACCEPTED, "Rndv received"),
    /** NOTIFY frames delivered as events. */
    NOTIFY_RECEIVED(34, Kind.ACCEPTED, "Notify received"),
    /** CONNECT requests delivered as events. */
    CONNECT_REQUEST_RECEIVED(35, Kind.ACCEPTED, "Connect requests received"),
    /** CONNECT replies delivered as events. */
    CONNECT_REPLY_RECEIVED(36, Kind.ACCEPTED, "Connect replies received"),
    /** TRUC libacks delivered as events. */
    LIBACK_RECEIVED(37, Kind.ACCEPTED, "Libacks received"),
    /** NACK_LIB frames delivered as events. */
    NACK_LIB_RECEIVED(38, Kind.ACCEPTED, "Nack lib received"),
    /** NACK_MCP frames that ended one of our pulls. */
    NACK_MCP_RECEIVED(39, Kind.ACCEPTED, "Nack mcp received"),
    /** PULL requests answered with replies. */
    PULL_RECEIVED(40, Kind.ACCEPTED, "Pull requests received"),
    /** PULL_REPLY frames written into a region. */
    PULL_REPLY_RECEIVED(41, Kind.ACCEPTED, "Pull replies received"),
    /** HOST_QUERY frames answered. */
    HOST_QUERY_RECEIVED(42, Kind.ACCEPTED, "Host queries received"),
    /** HOST_REPLY frames that updated the peer table. */
    HOST_REPLY_RECEIVED(43, Kind.ACCEPTED, "Host replies received"),

    /** Dropped: too short for its headers. */
    DROP_TOO_SHORT(50, Kind.DROPPED, "Drop too short"),
    /** Dropped: EtherType is not 0x86DF. */
    DROP_BAD_ETHERTYPE(51, Kind.DROPPED, "Drop bad EtherType"),
    /** Dropped: unknown packet type. */
    DROP_UNKNOWN_TYPE(52, Kind.DROPPED, "Drop unknown type"),
    /** Dropped: a packet type never valid on the wire, or one this driver does not serve (RAW). */
    DROP_INVALID_TYPE(53, Kind.DROPPED, "Drop invalid type"),
    /** Dropped: a declared length outside what its type allows. */
    DROP_BAD_DATA_LENGTH(54, Kind.DROPPED, "Drop bad data length"),
    /** Dropped: a declared length larger than the bytes present. */
    DROP_LENGTH_MISMATCH(55, Kind.DROPPED, "Drop length mismatch"),
    /** Dropped: a header field holds a value the protocol never sends. */
    DROP_BAD_FIELD(56, Kind.DROPPED, "Drop bad field"),
    /** Dropped: destination MAC is neither ours nor broadcast. */
    DROP_NOT_FOR_US(57, Kind.DROPPED, "Drop not for this board"),
    /** Dropped: the source MAC is not a unicast address, or no peer index or MAC identifies the sender. */
    DROP_BAD_PEER(58, Kind.DROPPED, "Drop unknown peer"),
    /** Dropped: a CONNECT from a new peer while the peer table is full. */
    DROP_PEER_TABLE_FULL(59, Kind.DROPPED, "Drop peer table full"),
    /** Refused (NACK BAD_ENDPT when the type asks for one): destination endpoint index out of range. */
    DROP_BAD_ENDPOINT(60, Kind.DROPPED, "Drop bad endpoint"),
    /** Refused (NACK ENDPT_CLOSED when the type asks for one): destination endpoint not open. */
    DROP_ENDPOINT_CLOSED(61, Kind.DROPPED, "Drop endpoint closed"),
    /** Refused (NACK BAD_SESSION when the type asks for one): wrong destination session. */
    DROP_BAD_SESSION(62, Kind.DROPPED, "Drop bad session"),
    /** Dropped: the endpoint's unexpected event queue was full (the peer resends). */
    DROP_UNEXP_EVENTQ_FULL(63, Kind.DROPPED, "Drop unexpected event queue full"),
    /** Refused with NACK_MCP BAD_RDMAWIN: a PULL for a region that does not exist. */
    DROP_PULL_BAD_REGION(64, Kind.DROPPED, "Drop pull bad region"),
    /** Dropped: a PULL asking for bytes outside the region. */
    DROP_PULL_BAD_OFFSET_LENGTH(65, Kind.DROPPED, "Drop pull bad offset or length"),
    /** Dropped: a PULL_REPLY or NACK_MCP whose magic names no open endpoint. */
    DROP_PULL_REPLY_BAD_MAGIC(66, Kind.DROPPED, "Drop pull reply bad magic"),
    /** Dropped: a PULL_REPLY or NACK_MCP for no live pull handle (stale generation, other endpoint). */
    DROP_PULL_REPLY_BAD_HANDLE(67, Kind.DROPPED, "Drop pull reply bad handle"),
    /** Dropped: a PULL_REPLY whose frame number, offset or length disagree with the pull. */
    DROP_PULL_REPLY_BAD_FRAME(68, Kind.DROPPED, "Drop pull reply bad frame"),
    /** Dropped: a PULL_REPLY for a frame not currently requested (outside the window). */
    DROP_PULL_REPLY_OUT_OF_WINDOW(69, Kind.DROPPED, "Drop pull reply out of window"),
    /** Dropped: a PULL_REPLY for a frame already received. */
    DROP_PULL_REPLY_DUPLICATE(70, Kind.DROPPED, "Drop pull reply duplicate"),
    /** Dropped: a NACK_LIB for an endpoint not open here. */
    DROP_NACK_BAD_ENDPOINT(71, Kind.DROPPED, "Drop nack for closed endpoint"),
    /** Dropped: a frame from our own MAC that came back from the link. */
    DROP_OWN_FRAME(72, Kind.DROPPED, "Drop own frame"),
    /** Dropped: a loopback frame found no room in the loopback queue. */
    DROP_LOOPBACK_FULL(73, Kind.OTHER, "Drop loopback queue full"),
    /**
     * Frames the link dropped before the core saw them, because the receive ring was full (the kernel's count for a
     * raw socket); not in {@link #FRAMES_RECEIVED}.
     */
    DROP_RECEIVE_RING_FULL(74, Kind.OTHER, "Drop receive ring full (link)"),

    /** Pulls started. */
    PULLS_STARTED(80, Kind.OTHER, "Pulls started"),
    /** Pulls that ended with PULL_DONE SUCCESS. */
    PULLS_COMPLETED(81, Kind.OTHER, "Pulls completed"),
    /** Pulls that ended otherwise (NACK, aborted, timeout). */
    PULLS_FAILED(82, Kind.OTHER, "Pulls failed"),
    /** PULL requests re-sent by the retransmission timer for missing replies. */
    PULL_TIMEOUT_RETRANSMITS(83, Kind.OTHER, "Pull retransmits (timer)"),
    /** PULL requests re-sent early because a later block completed first. */
    PULL_EARLY_RETRANSMITS(84, Kind.OTHER, "Pull retransmits (later block done first)"),
    /** Pulls ended by their deadline. */
    PULL_TIMEOUTS(85, Kind.OTHER, "Pull timeouts"),
    /** Commands refused with NO_RESOURCES (expected event queue or pull handles exhausted). */
    NO_RESOURCES(86, Kind.OTHER, "Commands without resources"),
    /** Received frames whose peer index was unknown or stale, resolved by source MAC instead. */
    PEER_INDEX_FALLBACKS(87, Kind.OTHER, "Peer index fallbacks"),
    /** Peers added to the table. */
    PEERS_ADDED(88, Kind.OTHER, "Peers added"),
    /** Endpoints opened. */
    ENDPOINTS_OPENED(89, Kind.OTHER, "Endpoints opened"),
    /** Endpoints closed. */
    ENDPOINTS_CLOSED(90, Kind.OTHER, "Endpoints closed"),
    /** Blocks of pulls that waited for pull reply frames of other pulls to arrive (receive ring budget). */
    PULL_BLOCKS_DEFERRED(91, Kind.OTHER, "Pull blocks deferred (receive ring budget)");

    /** How a counter takes part in the receive accounting rule. */
    public enum Kind
    {
        /** A received frame processed. */
        ACCEPTED,
        /** A received frame refused. */
        DROPPED,
        /** Anything else. */
        OTHER
    }

    /** One more than the largest id: the size of a counters array. */
    public static final int ID_LIMIT = 96;

    private static final DriverCounter[] BY_ID = new DriverCounter[ID_LIMIT];

    static
    {
        for (final DriverCounter counter : values())
        {
            if (BY_ID[counter.id] != null)
            {
                throw new IllegalStateException("duplicate counter id " + counter.id);
            }
            BY_ID[counter.id] = counter;
        }
    }

    private final int id;
    private final Kind kind;
    private final String label;

    DriverCounter(final int id, final Kind kind, final String label)
    {
        this.id = id;
        this.kind = kind;
        this.label = label;
    }

    /** @return the stable id. */
    public int id()
    {
        return id;
    }

    /** @return the role in the receive accounting rule. */
    public Kind kind()
    {
        return kind;
    }

    /** @return a short human label. */
    public String label()
    {
        return label;
    }

    /**
     * @param id a stable id.
     * @return the counter, or null if the id is unused.
     */
    public static DriverCounter fromId(final int id)
    {
        return id >= 0 && id < ID_LIMIT ? BY_ID[id] : null;
    }
}
