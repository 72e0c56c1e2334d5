package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.MEDIUM_FRAG_BODY_LENGTH;

/**
 * MEDIUM (39) frames: one fragment of a medium message, {@code struct omx_pkt_medium_frag} (32 bytes), payload at
 * frame offset 48. The layouts differ in the {@code length} word and byte 27:
 * <pre>
 *                    DEFAULT                         MX_WIRE_COMPAT
 *  4..7   length u32 (TOTAL message bytes)     length u16 | pad u16
 *  27     pad                                  frag_pipeline u8 = 12 (fragment offset = frag_seqnum &lt;&lt; 12)
 *  common: 0 ptype | 1 dst_endpoint | 2 src_endpoint | 3 src_generation | 8 lib_seqnum | 10 lib_piggyack
 *          12 match_a | 16 match_b | 20 session | 24 frag_length u16 | 26 frag_seqnum u8 | 28 checksum u16 | 30 pad
 * </pre>
 * Every fragment of a message carries the same seqnum, match info and total length; fragment {@code i} holds the
 * message bytes from {@code i x fragLengthMax}.
 */
public final class MediumFragFlyweight extends AbstractMessageFlyweight<MediumFragFlyweight>
{
    private static final int FRAG_LENGTH_OFFSET = MSG_HEADER_END;
    private static final int FRAG_SEQNUM_OFFSET = FRAG_LENGTH_OFFSET + Short.BYTES;
    private static final int FRAG_PIPELINE_OFFSET = FRAG_SEQNUM_OFFSET + Byte.BYTES;
    private static final int CHECKSUM_OFFSET = FRAG_PIPELINE_OFFSET + Byte.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(MEDIUM_FRAG_BODY_LENGTH);

    private final MxoeLayout layout;
    private final int fragLengthMax;

    MediumFragFlyweight(final MxoeLayout layout, final int fragLengthMax)
    {
        this.layout = layout;
        this.fragLengthMax = fragLengthMax;
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        if (layout == MxoeLayout.MX_WIRE_COMPAT)
        {
            bodyU8(FRAG_PIPELINE_OFFSET, MxoeLayout.MX_WIRE_COMPAT_FRAG_PIPELINE, "frag_pipeline");
        }
    }

    /** @return the layout this flyweight reads and writes. */
    public MxoeLayout layout()
    {
        return layout;
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    @Override
    public int payloadLength()
    {
        return fragLength();
    }

    /** @return the TOTAL message length (32-bit field in DEFAULT, 16-bit in compat). */
    public long msgLength()
    {
        return layout == MxoeLayout.MX_WIRE_COMPAT ? bodyU16(LENGTH_OFFSET) : bodyU32(LENGTH_OFFSET);
    }

    /**
     * @param length the total message length; at most 0xFFFF in the compat layout.
     * @return this flyweight.
     */
    public MediumFragFlyweight msgLength(final long length)
    {
        if (layout == MxoeLayout.MX_WIRE_COMPAT)
        {
            if (length < 0 || length > 0xFFFF)
            {
                throw new IllegalArgumentException("compat medium length must fit in 16 bits: " + length);
            }
            bodyU16(LENGTH_OFFSET, (int)length, "length");
        }
        else
        {
            bodyU32(LENGTH_OFFSET, length, "length");
        }
        return this;
    }

    /** @return the payload bytes of this fragment. */
    public int fragLength()
    {
        return bodyU16(FRAG_LENGTH_OFFSET);
    }

    /** @return the fragment index in its message. */
    public int fragSeqnum()
    {
        return bodyU8(FRAG_SEQNUM_OFFSET);
    }

    /**
     * @param index the fragment index, 0..255 (the decoder accepts fewer: 32 or 8 per message).
     * @return this flyweight.
     */
    public MediumFragFlyweight fragSeqnum(final int index)
    {
        bodyU8(FRAG_SEQNUM_OFFSET, index, "frag_seqnum");
        return this;
    }

    /** @return byte 27: {@code frag_pipeline} in the compat layout (12), padding in DEFAULT. */
    public int fragPipeline()
    {
        return bodyU8(FRAG_PIPELINE_OFFSET);
    }

    /**
     * @param pipeline byte 27; the encoder writes 12 in compat and 0 in DEFAULT, change it only to reproduce a frame.
     * @return this flyweight.
     */
    public MediumFragFlyweight fragPipeline(final int pipeline)
    {
        bodyU8(FRAG_PIPELINE_OFFSET, pipeline, "frag_pipeline");
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
    public MediumFragFlyweight checksum(final int checksum)
    {
        bodyU16(CHECKSUM_OFFSET, checksum, "checksum");
        return this;
    }

    /**
     * Copies the fragment payload in and sets {@code frag_length}.
     *
     * @param src       source bytes.
     * @param srcOffset first byte.
     * @param length    bytes, at most the MTU rule's fragment length.
     * @return this flyweight.
     */
    public MediumFragFlyweight payload(final byte[] src, final int srcOffset, final int length)
    {
        payloadLength(length);
        putPayload(src, srcOffset, length);
        return this;
    }

    /**
     * Copies the fragment payload in from a buffer (absolute indexes) and sets {@code frag_length}.
     *
     * @param src      source buffer.
     * @param srcIndex first byte.
     * @param length   bytes, at most the MTU rule's fragment length.
     * @return this flyweight.
     */
    public MediumFragFlyweight payload(final ByteBuffer src, final int srcIndex, final int length)
    {
        payloadLength(length);
        putPayload(src, srcIndex, length);
        return this;
    }

    /**
     * Sets {@code frag_length} only, for a payload written in place at {@link #payloadOffset()}.
     *
     * @param length bytes, at most the MTU rule's fragment length.
     * @return this flyweight.
     */
    public MediumFragFlyweight payloadLength(final int length)
    {
        bodyU16(FRAG_LENGTH_OFFSET, checkPayloadLength(length, fragLengthMax, "medium fragment"), "frag_length");
        return this;
    }
}
