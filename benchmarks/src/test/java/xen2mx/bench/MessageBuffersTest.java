package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MessageBuffersTest
{
    @Test
    void shouldHoldAtLeastTheAcknowledgement()
    {
        final MessageBuffers b = new MessageBuffers(1);
        assertEquals(MessageBuffers.ACK_LENGTH, b.send().length);
        assertEquals(MessageBuffers.ACK_LENGTH, b.receive().length);
        assertEquals(4096, new MessageBuffers(4096).send().length);
        assertThrows(IllegalArgumentException.class, () -> new MessageBuffers(-1));
    }

    @Test
    void shouldTouchOnlyTheMessagePrefix()
    {
        final MessageBuffers b = new MessageBuffers(8);
        b.prepare(3);
        assertEquals('a', b.send()[2]);
        assertEquals(0, b.send()[3]);
        assertEquals('b', b.receive()[0]);
        assertEquals(0, b.receive()[7]);
    }
}
