package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.ETHERTYPE_MXOE;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HEAD_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.MAC_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.MIN_FRAME_LENGTH;

/**
 * Base of the MXoE flyweights: a view over one frame in a {@link ByteBuffer}, from the first byte of its Ethernet
 * header. It reads and writes the envelope (MACs, EtherType, peer index, ptype); subclasses add their body fields.
 * Setters return the concrete flyweight so calls chain:
 * {@code encoder.tiny(buffer, 0).destinationMac(dst).sourceMac(src).peerIndex(3).dstEndpoint(1)...}.
 *
 * <p>Contract: a flyweight never allocates, never changes the buffer's position, limit or byte order, and reads
 * big-endian whatever that order is. Reading methods assume the frame passed {@link MxoeFrameDecoder} (or was
 * encoded here); on other bytes they return whatever the bytes say, or throw {@link IndexOutOfBoundsException} past
 * the buffer. Setters throw {@link IllegalArgumentException} for values that do not fit their wire field. Not
 * thread-safe: one flyweight per thread.
 *
 * @param <F> the concrete flyweight, returned by setters.
 */
public abstract class MxoeFrameFlyweight<F extends MxoeFrameFlyweight<F>>
{
    private static final int DESTINATION_MAC_OFFSET = 0;
    private static final int SOURCE_MAC_OFFSET = DESTINATION_MAC_OFFSET + MAC_LENGTH;
    private static final int ETHERTYPE_OFFSET = SOURCE_MAC_OFFSET + MAC_LENGTH;
    private static final int PEER_INDEX_OFFSET = ETHERTYPE_OFFSET + Short.BYTES;
    private static final int BODY_OFFSET = PEER_INDEX_OFFSET + Short.BYTES;
    private static final int PTYPE_BODY_OFFSET = 0;

    private ByteBuffer buffer;
    private int offset;
    private int length;

    MxoeFrameFlyweight()
    {
    }

    /**
     * Wraps an existing frame for reading (or for changing some fields in place).
     *
     * @param buffer the buffer holding the frame.
     * @param offset index of the frame's first byte (destination MAC).
     * @param length bytes of the frame present in the buffer.
     * @return this flyweight.
     */
    public final F wrap(final ByteBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        onWrap();
        return self();
    }

