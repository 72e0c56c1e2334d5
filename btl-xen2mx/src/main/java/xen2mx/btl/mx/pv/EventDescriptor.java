package xen2mx.btl.mx.pv;

import java.nio.ByteBuffer;


import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.EventType;

/**
 * The event ring's slot (backend to guest): one {@link DriverEvent} for one of the guest's endpoints, 128 bytes,
 * native order. A payload (tiny, small, medium fragment) is not in the slot: it lies in receive slot
 * {@code RECV_SLOT} of the guest's segment ({@link SegmentLayout}), {@code PAYLOAD_LENGTH} bytes.
 *
 * <pre>
 *  0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+
 *  | ENDPOINT      | TYPE (code)   | PEER_INDEX    | SRC_ENDPOINT  |   0
 *  | SEQNUM        | PIGGYACK      | MATCH_INFO (i64)              |  16
 *  | MESSAGE_LENGTH| FRAG_SEQNUM   | FRAG_LENGTH   | FRAG_OFFSET   |  32
 *  | REGION_ID     | REGION_SEQNUM | REGION_OFFSET | SESSION_ID    |  48
 *  | TARGET_SESSION| APP_KEY       | RECV_SEQ_START| CONNECT_SEQNUM|  64
 *  | CONNECT_STATUS| ACKNUM        | SEND_SEQ      | RESENT        |  80
 *  | NACK_TYPE     | SENDQ_OFFSET  | COOKIE (i64)                  |  96
 *  | STATUS        | RECV_SLOT     | PAYLOAD_LENGTH| (zero)        | 112
 *  +---------------+---------------+---------------+---------------+
 * </pre>
 * TYPE is an {@link EventType} code, or {@link #REGION_DESTROYED} (the backend no longer touches a region's segment
 * range: the guest may reuse it), or {@link #ENDPOINT_CLOSED} (the backend closed the endpoint).
 */
public final class EventDescriptor
{
    public static final int SLOT_LENGTH = 128;
    /** Internal event: REGION_ID's segment range is free again. */
    public static final int REGION_DESTROYED = 0x30;
    /** Internal event: the endpoint was closed by the backend. */
    public static final int ENDPOINT_CLOSED = 0x31;
    /** RECV_SLOT when there is no payload. */
    public static final int NO_SLOT = -1;

    private static final int ENDPOINT = 0;
    private static final int TYPE = 4;
    private static final int PEER_INDEX = 8;
    private static final int SRC_ENDPOINT = 12;
    private static final int SEQNUM = 16;
    private static final int PIGGYACK = 20;
    private static final int MATCH_INFO = 24;
    private static final int MESSAGE_LENGTH = 32;
    private static final int FRAG_SEQNUM = 36;
    private static final int FRAG_LENGTH = 40;
    private static final int FRAG_OFFSET = 44;
    private static final int REGION_ID = 48;
    private static final int REGION_SEQNUM = 52;
    private static final int REGION_OFFSET = 56;
    private static final int SESSION_ID = 60;
    private static final int TARGET_SESSION = 64;
    private static final int APP_KEY = 68;
    private static final int RECV_SEQ_START = 72;
    private static final int CONNECT_SEQNUM = 76;
    private static final int CONNECT_STATUS = 80;
    private static final int ACKNUM = 84;
    private static final int SEND_SEQ = 88;
    private static final int RESENT = 92;
    private static final int NACK_TYPE = 96;
    private static final int SENDQ_OFFSET = 100;
    private static final int COOKIE = 104;
    private static final int STATUS = 112;
    private static final int RECV_SLOT = 116;
    private static final int PAYLOAD_LENGTH = 120;

    private EventDescriptor()
    {
    }

