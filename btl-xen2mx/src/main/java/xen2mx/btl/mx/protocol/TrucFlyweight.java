package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.LIBACK_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.TRUC_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.TRUC_TYPE_ACK;

/**
 * TRUC (35) frames carrying a library ack (liback): {@code struct omx_pkt_truc}, 28 bytes, both layouts. Never
 * nacked: a bad endpoint or session just drops it.
 * <pre>
 *  0 ptype | 1 dst_endpoint | 2 src_endpoint | 3 src_generation | 4 length u8 (16) | 5 pad (3)
 *  8 session u32 (of the destination) | 12 type u8 (0x55 ack) | 13 pad | 14 lib_seqnum u16 (ack up to, exclusive)
 * 16 session_id u32 (= session) | 20 acknum u32 | 24 send_seq u16 (= lib_seqnum) | 26 resent u8 | 27 pad
 * </pre>
 */
public final class TrucFlyweight extends MxoeFrameFlyweight<TrucFlyweight>
{
    private static final int DST_ENDPOINT_OFFSET = 1;
    private static final int SRC_ENDPOINT_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int LENGTH_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int SESSION_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    private static final int TYPE_OFFSET = SESSION_OFFSET + Integer.BYTES;
    private static final int LIB_SEQNUM_OFFSET = TYPE_OFFSET + Short.BYTES;
    private static final int SESSION_ID_OFFSET = LIB_SEQNUM_OFFSET + Short.BYTES;
    private static final int ACKNUM_OFFSET = SESSION_ID_OFFSET + Integer.BYTES;
    private static final int SEND_SEQ_OFFSET = ACKNUM_OFFSET + Integer.BYTES;
    private static final int RESENT_OFFSET = SEND_SEQ_OFFSET + Short.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(TRUC_BODY_LENGTH);

    TrucFlyweight()
    {
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        bodyU8(LENGTH_OFFSET, LIBACK_DATA_LENGTH, "length");
        bodyU8(TYPE_OFFSET, TRUC_TYPE_ACK, "type");
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
    public TrucFlyweight dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return this;
    }

    /** @return the acker's endpoint index. */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the acker's endpoint index, 0..255.
     * @return this flyweight.
     */
    public TrucFlyweight srcEndpoint(final int endpoint)
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
    public TrucFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the TRUC data length (16 for a liback). */
    public int dataLength()
    {
        return bodyU8(LENGTH_OFFSET);
    }

    /**
     * @param length the data length; the encoder writes 16, change it only to reproduce a received frame.
     * @return this flyweight.
     */
    public TrucFlyweight dataLength(final int length)
    {
        bodyU8(LENGTH_OFFSET, length, "length");
        return this;
    }

    /** @return the TRUC subtype ({@value MxoeFrameDescriptor#TRUC_TYPE_ACK} on valid frames). */
    public int trucType()
    {
        return bodyU8(TYPE_OFFSET);
    }

    /** @return the destination session at byte 8 (the acker's back session id). */
    public int session()
    {
        return bodyInt(SESSION_OFFSET);
    }

    /** @return the liback's own copy of the session at byte 16 (equal to {@link #session()} on valid frames). */
    public int libackSessionId()
    {
        return bodyInt(SESSION_ID_OFFSET);
    }

    /**
     * Writes the destination session into both session fields (bytes 8 and 16).
     *
     * @param session the destination's session id.
     * @return this flyweight.
     */
    public TrucFlyweight session(final int session)
    {
        bodyInt(SESSION_OFFSET, session);
        bodyInt(SESSION_ID_OFFSET, session);
        return this;
    }

    /** @return the ack: every seqnum below this one was received (exclusive bound). */
    public int libSeqnum()
    {
        return bodyU16(LIB_SEQNUM_OFFSET);
    }

    /**
     * @param ackUpTo the cumulative ack (exclusive), 0..0xFFFF.
     * @return this flyweight.
     */
    public TrucFlyweight libSeqnum(final int ackUpTo)
    {
        bodyU16(LIB_SEQNUM_OFFSET, ackUpTo, "lib_seqnum");
        return this;
    }

    /** @return the per-partner liback counter; receivers ignore values not above the last seen. */
    public long acknum()
    {
        return bodyU32(ACKNUM_OFFSET);
    }

    /**
     * @param acknum the per-partner liback counter, 0..2^32-1.
     * @return this flyweight.
     */
    public TrucFlyweight acknum(final long acknum)
    {
        bodyU32(ACKNUM_OFFSET, acknum, "acknum");
        return this;
    }

    /** @return {@code send_seq} (Open-MX writes the same value as {@link #libSeqnum()}). */
    public int sendSeq()
    {
        return bodyU16(SEND_SEQ_OFFSET);
    }

    /**
     * @param sendSeq {@code send_seq}, 0..0xFFFF (write the ack value, as Open-MX does).
     * @return this flyweight.
     */
    public TrucFlyweight sendSeq(final int sendSeq)
    {
        bodyU16(SEND_SEQ_OFFSET, sendSeq, "send_seq");
        return this;
    }

    /** @return the {@code resent} byte (0 from Open-MX). */
    public int resent()
    {
        return bodyU8(RESENT_OFFSET);
    }

    /**
     * @param resent the {@code resent} byte, 0..255 (leave 0).
     * @return this flyweight.
     */
    public TrucFlyweight resent(final int resent)
    {
        bodyU8(RESENT_OFFSET, resent, "resent");
        return this;
    }
}
