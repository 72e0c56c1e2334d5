package mpjbuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The part of MPJ Express's buffer API that MPI programs use around Pack and Unpack. */
class BufferTest
{
    @Test
    void shouldExposeTheStaticRegionAfterTheOffset()
    {
        final RawBuffer raw = BufferFactory.create(20);
        assertEquals(20, raw.getCapacity());
        final Buffer buffer = new Buffer(raw, 8, 18);
        assertEquals(8, buffer.offset());
        assertEquals(18, buffer.getCapacity());
        final ByteBuffer region = buffer.staticRegion();
        assertEquals(10, region.capacity());
        assertEquals(ByteOrder.LITTLE_ENDIAN, region.order());
        region.put(0, (byte)7);
        assertEquals(7, ((NIOBuffer)raw).getBuffer().get(8), "the region shares the storage, from the offset");
        buffer.setSize(10);
        assertEquals(10, buffer.getSize());
        assertThrows(IllegalArgumentException.class, () -> buffer.setSize(11));
        assertTrue(buffer.isWritable());
        buffer.commit();
        assertFalse(buffer.isWritable());
        buffer.clear();
        assertEquals(0, buffer.getSize());
        assertTrue(buffer.isWritable());
        BufferFactory.destroy(buffer.getStaticBuffer());
        assertThrows(IllegalStateException.class, buffer::staticRegion);
    }

    @Test
    void shouldRefuseRegionsOutsideTheStorage()
    {
        assertThrows(IllegalArgumentException.class, () -> new Buffer(BufferFactory.create(8), 0, 9));
        assertThrows(IllegalArgumentException.class, () -> new Buffer(BufferFactory.create(8), 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new Buffer(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NIOBuffer(16, ByteBuffer.allocate(8)));
        assertEquals(12, new Buffer(12).staticRegion().capacity());
        final ByteBuffer direct = ByteBuffer.allocateDirect(32);
        direct.position(4);
        final Buffer overDirect = new Buffer(new NIOBuffer(16, direct), 2, 16);
        overDirect.staticRegion().put(0, (byte)9);
        assertEquals(9, direct.get(4 + 2));
    }
}
