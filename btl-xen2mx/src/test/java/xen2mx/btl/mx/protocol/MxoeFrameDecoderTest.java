package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_DATA_LENGTH;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_ENDPOINT_RANGE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_ETHERTYPE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.BAD_FIELD;
import static xen2mx.btl.mx.protocol.MxoeDropReason.INVALID_TYPE;
import static xen2mx.btl.mx.protocol.MxoeDropReason.LENGTH_MISMATCH;
import static xen2mx.btl.mx.protocol.MxoeDropReason.TOO_SHORT;
import static xen2mx.btl.mx.protocol.MxoeDropReason.UNKNOWN_TYPE;

/** The decoder's drop reasons, one rule at a time, and its buffer contract. */
class MxoeFrameDecoderTest
{
    private static final int MTU = 1500;
    private static final int ENDPOINT_MAX = 8;

    private final MxoeFrameEncoder encoder = new MxoeFrameEncoder(MxoeLayout.DEFAULT, MTU);
    private final MxoeFrameDecoder decoder = new MxoeFrameDecoder(MxoeLayout.DEFAULT, MTU, ENDPOINT_MAX);
    private final ByteBuffer buffer = ByteBuffer.allocate(10_000);

    private DecodedFrame decode(final int length)
    {
        return decoder.decode(buffer, 0, length);
    }

    private void assertDrop(final MxoeDropReason reason, final DecodedFrame decoded)
    {
        assertFalse(decoded.isAccepted(), decoded::toString);
        assertEquals(reason, decoded.dropReason(), decoded::toString);
    }

    private void putBody(final int bodyOffset, final int value)
    {
        buffer.put(16 + bodyOffset, (byte)value);
    }

    private void putBody16(final int bodyOffset, final int value)
    {
        buffer.putShort(16 + bodyOffset, (short)value);
    }

    @Test
    void shouldDropFramesTooShortToHoldThePacketType()
    {
        encoder.tiny(buffer, 0);
        for (int length = 0; length <= 16; length++)
        {
            final DecodedFrame decoded = decode(length);
            assertDrop(TOO_SHORT, decoded);
            assertNull(decoded.packetType());
            assertNull(decoded.flyweight());
        }
    }

    @ParameterizedTest
    @EnumSource(FrameKind.class)
    void shouldDropEveryKindCutInsideItsFixedHeader(final FrameKind kind)
    {
        for (final MxoeLayout layout : MxoeLayout.values())
        {
            final int mtu = layout == MxoeLayout.DEFAULT ? MTU : MxoeLayout.MX_WIRE_COMPAT_MTU;
            final MxoeFrameDecoder layoutDecoder = new MxoeFrameDecoder(layout, mtu);
            buffer.clear();
            new SampleFrames(new MxoeFrameEncoder(layout, mtu), 1, 7).encode(kind, buffer, new Random(1));
            final int header = MxoeFrameDescriptor.headerLength(kind.type, layout);
            final DecodedFrame decoded = layoutDecoder.decode(buffer, 0, header - 1);
            assertDrop(TOO_SHORT, decoded);
            assertEquals(kind == FrameKind.RAW ? null : kind.type, decoded.packetType());
        }
    }

    @Test
    void shouldDropOtherEtherTypes()
    {
        encoder.tiny(buffer, 0);
        buffer.putShort(12, (short)0x0800);
        assertDrop(BAD_ETHERTYPE, decode(60));
        assertDrop(BAD_ETHERTYPE, decode(14));
        assertDrop(TOO_SHORT, decode(13));
    }

    @Test
    void shouldDropUnknownAndInvalidTypes()
    {
        for (int code = 0; code < 256; code++)
        {
            encoder.tiny(buffer, 0);
            putBody(0, code);
            final DecodedFrame decoded = decode(60);
            final MxoePacketType type = MxoePacketType.fromCode(code);
            if (type == null)
            {
                assertDrop(UNKNOWN_TYPE, decoded);
            }
            else if (code == 0 || code == 2 || (code >= 32 && code <= 34))
            {
                assertDrop(INVALID_TYPE, decoded);
                assertSame(type, decoded.packetType());
            }
            else
            {
                assertTrue(type.isSupported());
            }
        }
        assertNull(MxoePacketType.fromCode(-1));
        assertNull(MxoePacketType.fromCode(256));
    }

