package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HOSTNAME_LENGTH_MAX;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HOST_BODY_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.HOST_QUERY_MAGIC;

/**
 * HOST_QUERY (3) and HOST_REPLY (4) frames: 16 bytes, both layouts; a reply carries the hostname (NUL included)
 * right after the header.
 * <pre>
 *  0 ptype | 1 pad (query) / hostname length u8 incl. NUL (reply) | 2 src_dst_peer_index u16 | 4 pad (4)
 *  8 magic u32 = 0x13052008 | 12 pad (4) | 16 hostname (reply only)
 * </pre>
 */
public final class HostQueryFlyweight extends MxoeFrameFlyweight<HostQueryFlyweight>
{
    private static final int LENGTH_OFFSET = 1;
    private static final int SRC_DST_PEER_INDEX_OFFSET = LENGTH_OFFSET + Byte.BYTES;
    private static final int MAGIC_OFFSET = SRC_DST_PEER_INDEX_OFFSET + Short.BYTES + Integer.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(HOST_BODY_LENGTH);

    HostQueryFlyweight()
    {
    }

    @Override
    void onEncode(final MxoePacketType type)
    {
        bodyInt(MAGIC_OFFSET, HOST_QUERY_MAGIC);
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return for a reply the hostname length (NUL included); 0 for a query. */
    @Override
    public int payloadLength()
    {
        return packetType() == MxoePacketType.HOST_REPLY ? bodyU8(LENGTH_OFFSET) : 0;
    }

    /** @return byte 1: the hostname length of a reply, padding in a query. */
    public int lengthByte()
    {
        return bodyU8(LENGTH_OFFSET);
    }

    /**
     * @param value byte 1; replies set it through {@link #hostname(byte[], int, int)}, change it only to reproduce a
     *              received query.
     * @return this flyweight.
     */
    public HostQueryFlyweight lengthByte(final int value)
    {
        bodyU8(LENGTH_OFFSET, value, "length");
        return this;
    }

    /** @return the sender's peer index of the receiver (the receiver's reverse index). */
    public int srcDstPeerIndex()
    {
        return bodyU16(SRC_DST_PEER_INDEX_OFFSET);
    }

    /**
     * @param peerIndex the sender's peer-table index of the receiver, 0..0xFFFF.
     * @return this flyweight.
     */
    public HostQueryFlyweight srcDstPeerIndex(final int peerIndex)
    {
        bodyU16(SRC_DST_PEER_INDEX_OFFSET, peerIndex, "src_dst_peer_index");
        return this;
    }

    /** @return the magic ({@value MxoeFrameDescriptor#HOST_QUERY_MAGIC} on valid replies). */
    public int magic()
    {
        return bodyInt(MAGIC_OFFSET);
    }

    /**
     * @param magic the magic; the encoder writes 0x13052008, change it only to reproduce a received query.
     * @return this flyweight.
     */
    public HostQueryFlyweight magic(final int magic)
    {
        bodyInt(MAGIC_OFFSET, magic);
        return this;
    }

    /**
     * Reply only: copies the hostname in and sets its length.
     *
     * @param hostname  the hostname bytes, which should end with a NUL byte, as Open-MX sends them.
     * @param srcOffset first byte.
     * @param length    bytes, NUL included, at most {@value MxoeFrameDescriptor#HOSTNAME_LENGTH_MAX}.
     * @return this flyweight.
     */
    public HostQueryFlyweight hostname(final byte[] hostname, final int srcOffset, final int length)
    {
        bodyU8(LENGTH_OFFSET, checkPayloadLength(length, HOSTNAME_LENGTH_MAX, "hostname"), "length");
        putPayload(hostname, srcOffset, length);
        return this;
    }
}
