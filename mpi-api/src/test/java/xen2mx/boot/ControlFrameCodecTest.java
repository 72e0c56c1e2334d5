package xen2mx.boot;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlFrameCodecTest
{
    private static ControlMessage roundTrip(final ControlMessage m) throws Exception
    {
        final byte[] frame = ControlFrameCodec.encode(m);
        assertEquals(frame.length - 4, ByteBuffer.wrap(frame).getInt(), "length field counts the bytes after it");
        assertEquals(m.type(), frame[4], "type follows the length");
        return ControlFrameCodec.read(new ByteArrayInputStream(frame), ControlFrameDescriptor.MAX_FRAME_LENGTH);
    }

    @Test
    void shouldRoundTripHelloWithTokenRankAndPid() throws Exception
    {
        final ControlMessage.Hello h = assertInstanceOf(ControlMessage.Hello.class,
            roundTrip(new ControlMessage.Hello("s3cret".getBytes(StandardCharsets.UTF_8), 7, 1L << 40)));
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), h.token());
        assertEquals(7, h.rank());
        assertEquals(1L << 40, h.pid());
    }

    @Test
    void shouldEncodeHelloWithMagicAndVersionFirst()
    {
        final ByteBuffer b = ByteBuffer.wrap(ControlFrameCodec.encode(new ControlMessage.Hello(new byte[0], 0, 1)));
        b.position(5);
        assertEquals(ControlFrameDescriptor.MAGIC, b.getInt());
        assertEquals(ControlFrameDescriptor.VERSION, b.getShort());
    }

    @Test
    void shouldRoundTripEveryOtherType() throws Exception
    {
        assertEquals(new ControlMessage.Welcome(1000), roundTrip(new ControlMessage.Welcome(1000)));
        assertEquals(new ControlMessage.Heartbeat(), roundTrip(new ControlMessage.Heartbeat()));
        assertEquals(new ControlMessage.AllgatherQuery(3), roundTrip(new ControlMessage.AllgatherQuery(3)));
        assertEquals(new ControlMessage.Abort(42, "why"), roundTrip(new ControlMessage.Abort(42, "why")));
        assertEquals(new ControlMessage.Abort(-1, null), roundTrip(new ControlMessage.Abort(-1, null)));
        assertEquals(new ControlMessage.Failure("java.lang.X", "m\u00e9ssage", "A.main(A.java:1)"),
            roundTrip(new ControlMessage.Failure("java.lang.X", "m\u00e9ssage", "A.main(A.java:1)")));
        assertEquals(new ControlMessage.Failure("java.lang.X", null, null),
            roundTrip(new ControlMessage.Failure("java.lang.X", null, null)));
        assertEquals(new ControlMessage.Finalized(), roundTrip(new ControlMessage.Finalized()));
        assertEquals(new ControlMessage.Ack(ControlFrameDescriptor.ABORT),
            roundTrip(new ControlMessage.Ack(ControlFrameDescriptor.ABORT)));

        final ControlMessage.AllgatherPut put = assertInstanceOf(ControlMessage.AllgatherPut.class,
            roundTrip(new ControlMessage.AllgatherPut(9, new byte[] {1, 2, 3})));
        assertEquals(9, put.sequence());
        assertArrayEquals(new byte[] {1, 2, 3}, put.data());

        final byte[][] all = {{}, {5}, new byte[70_000]};
        final ControlMessage.AllgatherResult result = assertInstanceOf(ControlMessage.AllgatherResult.class,
            roundTrip(new ControlMessage.AllgatherResult(2, all)));
        assertEquals(2, result.sequence());
        assertEquals(3, result.data().length);
        for (int i = 0; i < all.length; i++)
        {
            assertArrayEquals(all[i], result.data()[i]);
        }

        final ControlMessage.AllgatherPending pending = assertInstanceOf(ControlMessage.AllgatherPending.class,
            roundTrip(new ControlMessage.AllgatherPending(4, new int[] {1, 3})));
        assertEquals(4, pending.sequence());
        assertArrayEquals(new int[] {1, 3}, pending.missing());
    }

    @Test
    void shouldReportCleanEofBeforeAFrame()
    {
        assertThrows(EOFException.class,
            () -> ControlFrameCodec.read(new ByteArrayInputStream(new byte[0]), 100));
    }

    @Test
    void shouldReportEofInsideAFrame()
    {
        final byte[] frame = ControlFrameCodec.encode(new ControlMessage.Welcome(5));
        assertThrows(EOFException.class, () -> ControlFrameCodec.read(
            new ByteArrayInputStream(Arrays.copyOf(frame, frame.length - 1)), 100));
    }

    @Test
    void shouldRejectFrameLongerThanTheLimitBeforeReadingIt()
    {
        final byte[] header = ByteBuffer.allocate(4).putInt(5000).array();
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> ControlFrameCodec.read(new ByteArrayInputStream(header), ControlFrameDescriptor.MAX_HELLO_LENGTH));
        assertEquals("frame length 5000 is not in 1..4096", ex.getMessage());
    }

    @Test
    void shouldRejectZeroLengthUnknownTypeAndExtraBytes()
    {
        assertThrows(ProtocolException.class, () -> ControlFrameCodec.read(
            new ByteArrayInputStream(new byte[] {0, 0, 0, 0}), 100));
        assertThrows(ProtocolException.class, () -> ControlFrameCodec.decode(new byte[] {99}));
        assertThrows(ProtocolException.class, () -> ControlFrameCodec.decode(
            new byte[] {ControlFrameDescriptor.HEARTBEAT, 0}));
    }

    @Test
    void shouldRejectTruncatedBodyAndHugeCounts()
    {
        assertThrows(ProtocolException.class, () -> ControlFrameCodec.decode(
            new byte[] {ControlFrameDescriptor.WELCOME, 0, 0}));
        final byte[] hugeCount = ByteBuffer.allocate(9).put(ControlFrameDescriptor.ALLGATHER_RESULT).putInt(1)
            .putInt(Integer.MAX_VALUE).array();
        final ProtocolException ex = assertThrows(ProtocolException.class, () -> ControlFrameCodec.decode(hugeCount));
        assertEquals("element count 2147483647 does not fit a frame of 9", ex.getMessage());
        final byte[] negativeBlob = ByteBuffer.allocate(9).put(ControlFrameDescriptor.ALLGATHER_PUT).putInt(1)
            .putInt(-5).array();
        assertThrows(ProtocolException.class, () -> ControlFrameCodec.decode(negativeBlob));
    }

    @Test
    void shouldRejectHelloWithWrongMagic()
    {
        final byte[] frame = ControlFrameCodec.encode(new ControlMessage.Hello(new byte[0], 0, 1));
        frame[5] = 'Y';
        final ProtocolException ex = assertThrows(ProtocolException.class,
            () -> ControlFrameCodec.decode(Arrays.copyOfRange(frame, 4, frame.length)));
        assertEquals(true, ex.getMessage().startsWith("not an x2mx HELLO"));
    }

    @Test
    void shouldDecodeNullStringAsMinusOneLength() throws Exception
    {
        final byte[] frame = ByteBuffer.allocate(9).put(ControlFrameDescriptor.ABORT).putInt(3).putInt(-1).array();
        final ControlMessage.Abort a = assertInstanceOf(ControlMessage.Abort.class, ControlFrameCodec.decode(frame));
        assertNull(a.reason());
    }
}