    /**
     * Writes an event into a slot.
     *
     * @param ring          the ring's buffer.
     * @param at            the slot's offset.
     * @param endpoint      the guest endpoint it is for.
     * @param event         the event.
     * @param recvSlot      the receive slot holding its payload, or {@link #NO_SLOT}.
     * @param payloadLength payload bytes.
     */
    public static void encode(final SharedBuffer ring, final int at, final int endpoint, final DriverEvent event,
        final int recvSlot, final int payloadLength)
    {
        ring.putInt(at + ENDPOINT, endpoint);
        ring.putInt(at + TYPE, event.type().code());
        ring.putInt(at + PEER_INDEX, event.peerIndex());
        ring.putInt(at + SRC_ENDPOINT, event.srcEndpoint());
        ring.putInt(at + SEQNUM, event.seqnum());
        ring.putInt(at + PIGGYACK, event.piggyack());
        ring.putLong(at + MATCH_INFO, event.matchInfo());
        ring.putInt(at + MESSAGE_LENGTH, event.messageLength());
        ring.putInt(at + FRAG_SEQNUM, event.fragmentSeqnum());
        ring.putInt(at + FRAG_LENGTH, event.fragmentLength());
        ring.putInt(at + FRAG_OFFSET, event.fragmentOffset());
        ring.putInt(at + REGION_ID, event.regionId());
        ring.putInt(at + REGION_SEQNUM, event.regionSeqnum());
        ring.putInt(at + REGION_OFFSET, event.regionOffset());
        ring.putInt(at + SESSION_ID, event.sessionId());
        ring.putInt(at + TARGET_SESSION, event.targetSessionId());
        ring.putInt(at + APP_KEY, event.appKey());
        ring.putInt(at + RECV_SEQ_START, event.targetRecvSeqnumStart());
        ring.putInt(at + CONNECT_SEQNUM, event.connectSeqnum());
        ring.putInt(at + CONNECT_STATUS, event.connectStatus());
        ring.putInt(at + ACKNUM, event.acknum());
        ring.putInt(at + SEND_SEQ, event.sendSeq());
        ring.putInt(at + RESENT, event.resent());
        ring.putInt(at + NACK_TYPE, event.nackType());
        ring.putInt(at + SENDQ_OFFSET, event.sendqOffset());
        ring.putLong(at + COOKIE, event.cookie());
        ring.putInt(at + STATUS, event.status());
        ring.putInt(at + RECV_SLOT, recvSlot);
        ring.putInt(at + PAYLOAD_LENGTH, payloadLength);
    }

    /**
     * Writes an internal event (no {@link DriverEvent}).
     *
     * @param ring     the ring's buffer.
     * @param at       the slot's offset.
     * @param endpoint the endpoint.
     * @param type     {@link #REGION_DESTROYED} or {@link #ENDPOINT_CLOSED}.
     * @param regionId the region, for REGION_DESTROYED.
     */
    public static void encodeInternal(
        final SharedBuffer ring, final int at, final int endpoint, final int type, final int regionId)
    {
        ring.setMemory(at, SLOT_LENGTH, (byte)0);
        ring.putInt(at + ENDPOINT, endpoint);
        ring.putInt(at + TYPE, type);
        ring.putInt(at + REGION_ID, regionId);
        ring.putInt(at + RECV_SLOT, NO_SLOT);
    }

    /** @return the endpoint field. */
    public static int endpoint(final SharedBuffer ring, final int at)
    {
        return ring.getInt(at + ENDPOINT);
    }

    /** @return the type code. */
    public static int type(final SharedBuffer ring, final int at)
    {
        return ring.getInt(at + TYPE);
    }

    /** @return the receive slot, or {@link #NO_SLOT}. */
    public static int recvSlot(final SharedBuffer ring, final int at)
    {
        return ring.getInt(at + RECV_SLOT);
    }

    /** @return the payload length. */
    public static int payloadLength(final SharedBuffer ring, final int at)
    {
        return ring.getInt(at + PAYLOAD_LENGTH);
    }

    /** @return the region id field. */
    public static int regionId(final SharedBuffer ring, final int at)
    {
        return ring.getInt(at + REGION_ID);
    }

    /**
     * Fills {@code event} from a slot whose TYPE is an {@link EventType} code.
     *
     * @param ring    the ring's buffer.
     * @param at      the slot's offset.
     * @param type    the decoded type.
     * @param event   the event to fill.
     * @param payload the payload view (may be null for none).
     * @return {@code event}.
     */
    public static DriverEvent decode(final SharedBuffer ring, final int at, final EventType type,
        final DriverEvent event, final ByteBuffer payload)
    {
        return event.reset(type).peerIndex(ring.getInt(at + PEER_INDEX)).srcEndpoint(ring.getInt(at + SRC_ENDPOINT))
            .seqnum(ring.getInt(at + SEQNUM)).piggyack(ring.getInt(at + PIGGYACK))
            .matchInfo(ring.getLong(at + MATCH_INFO)).messageLength(ring.getInt(at + MESSAGE_LENGTH))
            .fragment(ring.getInt(at + FRAG_SEQNUM), ring.getInt(at + FRAG_LENGTH), ring.getInt(at + FRAG_OFFSET))
            .region(ring.getInt(at + REGION_ID), ring.getInt(at + REGION_SEQNUM), ring.getInt(at + REGION_OFFSET))
            .connect(ring.getInt(at + SESSION_ID), ring.getInt(at + TARGET_SESSION), ring.getInt(at + APP_KEY),
                ring.getInt(at + RECV_SEQ_START), ring.getInt(at + CONNECT_SEQNUM), ring.getInt(at + CONNECT_STATUS))
            .liback(ring.getInt(at + ACKNUM), ring.getInt(at + SEND_SEQ), ring.getInt(at + RESENT))
            .nackType(ring.getInt(at + NACK_TYPE)).sendqOffset(ring.getInt(at + SENDQ_OFFSET))
            .cookie(ring.getLong(at + COOKIE)).status(ring.getInt(at + STATUS)).payload(payload);
    }
}
