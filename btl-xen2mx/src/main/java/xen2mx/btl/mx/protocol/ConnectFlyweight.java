package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.CONNECT_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.CONNECT_DATA_LENGTH;

/**
 * CONNECT (36) frames, request and reply: {@code struct omx_pkt_connect}, 32 bytes, no payload, both layouts.
 * Not seqnum'd ({@code lib_seqnum} 0); the driver finds the sender by source MAC, not by peer index.
 * <pre>
 *  0 ptype | 1 dst_endpoint | 2 src_endpoint | 3 src_generation | 4 length u8 (16) | 5 pad (3)
 *  8 lib_seqnum u16 (0) | 10 src_dst_peer_index u16 (sender's index of the receiver) | 12 pad (4)
 *                 request                         reply
 * 16 src_session_id u32 (requester)         src_session_id u32 (echo)
 * 20 app_key u32                            target_session_id u32 (responder)
 * 24 target_recv_seqnum_start u16           target_recv_seqnum_start u16
 * 26 is_reply u8 = 0                        is_reply u8 = 1
 * 27 connect_seqnum u8                      connect_seqnum u8 (echo)
 * 28 pad (4)                                connect_status_code u8 (0 success, 11 bad key) | 29 pad (3)
 * </pre>
 * {@link #appKey()} and {@link #targetSessionId()} read the same bytes; use the one {@link #isReply()} selects.
 */
public final class ConnectFlyweight extends MxoeFrameFlyweight<ConnectFlyweight>
{
    private static final int DST_ENDPOINT_OFFSET = 1;
    private static final int SRC_ENDPOINT_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int LENGTH_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int LIB_SEQNUM_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    private static final int SRC_DST_PEER_INDEX_OFFSET = LIB_SEQNUM_OFFSET + Short.BYTES;
    private static final int SRC_SESSION_ID_OFFSET = SRC_DST_PEER_INDEX_OFFSET + Short.BYTES + Integer.BYTES;
    private static final int APP_KEY_OFFSET = SRC_SESSION_ID_OFFSET + Integer.BYTES;
    private static final int TARGET_SESSION_ID_OFFSET = APP_KEY_OFFSET;
    private static final int TARGET_RECV_SEQNUM_START_OFFSET = APP_KEY_OFFSET + Integer.BYTES;
    private static final int IS_REPLY_OFFSET = TARGET_RECV_SEQNUM_START_OFFSET + Short.BYTES;
    private static final int CONNECT_SEQNUM_OFFSET = IS_REPLY_OFFSET + Byte.BYTES;
    private static final int STATUS_CODE_OFFSET = CONNECT_SEQNUM_OFFSET + Byte.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(CONNECT_BODY_LENGTH);

    ConnectFlyweight()
    {
    }

