package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.NOTIFY_BODY_LENGTH;

/**
 * NOTIFY (43) frames: {@code struct omx_pkt_notify}, 24 bytes, no payload, both layouts. Sent by the receiver of
 * a large message once its pull is done; consumes a seqnum like any message.
 * <pre>
 *  0 ptype | 1 dst_endpoint (the large message's sender) | 2 src_endpoint (the puller) | 3 src_generation
 *  4 session u32 (of the destination) | 8 total_length u32 (bytes pulled)
 * 12 pulled_rdma_id u8 | 13 pulled_rdma_seqnum u8 | 14 pad (4) | 18 lib_seqnum u16 | 20 lib_piggyack u16 | 22 pad
 * </pre>
 */
public final class NotifyFlyweight extends MxoeFrameFlyweight<NotifyFlyweight>
{
    private static final int DST_ENDPOINT_OFFSET = 1;
    private static final int SRC_ENDPOINT_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SESSION_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int TOTAL_LENGTH_OFFSET = SESSION_OFFSET + Integer.BYTES;
    private static final int PULLED_RDMA_ID_OFFSET = TOTAL_LENGTH_OFFSET + Integer.BYTES;
    private static final int PULLED_RDMA_SEQNUM_OFFSET = PULLED_RDMA_ID_OFFSET + Byte.BYTES;
    private static final int LIB_SEQNUM_OFFSET = PULLED_RDMA_SEQNUM_OFFSET + Byte.BYTES + Integer.BYTES;
    private static final int LIB_PIGGYACK_OFFSET = LIB_SEQNUM_OFFSET + Short.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(NOTIFY_BODY_LENGTH);

    NotifyFlyweight()
    {
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the destination endpoint index (the large message's sender). */
    public int dstEndpoint()
    {
        return bodyU8(DST_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint destination endpoint index, 0..255.
     * @return this flyweight.
     */
    public NotifyFlyweight dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return this;
    }

    /** @return the sender's (puller's) endpoint index. */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint sender endpoint index, 0..255.
     * @return this flyweight.
     */
    public NotifyFlyweight srcEndpoint(final int endpoint)
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
    public NotifyFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the destination's session id (the puller's back session id). */
    public int session()
    {
        return bodyInt(SESSION_OFFSET);
    }

    /**
     * @param session the destination's session id.
     * @return this flyweight.
     */
    public NotifyFlyweight session(final int session)
    {
        bodyInt(SESSION_OFFSET, session);
        return this;
    }

    /** @return the bytes actually pulled (the sender's xfer length). */
    public long totalLength()
    {
        return bodyU32(TOTAL_LENGTH_OFFSET);
    }

    /**
     * @param length the bytes pulled, 0..2^32-1.
     * @return this flyweight.
     */
    public NotifyFlyweight totalLength(final long length)
    {
        bodyU32(TOTAL_LENGTH_OFFSET, length, "total_length");
        return this;
    }

    /** @return the sender's region id from the RNDV. */
    public int pulledRdmaId()
    {
        return bodyU8(PULLED_RDMA_ID_OFFSET);
    }

    /**
     * @param id the region id from the RNDV, 0..255.
     * @return this flyweight.
     */
    public NotifyFlyweight pulledRdmaId(final int id)
    {
        bodyU8(PULLED_RDMA_ID_OFFSET, id, "pulled_rdma_id");
        return this;
    }

    /** @return the sender's region seqnum from the RNDV. */
    public int pulledRdmaSeqnum()
    {
        return bodyU8(PULLED_RDMA_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the region seqnum from the RNDV, 0..255.
     * @return this flyweight.
     */
    public NotifyFlyweight pulledRdmaSeqnum(final int seqnum)
    {
        bodyU8(PULLED_RDMA_SEQNUM_OFFSET, seqnum, "pulled_rdma_seqnum");
        return this;
    }

    /** @return the message sequence number of this NOTIFY. */
    public int libSeqnum()
    {
        return bodyU16(LIB_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the sequence number, 0..0xFFFF.
     * @return this flyweight.
     */
    public NotifyFlyweight libSeqnum(final int seqnum)
    {
        bodyU16(LIB_SEQNUM_OFFSET, seqnum, "lib_seqnum");
        return this;
    }

    /** @return the cumulative ack. */
    public int libPiggyack()
    {
        return bodyU16(LIB_PIGGYACK_OFFSET);
    }

    /**
     * @param piggyack the cumulative ack, 0..0xFFFF.
     * @return this flyweight.
     */
    public NotifyFlyweight libPiggyack(final int piggyack)
    {
        bodyU16(LIB_PIGGYACK_OFFSET, piggyack, "lib_piggyack");
        return this;
    }
}
