package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RAW_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.RAW_FRAME_LENGTH_MAX;

/**
 * RAW (1) frames of raw endpoints (peer discovery, {@code omxoed}): the head, the ptype, then opaque bytes up to
 * the end of the frame; the whole frame is at most {@value MxoeFrameDescriptor#RAW_FRAME_LENGTH_MAX} bytes. There
 * is no length field, so a received raw payload includes any Ethernet padding.
 * <pre>
 *  0 ptype (1) | 1.. opaque payload
 * </pre>
 */
public final class RawFlyweight extends MxoeFrameFlyweight<RawFlyweight>
{
    /** The largest raw payload: a 1024-byte frame less the head and the ptype. */
    public static final int PAYLOAD_LENGTH_MAX = RAW_FRAME_LENGTH_MAX - MxoeFrameDescriptor.HEAD_LENGTH
        - RAW_BODY_LENGTH;
    private static final int HEADER_LENGTH = headerLengthOf(RAW_BODY_LENGTH);

    private int payloadLength;

    RawFlyweight()
    {
    }

    @Override
    void onWrap()
    {
        payloadLength = Math.max(0, Math.min(wrappedLength(), RAW_FRAME_LENGTH_MAX) - HEADER_LENGTH);
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        payloadLength = 0;
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the opaque bytes: the rest of a received frame, or what was written when encoding. */
    @Override
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * Copies the opaque payload in.
     *
     * @param src       source bytes.
     * @param srcOffset first byte.
     * @param length    bytes, at most {@link #PAYLOAD_LENGTH_MAX}.
     * @return this flyweight.
     */
    public RawFlyweight payload(final byte[] src, final int srcOffset, final int length)
    {
        payloadLength = checkPayloadLength(length, PAYLOAD_LENGTH_MAX, "raw payload");
        putPayload(src, srcOffset, length);
        return this;
    }

    /**
     * Copies the opaque payload in from a buffer (absolute indexes).
     *
     * @param src      source buffer.
     * @param srcIndex first byte.
     * @param length   bytes, at most {@link #PAYLOAD_LENGTH_MAX}.
     * @return this flyweight.
     */
    public RawFlyweight payload(final ByteBuffer src, final int srcIndex, final int length)
    {
        payloadLength = checkPayloadLength(length, PAYLOAD_LENGTH_MAX, "raw payload");
        putPayload(src, srcIndex, length);
        return this;
    }
}