    /** Sets the constant fields: data length 16 and {@code is_reply}. */
    ConnectFlyweight encodeKind(final boolean reply)
    {
        bodyU8(LENGTH_OFFSET, CONNECT_DATA_LENGTH, "length");
        bodyU8(IS_REPLY_OFFSET, reply ? 1 : 0, "is_reply");
        return this;
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the destination endpoint index. */
    public int dstEndpoint()
    {
        return bodyU8(DST_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint destination endpoint index, 0..255.
     * @return this flyweight.
     */
    public ConnectFlyweight dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return this;
    }

    /** @return the sender's endpoint index. */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint sender endpoint index, 0..255.
     * @return this flyweight.
     */
    public ConnectFlyweight srcEndpoint(final int endpoint)
    {
        bodyU8(SRC_ENDPOINT_OFFSET, endpoint, "src_endpoint");
        return this;
    }

    /** @return {@code src_generation} (unused, 0). */
    public int srcGeneration()
    {
        return bodyU8(SRC_GENERATION_OFFSET);
    }

    /**
     * @param generation {@code src_generation} (leave 0).
     * @return this flyweight.
     */
    public ConnectFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the connect data length (16 on frames this codec sends, at least 16 on valid frames). */
    public int dataLength()
    {
        return bodyU8(LENGTH_OFFSET);
    }

    /**
     * @param length the data length; the encoder writes 16, change it only to reproduce a received frame.
     * @return this flyweight.
     */
    public ConnectFlyweight dataLength(final int length)
    {
        bodyU8(LENGTH_OFFSET, length, "length");
        return this;
    }

    /** @return {@code lib_seqnum} (0 from Open-MX; echoed in the NACK_LIB that refuses a connect). */
    public int libSeqnum()
    {
        return bodyU16(LIB_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum {@code lib_seqnum} (leave 0).
     * @return this flyweight.
     */
    public ConnectFlyweight libSeqnum(final int seqnum)
    {
        bodyU16(LIB_SEQNUM_OFFSET, seqnum, "lib_seqnum");
        return this;
    }

    /** @return the sender's index of the receiver: the receiver stores it as its reverse index. */
    public int srcDstPeerIndex()
    {
        return bodyU16(SRC_DST_PEER_INDEX_OFFSET);
    }

    /**
     * @param peerIndex the sender's peer-table index of the receiver, 0..0xFFFF.
     * @return this flyweight.
     */
    public ConnectFlyweight srcDstPeerIndex(final int peerIndex)
    {
        bodyU16(SRC_DST_PEER_INDEX_OFFSET, peerIndex, "src_dst_peer_index");
        return this;
    }

    /** @return the requester's session id (echoed by the reply). */
    public int srcSessionId()
    {
        return bodyInt(SRC_SESSION_ID_OFFSET);
    }

    /**
     * @param session the requester's session id.
     * @return this flyweight.
     */
    public ConnectFlyweight srcSessionId(final int session)
    {
        bodyInt(SRC_SESSION_ID_OFFSET, session);
        return this;
    }

    /** @return request only: the key given to connect, checked against the responder's endpoint key. */
    public int appKey()
    {
        return bodyInt(APP_KEY_OFFSET);
    }

    /**
     * @param key request only: the application key.
     * @return this flyweight.
     */
    public ConnectFlyweight appKey(final int key)
    {
        bodyInt(APP_KEY_OFFSET, key);
        return this;
    }

    /** @return reply only: the responder's session id, to put in data packets. */
    public int targetSessionId()
    {
        return bodyInt(TARGET_SESSION_ID_OFFSET);
    }

    /**
     * @param session reply only: the responder's session id.
     * @return this flyweight.
     */
    public ConnectFlyweight targetSessionId(final int session)
    {
        bodyInt(TARGET_SESSION_ID_OFFSET, session);
        return this;
    }

    /** @return the sender's next expected receive seqnum from the receiver. */
    public int targetRecvSeqnumStart()
    {
        return bodyU16(TARGET_RECV_SEQNUM_START_OFFSET);
    }

    /**
     * @param seqnum the sender's next expected receive seqnum, 0..0xFFFF.
     * @return this flyweight.
     */
    public ConnectFlyweight targetRecvSeqnumStart(final int seqnum)
    {
        bodyU16(TARGET_RECV_SEQNUM_START_OFFSET, seqnum, "target_recv_seqnum_start");
        return this;
    }

    /** @return true for a reply ({@code is_reply} = 1), false for a request. */
    public boolean isReply()
    {
        return bodyU8(IS_REPLY_OFFSET) != 0;
    }

    /** @return the raw {@code is_reply} byte (0 or 1 on valid frames). */
    public int isReplyByte()
    {
        return bodyU8(IS_REPLY_OFFSET);
    }

    /** @return the per-partner 8-bit connect attempt counter (echoed by the reply). */
    public int connectSeqnum()
    {
        return bodyU8(CONNECT_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the connect attempt counter, 0..255.
     * @return this flyweight.
     */
    public ConnectFlyweight connectSeqnum(final int seqnum)
    {
        bodyU8(CONNECT_SEQNUM_OFFSET, seqnum, "connect_seqnum");
        return this;
    }

    /** @return reply only: {@value MxoeFrameDescriptor#CONNECT_STATUS_SUCCESS} or
     * {@value MxoeFrameDescriptor#CONNECT_STATUS_BAD_KEY}; a pad byte in requests. */
    public int statusCode()
    {
        return bodyU8(STATUS_CODE_OFFSET);
    }

    /**
     * @param status reply only: the connect status code, 0..255.
     * @return this flyweight.
     */
    public ConnectFlyweight statusCode(final int status)
    {
        bodyU8(STATUS_CODE_OFFSET, status, "connect_status_code");
        return this;
    }
}
