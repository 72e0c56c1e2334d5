package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.PULL_REPLY_BODY_LENGTH;

/**
 * PULL_REPLY (42) frames: one frame of pulled data, {@code struct omx_pkt_pull_reply} (16 bytes, both layouts),
 * payload at frame offset 32. No endpoint or session field: the puller finds its endpoint through the magic.
 * <pre>
 *  0 ptype | 1 frame_seqnum u8 (frame index mod 256) | 2 frame_length u16 (payload bytes)
 *  4 msg_offset u32 (of the payload in the pulled message) | 8 dst_pull_handle u32 | 12 dst_magic u32
 * </pre>
 */
public final class PullReplyFlyweight extends MxoeFrameFlyweight<PullReplyFlyweight>
{
    private static final int FRAME_SEQNUM_OFFSET = 1;
    private static final int FRAME_LENGTH_OFFSET = FRAME_SEQNUM_OFFSET + Byte.BYTES;
    private static final int MSG_OFFSET_OFFSET = FRAME_LENGTH_OFFSET + Short.BYTES;
    private static final int DST_PULL_HANDLE_OFFSET = MSG_OFFSET_OFFSET + Integer.BYTES;
    private static final int DST_MAGIC_OFFSET = DST_PULL_HANDLE_OFFSET + Integer.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(PULL_REPLY_BODY_LENGTH);

    private final int frameLengthMax;

    PullReplyFlyweight(final int frameLengthMax)
    {
        this.frameLengthMax = frameLengthMax;
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return {@code frame_length}: the payload bytes of this reply. */
    @Override
    public int payloadLength()
    {
        return bodyU16(FRAME_LENGTH_OFFSET);
    }

    /** @return the absolute frame index modulo 256. */
    public int frameSeqnum()
    {
        return bodyU8(FRAME_SEQNUM_OFFSET);
    }

    /**
     * @param seqnum the frame index modulo 256 (pass {@code index & 0xFF}).
     * @return this flyweight.
     */
    public PullReplyFlyweight frameSeqnum(final int seqnum)
    {
        bodyU8(FRAME_SEQNUM_OFFSET, seqnum, "frame_seqnum");
        return this;
    }

    /** @return the offset of this payload within the pulled message. */
    public long msgOffset()
    {
        return bodyU32(MSG_OFFSET_OFFSET);
    }

    /**
     * @param offset the offset of this payload within the pulled message, 0..2^32-1.
     * @return this flyweight.
     */
    public PullReplyFlyweight msgOffset(final long offset)
    {
        bodyU32(MSG_OFFSET_OFFSET, offset, "msg_offset");
        return this;
    }

    /** @return the echo of the PULL's {@code src_pull_handle}. */
    public int dstPullHandle()
    {
        return bodyInt(DST_PULL_HANDLE_OFFSET);
    }

    /**
     * @param handle the PULL's {@code src_pull_handle}.
     * @return this flyweight.
     */
    public PullReplyFlyweight dstPullHandle(final int handle)
    {
        bodyInt(DST_PULL_HANDLE_OFFSET, handle);
        return this;
    }

    /** @return the echo of the PULL's {@code src_magic}. */
    public int dstMagic()
    {
        return bodyInt(DST_MAGIC_OFFSET);
    }

    /**
     * @param magic the PULL's {@code src_magic}.
     * @return this flyweight.
     */
    public PullReplyFlyweight dstMagic(final int magic)
    {
        bodyInt(DST_MAGIC_OFFSET, magic);
        return this;
    }

    /** @return the puller's endpoint index hidden in the magic. */
    public long dstEndpoint()
    {
        return MxoeFrameDescriptor.endpointOfPullMagic(dstMagic());
    }

    /**
     * Copies the payload in and sets {@code frame_length}.
     *
     * @param src       source bytes.
     * @param srcOffset first byte.
     * @param length    bytes, at most the MTU rule's pull reply length.
     * @return this flyweight.
     */
    public PullReplyFlyweight payload(final byte[] src, final int srcOffset, final int length)
    {
        payloadLength(length);
        putPayload(src, srcOffset, length);
        return this;
    }

    /**
     * Copies the payload in from a buffer (absolute indexes) and sets {@code frame_length}.
     *
     * @param src      source buffer.
     * @param srcIndex first byte.
     * @param length   bytes, at most the MTU rule's pull reply length.
     * @return this flyweight.
     */
    public PullReplyFlyweight payload(final ByteBuffer src, final int srcIndex, final int length)
    {
        payloadLength(length);
        putPayload(src, srcIndex, length);
        return this;
    }

    /**
     * Sets {@code frame_length} only, for a payload written in place at {@link #payloadOffset()}.
     *
     * @param length bytes, at most the MTU rule's pull reply length.
     * @return this flyweight.
     */
    public PullReplyFlyweight payloadLength(final int length)
    {
        bodyU16(FRAME_LENGTH_OFFSET, checkPayloadLength(length, frameLengthMax, "pull reply"), "frame_length");
        return this;
    }
}
