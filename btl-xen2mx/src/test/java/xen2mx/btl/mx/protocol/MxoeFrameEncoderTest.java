package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The encoder's contract: limits from the layout and MTU, field widths, padding, buffer bounds. */
class MxoeFrameEncoderTest
{
    private final ByteBuffer buffer = ByteBuffer.allocate(10_000);
    private final MxoeFrameEncoder mtu1500 = new MxoeFrameEncoder(MxoeLayout.DEFAULT, 1500);
    private final MxoeFrameEncoder compat = new MxoeFrameEncoder(MxoeLayout.MX_WIRE_COMPAT, 4144);

    @Test
    void shouldRefusePayloadsAboveTheClassAndMtuLimits()
    {
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).payload(new byte[33], 0, 33));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.small(buffer, 0).payloadLength(129));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.mediumFrag(buffer, 0).payloadLength(1453));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.pullReply(buffer, 0).payloadLength(1469));
        assertThrows(IllegalArgumentException.class, () -> compat.mediumFrag(buffer, 0).payloadLength(4097));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.hostReply(buffer, 0).hostname(new byte[81], 0, 81));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.raw(buffer, 0).payload(new byte[1008], 0, 1008));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).payloadLength(-1));
        assertEquals(1500, mtu1500.mediumFrag(buffer, 0).payloadLength(1452).frameLength());
        assertEquals(1500, mtu1500.pullReply(buffer, 0).payloadLength(1468).frameLength());
        assertEquals(1024, mtu1500.raw(buffer, 0).payload(new byte[1007], 0, 1007).frameLength());
        assertEquals(32, mtu1500.tiny(buffer, 0).payloadLength(32).payloadLength());
    }

    @Test
    void shouldRefuseValuesWiderThanTheirField()
    {
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).dstEndpoint(256));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).libSeqnum(0x10000));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).peerIndex(-1));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.tiny(buffer, 0).destinationMac(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.rndv(buffer, 0).msgLength(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> mtu1500.notifyMessage(buffer, 0).totalLength(-1));
        assertThrows(IllegalArgumentException.class, () -> compat.pullRequest(buffer, 0).blockLength(0x10000));
        assertThrows(IllegalArgumentException.class, () -> compat.pullRequest(buffer, 0).firstFrameOffset(-1));
        assertThrows(IllegalArgumentException.class, () -> compat.pullRequest(buffer, 0).pulledRdmaId(256));
        assertThrows(IllegalArgumentException.class, () -> compat.mediumFrag(buffer, 0).msgLength(0x10000));
        assertEquals(0xFFFF, compat.pullRequest(buffer, 0).blockLength(0xFFFF).blockLength());
        assertEquals(0xFFFF_FFFFL, mtu1500.pullRequest(buffer, 0).blockLength(0xFFFF_FFFFL).blockLength());
        assertEquals(0xFFFF_FFFFL, mtu1500.pullRequest(buffer, 0).pulledRdmaId(0xFFFF_FFFFL).pulledRdmaId());
    }

    @Test
    void shouldZeroStaleBytesAndPadShortFramesTo60()
    {
        java.util.Arrays.fill(buffer.array(), (byte)0x5A);
        final int length = mtu1500.nackLib(buffer, 0).frameLength();
        assertEquals(60, length);
        for (int i = 0; i < length; i++)
        {
            final byte expected = i == 12 ? (byte)0x86 : i == 13 ? (byte)0xDF : i == 16 ? (byte)44 : 0;
            assertEquals(expected, buffer.get(i), "byte " + i);
        }
        assertEquals(0x5A, buffer.get(60));
    }

    @Test
    void shouldWriteWithinTheLimitAtAnyOffsetAndKeepTheBufferState()
    {
        final ByteBuffer direct = ByteBuffer.allocateDirect(200);
        direct.position(7).limit(150);
        final int length = mtu1500.tiny(direct, 90).dstEndpoint(1).payloadLength(20).frameLength();
        assertEquals(60, length);
        assertEquals(7, direct.position());
        assertEquals(150, direct.limit());
        assertEquals(0x86DF, direct.getShort(90 + 12) & 0xFFFF);
        assertThrows(IndexOutOfBoundsException.class, () -> mtu1500.tiny(direct, 91));
        assertThrows(IndexOutOfBoundsException.class, () -> mtu1500.small(direct, 0).payload(new byte[128], 0, 128));
    }

    @Test
    void shouldExposeTheMtuRuleOfItsLayout()
    {
        assertEquals(1452, mtu1500.mediumFragLengthMax());
        assertEquals(1468, mtu1500.pullReplyLengthMax());
        assertEquals(4096, compat.mediumFragLengthMax());
        assertEquals(4096, compat.pullReplyLengthMax());
        assertEquals(MxoeLayout.MX_WIRE_COMPAT, compat.layout());
        assertEquals(1500, mtu1500.mtu());
    }
}