    @Test
    void shouldAcceptPaddingAfterTheDeclaredPayload()
    {
        final int length = encoder.tiny(buffer, 0).payload(new byte[] {1, 2, 3, 4, 5}, 0, 5).frameLength();
        assertEquals(60, length);
        final DecodedFrame padded = decode(60);
        assertTrue(padded.isAccepted());
        assertEquals(5, padded.eager().payloadLength());
        assertTrue(decode(200).isAccepted());
        assertTrue(decode(45).isAccepted());
        assertDrop(LENGTH_MISMATCH, decode(44));
    }

    @Test
    void shouldDropPayloadLengthsThatRunPastTheFrame()
    {
        encoder.small(buffer, 0).payloadLength(100);
        assertDrop(LENGTH_MISMATCH, decode(139));
        assertTrue(decode(140).isAccepted());

        encoder.mediumFrag(buffer, 0).msgLength(1000).payloadLength(1000);
        assertDrop(LENGTH_MISMATCH, decode(48 + 999));
        assertTrue(decode(48 + 1000).isAccepted());

        encoder.pullReply(buffer, 0).dstMagic(MxoeFrameDescriptor.pullMagic(0)).payloadLength(1468);
        assertDrop(LENGTH_MISMATCH, decode(1499));
        assertTrue(decode(1500).isAccepted());

        encoder.hostReply(buffer, 0).hostname(new byte[80], 0, 80);
        assertDrop(LENGTH_MISMATCH, decode(16 + 16 + 79));
        assertTrue(decode(16 + 16 + 80).isAccepted());
    }

    @Test
    void shouldDropDeclaredLengthsOutsideTheClassLimits()
    {
        encoder.tiny(buffer, 0);
        putBody16(4, 33);
        assertDrop(BAD_DATA_LENGTH, decode(200));

        encoder.small(buffer, 0);
        putBody16(4, 129);
        assertDrop(BAD_DATA_LENGTH, decode(200));

        encoder.mediumFrag(buffer, 0).msgLength(2000);
        putBody16(24, 1453);
        assertDrop(BAD_DATA_LENGTH, decode(1600));
        encoder.mediumFrag(buffer, 0).msgLength(32L * 1452 + 1).payloadLength(10);
        assertDrop(BAD_DATA_LENGTH, decode(100));

        encoder.pullReply(buffer, 0);
        putBody16(2, 1469);
        assertDrop(BAD_DATA_LENGTH, decode(1600));

        encoder.rndv(buffer, 0).dataLength(7);
        assertDrop(BAD_DATA_LENGTH, decode(60));
        encoder.rndv(buffer, 0).dataLength(9);
        assertTrue(decode(60).isAccepted());

        encoder.connectRequest(buffer, 0).dataLength(15);
        assertDrop(BAD_DATA_LENGTH, decode(60));

        encoder.liback(buffer, 0).dataLength(15);
        assertDrop(BAD_DATA_LENGTH, decode(60));

        encoder.hostReply(buffer, 0).lengthByte(81);
        assertDrop(BAD_DATA_LENGTH, decode(200));

        encoder.raw(buffer, 0);
        assertTrue(decode(1024).isAccepted());
        assertDrop(BAD_DATA_LENGTH, decode(1025));
    }

