package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.MSG_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.SMALL_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.TINY_LENGTH_MAX;

/**
 * TINY (37) and SMALL (38) frames: {@code struct omx_pkt_msg} (24 bytes, same in both layouts) and the whole
 * payload inline at frame offset 40. See {@link MxoeFrameDescriptor} for the diagram.
 * <pre>
 *  0 ptype | 1 dst_endpoint | 2 src_endpoint | 3 src_generation | 4 length u16 | 6 checksum u16
 *  8 lib_seqnum | 10 lib_piggyack | 12 match_a | 16 match_b | 20 session | 24 payload (length bytes)
 * </pre>
 * Payload limits: TINY {@value MxoeFrameDescriptor#TINY_LENGTH_MAX}, SMALL {@value MxoeFrameDescriptor#SMALL_LENGTH_MAX}.
 */
public final class EagerMessageFlyweight extends AbstractMessageFlyweight<EagerMessageFlyweight>
{
    private static final int CHECKSUM_OFFSET = LENGTH_OFFSET + Short.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(MSG_BODY_LENGTH);

    private int payloadLengthMax = SMALL_LENGTH_MAX;

    EagerMessageFlyweight()
    {
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        payloadLengthMax = type == MxoePacketType.TINY ? TINY_LENGTH_MAX : SMALL_LENGTH_MAX;
    }

    /**
     * @param payloadLength bytes of payload.
     * @return the frame length a TINY or SMALL of that payload needs (at least 60).
     */
    public static int computeFrameLength(final int payloadLength)
    {
        return Math.max(MxoeFrameDescriptor.MIN_FRAME_LENGTH, HEADER_LENGTH + payloadLength);
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    @Override
    public int payloadLength()
    {
        return bodyU16(LENGTH_OFFSET);
    }

    /** @return the debug checksum (0 unless the sender is an Open-MX debug build). */
    public int checksum()
    {
        return bodyU16(CHECKSUM_OFFSET);
    }

    /**
     * @param checksum debug checksum, 0..0xFFFF (leave 0).
     * @return this flyweight.
     */
    public EagerMessageFlyweight checksum(final int checksum)
    {
        bodyU16(CHECKSUM_OFFSET, checksum, "checksum");
        return this;
    }

    /**
     * Copies the payload in and sets {@code length}.
     *
     * @param src       source bytes.
     * @param srcOffset first byte.
     * @param length    bytes, at most 32 (TINY) or 128 (SMALL).
     * @return this flyweight.
     */
    public EagerMessageFlyweight payload(final byte[] src, final int srcOffset, final int length)
    {
        payloadLength(length);
        putPayload(src, srcOffset, length);
        return this;
    }

    /**
     * Copies the payload in from a buffer (absolute indexes, the source's position is unchanged) and sets
     * {@code length}.
     *
     * @param src      source buffer.
     * @param srcIndex first byte.
     * @param length   bytes, at most 32 (TINY) or 128 (SMALL).
     * @return this flyweight.
     */
    public EagerMessageFlyweight payload(final ByteBuffer src, final int srcIndex, final int length)
    {
        payloadLength(length);
        putPayload(src, srcIndex, length);
        return this;
    }

    /**
     * Sets {@code length} only, for a payload written in place at {@link #payloadOffset()}.
     *
     * @param length bytes, at most 32 (TINY) or 128 (SMALL).
     * @return this flyweight.
     */
    public EagerMessageFlyweight payloadLength(final int length)
    {
        bodyU16(LENGTH_OFFSET, checkPayloadLength(length, payloadLengthMax, "eager payload"), "length");
        return this;
    }
}
