package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.NACK_LIB_BODY_LENGTH;

/**
 * NACK_LIB (44) frames: a driver refuses a library message (TINY, SMALL, MEDIUM, RNDV, NOTIFY, CONNECT).
 * 16 bytes, both layouts.
 * <pre>
 *  0 ptype | 1 src_endpoint (the refusing endpoint = the message's destination) | 2 src_generation
 *  3 nack_type u8 (1 bad endpoint, 2 endpoint closed, 3 bad session) | 4 pad (4) | 8 pad
 *  9 dst_endpoint (the message's sender) | 10 dst_src_peer_index u16 | 12 lib_seqnum u16 (of the refused message)
 * 14 pad (2)
 * </pre>
 */
public final class NackLibFlyweight extends MxoeFrameFlyweight<NackLibFlyweight>
{
    private static final int SRC_ENDPOINT_OFFSET = 1;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int NACK_TYPE_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int DST_ENDPOINT_OFFSET = NACK_TYPE_OFFSET + Byte.BYTES + Integer.BYTES + Byte.BYTES;
    private static final int DST_SRC_PEER_INDEX_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int LIB_SEQNUM_OFFSET = DST_SRC_PEER_INDEX_OFFSET + Short.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(NACK_LIB_BODY_LENGTH);

    NackLibFlyweight()
    {
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the refusing endpoint (the refused message's destination). */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the refusing endpoint index, 0..255.
     * @return this flyweight.
     */
    public NackLibFlyweight srcEndpoint(final int endpoint)
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
    public NackLibFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the raw nack type byte. */
    public int nackTypeCode()
    {
        return bodyU8(NACK_TYPE_OFFSET);
    }

    /** @return the nack type, or null for an unknown code. */
    public MxoeNackType nackType()
    {
        return MxoeNackType.fromCode(nackTypeCode());
    }

    /**
     * @param type {@link MxoeNackType#BAD_ENDPT}, {@link MxoeNackType#ENDPT_CLOSED} or {@link MxoeNackType#BAD_SESSION}.
     * @return this flyweight.
     */
    public NackLibFlyweight nackType(final MxoeNackType type)
    {
        return nackTypeCode(type.code());
    }

    /**
     * @param code the raw nack type byte, 0..255 (to reproduce a received frame).
     * @return this flyweight.
     */
    public NackLibFlyweight nackTypeCode(final int code)
    {
        bodyU8(NACK_TYPE_OFFSET, code, "nack_type");
        return this;
    }

    /** @return the endpoint the nack goes to (the refused message's sender). */
    public int dstEndpoint()
    {
        return bodyU8(DST_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the refused message's sender endpoint, 0..255.
     * @return this flyweight.
     */
    public NackLibFlyweight dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return this;
    }

    /** @return the body copy of the peer index. */
    public int dstSrcPeerIndex()
    {
        return bodyU16(DST_SRC_PEER_INDEX_OFFSET);
    }

    /**
     * @param peerIndex the peer index copy, 0..0xFFFF (Open-MX writes the refuser's index of the nacked peer).
     * @return this flyweight.
     */
    public NackLibFlyweight dstSrcPeerIndex(final int peerIndex)
    {
        bodyU16(DST_SRC_PEER_INDEX_OFFSET, peerIndex, "dst_src_peer_index");
        return this;
    }

    /** @return the seqnum of the refused message (0 for a connect). */
    public int libSeqnum()
    {
        return bodyU16(LIB_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the refused message's seqnum, 0..0xFFFF.
     * @return this flyweight.
     */
    public NackLibFlyweight libSeqnum(final int seqnum)
    {
        bodyU16(LIB_SEQNUM_OFFSET, seqnum, "lib_seqnum");
        return this;
    }
}