    @Test
    void shouldDropFieldValuesTheProtocolNeverSends()
    {
        encoder.connectRequest(buffer, 0);
        putBody(26, 2);
        assertDrop(BAD_FIELD, decode(60));

        encoder.liback(buffer, 0).session(7);
        putBody(12, 0x56);
        assertDrop(BAD_FIELD, decode(60));
        encoder.liback(buffer, 0).session(7);
        buffer.putInt(16 + 16, 8);
        assertDrop(BAD_FIELD, decode(60));

        encoder.mediumFrag(buffer, 0).msgLength(32L * 1452).fragSeqnum(32).payloadLength(10);
        assertDrop(BAD_FIELD, decode(100));
        encoder.mediumFrag(buffer, 0).msgLength(1452 + 9).fragSeqnum(1).payloadLength(10);
        assertDrop(BAD_FIELD, decode(100));
        encoder.mediumFrag(buffer, 0).msgLength(1452 + 10).fragSeqnum(1).payloadLength(10);
        assertTrue(decode(100).isAccepted());

        encoder.pullRequest(buffer, 0).firstFrameOffset(0).blockLength(32L * 1468 + 1);
        assertDrop(BAD_FIELD, decode(60));
        encoder.pullRequest(buffer, 0).firstFrameOffset(1).blockLength(32L * 1468);
        assertDrop(BAD_FIELD, decode(60));
        encoder.pullRequest(buffer, 0).firstFrameOffset(1468).blockLength(0);
        assertDrop(BAD_FIELD, decode(60));
        encoder.pullRequest(buffer, 0).firstFrameOffset(1).blockLength(32L * 1468 - 1);
        assertTrue(decode(60).isAccepted());

        for (final int code : new int[] {0, 4, 255})
        {
            encoder.nackLib(buffer, 0).nackTypeCode(code);
            assertDrop(BAD_FIELD, decode(60));
        }
        for (final int code : new int[] {0, 5, 255})
        {
            encoder.nackMcp(buffer, 0).nackTypeCode(code).srcMagic(MxoeFrameDescriptor.pullMagic(0));
            assertDrop(BAD_FIELD, decode(60));
        }

        encoder.hostReply(buffer, 0).magic(0x13052009);
        assertDrop(BAD_FIELD, decode(60));
        encoder.hostQuery(buffer, 0).magic(0x13052009);
        assertTrue(decode(60).isAccepted());
    }

    @Test
    void shouldCheckTheCompatMediumPipelineAndFragmentCount()
    {
        final MxoeFrameEncoder compat = new MxoeFrameEncoder(MxoeLayout.MX_WIRE_COMPAT, 4144);
        final MxoeFrameDecoder compatDecoder = new MxoeFrameDecoder(MxoeLayout.MX_WIRE_COMPAT, 4144);
        compat.mediumFrag(buffer, 0).msgLength(100).payloadLength(100);
        assertTrue(compatDecoder.decode(buffer, 0, 148).isAccepted());
        compat.mediumFrag(buffer, 0).msgLength(100).payloadLength(100).fragPipeline(11);
        assertEquals(BAD_FIELD, compatDecoder.decode(buffer, 0, 148).dropReason());
        compat.mediumFrag(buffer, 0).msgLength(8 * 4096).fragSeqnum(8).payloadLength(100);
        assertEquals(BAD_FIELD, compatDecoder.decode(buffer, 0, 148).dropReason());
        compat.mediumFrag(buffer, 0).msgLength(8 * 4096).fragSeqnum(7).payloadLength(4096);
        assertTrue(compatDecoder.decode(buffer, 0, 48 + 4096).isAccepted());
    }

    @Test
    void shouldAskForNackLibWhenAMessageNamesAnEndpointOutOfRange()
    {
        encoder.tiny(buffer, 0).peerIndex(0x0102).dstEndpoint(ENDPOINT_MAX).srcEndpoint(3).libSeqnum(0x4077)
            .session(99);
        final DecodedFrame decoded = decode(60);
        assertDrop(BAD_ENDPOINT_RANGE, decoded);
        assertEquals(MxoePacketType.NACK_LIB, decoded.requiredNack());
        assertEquals(MxoeNackType.BAD_ENDPT, decoded.requiredNackType());
        assertEquals(ENDPOINT_MAX, decoded.dstEndpoint());
        assertEquals(3, decoded.srcEndpoint());
        assertEquals(0x4077, decoded.libSeqnum());
        assertEquals(99, decoded.session());
        assertEquals(0x0102, decoded.flyweight().peerIndex());

        encoder.tiny(buffer, 0).dstEndpoint(ENDPOINT_MAX - 1);
        assertTrue(decode(60).isAccepted());
        assertEquals(MxoePacketType.NONE, decode(60).requiredNack());
        assertEquals(MxoeNackType.NONE, decode(60).requiredNackType());

        encoder.small(buffer, 0).dstEndpoint(255);
        assertEquals(MxoePacketType.NACK_LIB, decode(60).requiredNack());
        encoder.mediumFrag(buffer, 0).dstEndpoint(200).msgLength(10).payloadLength(10);
        assertEquals(MxoePacketType.NACK_LIB, decode(60).requiredNack());
        encoder.rndv(buffer, 0).dstEndpoint(9);
        assertEquals(MxoePacketType.NACK_LIB, decode(60).requiredNack());
        encoder.notifyMessage(buffer, 0).dstEndpoint(9);
        assertEquals(MxoePacketType.NACK_LIB, decode(60).requiredNack());
        encoder.connectRequest(buffer, 0).dstEndpoint(9);
        assertEquals(MxoePacketType.NACK_LIB, decode(60).requiredNack());
    }