    /**
     * Starts a new frame: zeroes the fixed header (and the rest of a minimum-size frame), writes EtherType
     * {@code 0x86DF} and the ptype; subclasses then write their constant fields.
     */
    final F wrapForEncode(final ByteBuffer buffer, final int offset, final MxoePacketType type)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = buffer.limit() - offset;
        onWrap();
        final int zeroed = Math.max(MIN_FRAME_LENGTH, headerLength());
        if (zeroed > length)
        {
            throw new IndexOutOfBoundsException("frame of " + zeroed + " bytes at " + offset + " exceeds limit "
                + buffer.limit());
        }
        MxoeBytes.zero(buffer, offset, offset + zeroed);
        MxoeBytes.putU16(buffer, offset + ETHERTYPE_OFFSET, ETHERTYPE_MXOE);
        MxoeBytes.putU8(buffer, offset + BODY_OFFSET + PTYPE_BODY_OFFSET, type.code());
        onEncode(type);
        return self();
    }

    /** Called after every wrap, before any field is touched (for layout-dependent state). */
    void onWrap()
    {
    }

    /** Called by {@link #wrapForEncode} once the header is zeroed: writes constant fields of the type. */
    void onEncode(final MxoePacketType type)
    {
    }

    @SuppressWarnings("unchecked")
    final F self()
    {
        return (F)this;
    }

    /** @return the wrapped buffer. */
    public final ByteBuffer buffer()
    {
        return buffer;
    }

    /** @return index of the frame's first byte in {@link #buffer()}. */
    public final int offset()
    {
        return offset;
    }

    /** @return bytes available from {@link #offset()}: the received frame length, or up to the limit when encoding. */
    public final int wrappedLength()
    {
        return length;
    }

    /** @return bytes before the payload: 16-byte head + the fixed body of this type (and layout). */
    public abstract int headerLength();

    /** @return payload bytes declared by the header (0 for types without payload). */
    public int payloadLength()
    {
        return 0;
    }

    /** @return index in {@link #buffer()} of the first payload byte. */
    public final int payloadOffset()
    {
        return offset + headerLength();
    }

    /**
     * @return bytes to send: header + payload, at least {@value MxoeFrameDescriptor#MIN_FRAME_LENGTH} (the encoder
     * zeroed the padding).
     */
    public final int frameLength()
    {
        return Math.max(MIN_FRAME_LENGTH, headerLength() + payloadLength());
    }

    /** @return the destination MAC as a 48-bit integer (byte 0 in bits 47..40). */
    public final long destinationMac()
    {
        return MxoeBytes.getU48(buffer, offset + DESTINATION_MAC_OFFSET);
    }

    /**
     * @param mac 48-bit MAC, byte 0 in bits 47..40 (see {@link MxoeFrameDescriptor#macToLong(byte[])}).
     * @return this flyweight.
     */
    public final F destinationMac(final long mac)
    {
        MxoeBytes.putU48(buffer, offset + DESTINATION_MAC_OFFSET, MxoeBytes.checkU48(mac, "destination MAC"));
        return self();
    }

    /** @return the source MAC as a 48-bit integer. */
    public final long sourceMac()
    {
        return MxoeBytes.getU48(buffer, offset + SOURCE_MAC_OFFSET);
    }

    /**
     * @param mac 48-bit MAC.
     * @return this flyweight.
     */
    public final F sourceMac(final long mac)
    {
        MxoeBytes.putU48(buffer, offset + SOURCE_MAC_OFFSET, MxoeBytes.checkU48(mac, "source MAC"));
        return self();
    }

    /** @return the EtherType field. */
    public final int etherType()
    {
        return MxoeBytes.getU16(buffer, offset + ETHERTYPE_OFFSET);
    }

    /** @return {@code dst_src_peer_index}: the sender's index in the receiver's peer table, 0xFFFF if unknown. */
    public final int peerIndex()
    {
        return MxoeBytes.getU16(buffer, offset + PEER_INDEX_OFFSET);
    }

    /**
     * @param peerIndex the sender's index in the receiver's peer table (the reverse index), or
     *                  {@link MxoeFrameDescriptor#UNKNOWN_PEER_INDEX}.
     * @return this flyweight.
     */
    public final F peerIndex(final int peerIndex)
    {
        MxoeBytes.putU16(buffer, offset + PEER_INDEX_OFFSET, MxoeBytes.checkU16(peerIndex, "peer index"));
        return self();
    }

    /** @return the ptype byte. */
    public final int packetTypeCode()
    {
        return bodyU8(PTYPE_BODY_OFFSET);
    }

    /** @return the packet type, or null for an unknown code. */
    public final MxoePacketType packetType()
    {
        return MxoePacketType.fromCode(packetTypeCode());
    }

    /**
     * Copies the payload out.
     *
     * @param dst       destination array.
     * @param dstOffset where the first byte goes.
     */
    public final void getPayload(final byte[] dst, final int dstOffset)
    {
        buffer.get(payloadOffset(), dst, dstOffset, payloadLength());
    }

    final void putPayload(final byte[] src, final int srcOffset, final int payloadLength)
    {
        buffer.put(payloadOffset(), src, srcOffset, payloadLength);
    }

    final void putPayload(final ByteBuffer src, final int srcIndex, final int payloadLength)
    {
        buffer.put(payloadOffset(), src, srcIndex, payloadLength);
    }

    static int checkPayloadLength(final int payloadLength, final int max, final String what)
    {
        if (payloadLength < 0 || payloadLength > max)
        {
            throw new IllegalArgumentException(what + " of " + payloadLength + " bytes outside 0.." + max);
        }
        return payloadLength;
    }

    final int bodyU8(final int bodyOffset)
    {
        return MxoeBytes.getU8(buffer, offset + BODY_OFFSET + bodyOffset);
    }

    final void bodyU8(final int bodyOffset, final int value, final String field)
    {
        MxoeBytes.putU8(buffer, offset + BODY_OFFSET + bodyOffset, MxoeBytes.checkU8(value, field));
    }

    final int bodyU16(final int bodyOffset)
    {
        return MxoeBytes.getU16(buffer, offset + BODY_OFFSET + bodyOffset);
    }

    final void bodyU16(final int bodyOffset, final int value, final String field)
    {
        MxoeBytes.putU16(buffer, offset + BODY_OFFSET + bodyOffset, MxoeBytes.checkU16(value, field));
    }

    final int bodyInt(final int bodyOffset)
    {
        return MxoeBytes.getInt(buffer, offset + BODY_OFFSET + bodyOffset);
    }

    final void bodyInt(final int bodyOffset, final int value)
    {
        MxoeBytes.putInt(buffer, offset + BODY_OFFSET + bodyOffset, value);
    }

    final long bodyU32(final int bodyOffset)
    {
        return MxoeBytes.getU32(buffer, offset + BODY_OFFSET + bodyOffset);
    }

    final void bodyU32(final int bodyOffset, final long value, final String field)
    {
        MxoeBytes.putInt(buffer, offset + BODY_OFFSET + bodyOffset, (int)MxoeBytes.checkU32(value, field));
    }

    static int headerLengthOf(final int bodyLength)
    {
        return HEAD_LENGTH + bodyLength;
    }
}
