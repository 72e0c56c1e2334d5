package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class SegmentsTest
{
    @Test
    void shouldScatterAndGatherAcrossSegmentsWithoutMovingPositions()
    {
        final ByteBuffer a = ByteBuffer.allocate(10).position(7);
        final ByteBuffer b = ByteBuffer.allocateDirect(5);
        final ByteBuffer c = ByteBuffer.allocate(4).limit(2);
        final Segments segments = Segments.of(new ByteBuffer[] {a, b, c}, true);
        assertEquals(10, segments.length());
        final ByteBuffer source = MxFabric.pattern(10, 3);
        segments.scatter(0, source, 0, 10);
        assertEquals(7, a.position());
        final ByteBuffer back = ByteBuffer.allocate(10);
        segments.gather(0, back, 0, 10);
        MxFabric.assertPattern(back, 0, 10, 3);
        final ByteBuffer middle = ByteBuffer.allocate(4);
        segments.gather(2, middle, 0, 4);
        assertEquals(source.get(2), middle.get(0));
        assertEquals(source.get(5), middle.get(3));
        assertEquals(2, segments.slices(6).length);
        assertEquals(3, segments.slices(9).length);
    }

    @Test
    void shouldRefuseTooManySegmentsAndReadOnlyReceiveBuffers()
    {
        final ByteBuffer[] many = new ByteBuffer[Mx.MAX_SEGMENTS + 1];
        java.util.Arrays.fill(many, ByteBuffer.allocate(1));
        assertEquals(MxReturn.BAD_SEG_CNT, assertThrows(MxException.class, () -> Segments.of(many, false)).code());
        final ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
        assertEquals(MxReturn.BAD_SEG_LIST,
            assertThrows(MxException.class, () -> Segments.of(new ByteBuffer[] {readOnly}, true)).code());
        assertEquals(4, Segments.of(new ByteBuffer[] {readOnly}, false).length());
    }
}