    @Test
    void shouldAskForNackMcpWhenAPullNamesAnEndpointOutOfRange()
    {
        encoder.pullRequest(buffer, 0).dstEndpoint(ENDPOINT_MAX).srcEndpoint(2).srcPullHandle(0x00400023)
            .srcMagic(MxoeFrameDescriptor.pullMagic(2));
        final DecodedFrame decoded = decode(60);
        assertDrop(BAD_ENDPOINT_RANGE, decoded);
        assertEquals(MxoePacketType.NACK_MCP, decoded.requiredNack());
        assertEquals(0x00400023, decoded.pull().srcPullHandle());
        assertEquals(2, decoded.srcEndpoint());
    }

    @Test
    void shouldDropSilentlyWhatTheProtocolNeverNacks()
    {
        encoder.liback(buffer, 0).dstEndpoint(ENDPOINT_MAX);
        assertEquals(MxoePacketType.NONE, dropOutOfRange().requiredNack());
        encoder.pullReply(buffer, 0).dstMagic(MxoeFrameDescriptor.pullMagic(ENDPOINT_MAX));
        assertEquals(MxoePacketType.NONE, dropOutOfRange().requiredNack());
        encoder.pullReply(buffer, 0).dstMagic(0);
        assertEquals(MxoePacketType.NONE, dropOutOfRange().requiredNack());
        encoder.nackMcp(buffer, 0).nackType(MxoeNackType.BAD_SESSION).srcMagic(MxoeFrameDescriptor.pullMagic(100));
        assertEquals(MxoePacketType.NONE, dropOutOfRange().requiredNack());
        encoder.nackLib(buffer, 0).nackType(MxoeNackType.BAD_SESSION).dstEndpoint(100);
        assertEquals(MxoePacketType.NONE, dropOutOfRange().requiredNack());
    }

    private DecodedFrame dropOutOfRange()
    {
        final DecodedFrame decoded = decode(60);
        assertDrop(BAD_ENDPOINT_RANGE, decoded);
        return decoded;
    }

    @Test
    void shouldDecodeBetweenPositionAndLimitWithoutTouchingTheBuffer()
    {
        final ByteBuffer big = ByteBuffer.allocateDirect(1000).order(ByteOrder.LITTLE_ENDIAN);
        final int length = encoder.tiny(big, 100).dstEndpoint(1).libSeqnum(0x1234).frameLength();
        big.position(100).limit(100 + length);
        final DecodedFrame decoded = decoder.decode(big);
        assertTrue(decoded.isAccepted());
        assertEquals(0x1234, decoded.eager().libSeqnum());
        assertEquals(100, big.position());
        assertEquals(100 + length, big.limit());
        assertEquals(ByteOrder.LITTLE_ENDIAN, big.order());

        assertTrue(decoder.decode(big.asReadOnlyBuffer()).isAccepted());
        assertTrue(decoder.decode(big, 100, length + 500).isAccepted());
        assertDrop(TOO_SHORT, decoder.decode(big, 150, length));
        assertDrop(TOO_SHORT, decoder.decode(big, 2000, 60));
        assertDrop(TOO_SHORT, decoder.decode(big, -5, 60));
        assertDrop(TOO_SHORT, decoder.decode(big, 100, -1));
    }

    @Test
    void shouldRefuseTypedAccessToAnotherType()
    {
        encoder.tiny(buffer, 0);
        final DecodedFrame decoded = decode(60);
        assertThrows(IllegalStateException.class, decoded::pull);
        assertThrows(IllegalStateException.class, decoded::raw);
        assertEquals(-1, decoder.decode(buffer, 0, 3).libSeqnum());
        assertFalse(decoder.decode(buffer, 0, 3).hasSession());
        assertThrows(IllegalStateException.class, () -> decoder.decode(buffer, 0, 3).eager());
    }
}
