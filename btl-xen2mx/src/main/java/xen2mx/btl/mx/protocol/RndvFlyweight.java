package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RNDV_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RNDV_DATA_LENGTH;

/**
 * RNDV (40) frames: {@code struct omx_pkt_rndv}, 32 bytes, no payload, same in both layouts.
 * <pre>
 *  0..23 as {@link EagerMessageFlyweight}, with length = 8 (the rndv data below)
 * 24 msg_length u32 | 28 pulled_rdma_id u8 | 29 pulled_rdma_seqnum u8 | 30 pulled_rdma_offset u16 (0)
 * </pre>
 */
public final class RndvFlyweight extends AbstractMessageFlyweight<RndvFlyweight>
{
    private static final int CHECKSUM_OFFSET = LENGTH_OFFSET + Short.BYTES;
    private static final int MSG_LENGTH_OFFSET = MSG_HEADER_END;
    private static final int PULLED_RDMA_ID_OFFSET = MSG_LENGTH_OFFSET + Integer.BYTES;
    private static final int PULLED_RDMA_SEQNUM_OFFSET = PULLED_RDMA_ID_OFFSET + Byte.BYTES;
    private static final int PULLED_RDMA_OFFSET_OFFSET = PULLED_RDMA_SEQNUM_OFFSET + Byte.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(RNDV_BODY_LENGTH);

    RndvFlyweight()
    {
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        dataLength(RNDV_DATA_LENGTH);
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the {@code length} field: rendezvous data bytes, at least 8 on a valid frame. */
    public int dataLength()
    {
        return bodyU16(LENGTH_OFFSET);
    }

    /**
     * @param length the {@code length} field; the encoder writes 8, change it only to reproduce a received frame.
     * @return this flyweight.
     */
    public RndvFlyweight dataLength(final int length)
    {
        bodyU16(LENGTH_OFFSET, length, "length");
        return this;
    }

    /** @return the debug checksum. */
    public int checksum()
    {
        return bodyU16(CHECKSUM_OFFSET);
    }

    /**
     * @param checksum debug checksum (leave 0).
     * @return this flyweight.
     */
    public RndvFlyweight checksum(final int checksum)
    {
        bodyU16(CHECKSUM_OFFSET, checksum, "checksum");
        return this;
    }

    /** @return the full message length in bytes. */
    public long msgLength()
    {
        return bodyU32(MSG_LENGTH_OFFSET);
    }

    /**
     * @param length the full message length, 0..2^32-1.
     * @return this flyweight.
     */
    public RndvFlyweight msgLength(final long length)
    {
        bodyU32(MSG_LENGTH_OFFSET, length, "msg_length");
        return this;
    }

    /** @return the sender-side region id. */
    public int pulledRdmaId()
    {
        return bodyU8(PULLED_RDMA_ID_OFFSET);
    }

    /**
     * @param id the sender-side region id, 0..255.
     * @return this flyweight.
     */
    public RndvFlyweight pulledRdmaId(final int id)
    {
        bodyU8(PULLED_RDMA_ID_OFFSET, id, "pulled_rdma_id");
        return this;
    }

    /** @return the region use counter. */
    public int pulledRdmaSeqnum()
    {
        return bodyU8(PULLED_RDMA_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the region use counter, 0..255.
     * @return this flyweight.
     */
    public RndvFlyweight pulledRdmaSeqnum(final int seqnum)
    {
        bodyU8(PULLED_RDMA_SEQNUM_OFFSET, seqnum, "pulled_rdma_seqnum");
        return this;
    }

    /** @return the offset in the region (always 0 from Open-MX). */
    public int pulledRdmaOffset()
    {
        return bodyU16(PULLED_RDMA_OFFSET_OFFSET);
    }

    /**
     * @param offset offset in the region, 0..0xFFFF.
     * @return this flyweight.
     */
    public RndvFlyweight pulledRdmaOffset(final int offset)
    {
        bodyU16(PULLED_RDMA_OFFSET_OFFSET, offset, "pulled_rdma_offset");
        return this;
    }
}
