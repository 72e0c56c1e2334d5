package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataPatternTest
{
    @Test
    void shouldFindNoErrorInAnExactCopy()
    {
        final byte[] sent = new byte[1000];
        DataPattern.fill(sent, 1000, 7, 1);
        assertEquals(0, DataPattern.errors(sent.clone(), 1000, 7, 1));
        assertEquals("Pass", DataPattern.status(0));
    }

    @Test
    void shouldCountFlippedBytesStaleBuffersAndWrongSenders()
    {
        final byte[] b = new byte[512];
        DataPattern.fill(b, 512, 3, 0);
        b[100] ^= 1;
        assertEquals(1, DataPattern.errors(b, 512, 3, 0));
        DataPattern.fill(b, 512, 3, 0);
        assertEquals(512, DataPattern.errors(b, 512, 4, 0), "previous iteration's data");
        assertEquals(512, DataPattern.errors(b, 512, 3, 1), "other sender's data");
        DataPattern.clear(b, 512);
        assertTrue(DataPattern.errors(b, 512, 3, 0) > 500, "a receive that wrote nothing");
        assertEquals("Failed", DataPattern.status(1));
    }
}
