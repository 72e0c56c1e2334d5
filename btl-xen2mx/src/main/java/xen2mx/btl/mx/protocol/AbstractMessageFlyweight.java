package xen2mx.btl.mx.protocol;

/**
 * The fields that TINY, SMALL, MEDIUM and RNDV share ({@code struct omx_pkt_msg} less its length word): endpoints,
 * sequence number and piggybacked ack, match info, destination session. Body offsets:
 * <pre>
 *  1 dst_endpoint u8 | 2 src_endpoint u8 | 3 src_generation u8 | 4..7 type-specific (length)
 *  8 lib_seqnum u16 | 10 lib_piggyack u16 | 12 match_a u32 | 16 match_b u32 | 20 session u32
 * </pre>
 *
 * @param <F> the concrete flyweight.
 */
public abstract class AbstractMessageFlyweight<F extends AbstractMessageFlyweight<F>> extends MxoeFrameFlyweight<F>
{
    static final int DST_ENDPOINT_OFFSET = 1;
    static final int SRC_ENDPOINT_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    static final int LENGTH_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    static final int LIB_SEQNUM_OFFSET = LENGTH_OFFSET + Integer.BYTES;
    static final int LIB_PIGGYACK_OFFSET = LIB_SEQNUM_OFFSET + Short.BYTES;
    static final int MATCH_A_OFFSET = LIB_PIGGYACK_OFFSET + Short.BYTES;
    static final int MATCH_B_OFFSET = MATCH_A_OFFSET + Integer.BYTES;
    static final int SESSION_OFFSET = MATCH_B_OFFSET + Integer.BYTES;
    static final int MSG_HEADER_END = SESSION_OFFSET + Integer.BYTES;

    AbstractMessageFlyweight()
    {
    }

    /** @return the destination endpoint index. */
    public final int dstEndpoint()
    {
        return bodyU8(DST_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint destination endpoint index, 0..255.
     * @return this flyweight.
     */
    public final F dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return self();
    }

    /** @return the sender's endpoint index. */
    public final int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint sender endpoint index, 0..255.
     * @return this flyweight.
     */
    public final F srcEndpoint(final int endpoint)
    {
        bodyU8(SRC_ENDPOINT_OFFSET, endpoint, "src_endpoint");
        return self();
    }

    /** @return {@code src_generation} (unused by Open-MX, 0). */
    public final int srcGeneration()
    {
        return bodyU8(SRC_GENERATION_OFFSET);
    }

    /**
     * @param generation {@code src_generation}, 0..255 (leave 0).
     * @return this flyweight.
     */
    public final F srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return self();
    }

    /** @return the 16-bit message sequence number (2-bit session number + 14-bit sequence, see {@link MxoeSeqnum}). */
    public final int libSeqnum()
    {
        return bodyU16(LIB_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the message sequence number, 0..0xFFFF.
     * @return this flyweight.
     */
    public final F libSeqnum(final int seqnum)
    {
        bodyU16(LIB_SEQNUM_OFFSET, seqnum, "lib_seqnum");
        return self();
    }

    /** @return the cumulative ack: every seqnum below this one was received. */
    public final int libPiggyack()
    {
        return bodyU16(LIB_PIGGYACK_OFFSET);
    }

    /**
     * @param piggyack the cumulative ack, 0..0xFFFF.
     * @return this flyweight.
     */
    public final F libPiggyack(final int piggyack)
    {
        bodyU16(LIB_PIGGYACK_OFFSET, piggyack, "lib_piggyack");
        return self();
    }

    /** @return match info bits 63..32 ({@code match_a}). */
    public final int matchA()
    {
        return bodyInt(MATCH_A_OFFSET);
    }

    /** @return match info bits 31..0 ({@code match_b}). */
    public final int matchB()
    {
        return bodyInt(MATCH_B_OFFSET);
    }

    /** @return the 64-bit match info: {@code (match_a << 32) | match_b}. */
    public final long matchInfo()
    {
        return ((long)matchA() << 32) | (matchB() & 0xFFFF_FFFFL);
    }

    /**
     * @param matchInfo the 64-bit match info, written as {@code match_a} (high half) and {@code match_b}.
     * @return this flyweight.
     */
    public final F matchInfo(final long matchInfo)
    {
        bodyInt(MATCH_A_OFFSET, (int)(matchInfo >>> 32));
        bodyInt(MATCH_B_OFFSET, (int)matchInfo);
        return self();
    }

    /** @return the destination endpoint's session id (raw 32 bits). */
    public final int session()
    {
        return bodyInt(SESSION_OFFSET);
    }

    /**
     * @param session the destination endpoint's session id, learnt at connect.
     * @return this flyweight.
     */
    public final F session(final int session)
    {
        bodyInt(SESSION_OFFSET, session);
        return self();
    }
}
