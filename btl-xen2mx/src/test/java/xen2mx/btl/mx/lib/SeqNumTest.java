package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeqNumTest
{
    @Test
    void shouldWrapOnlyTheLowFourteenBits()
    {
        assertEquals(0x4000, SeqNum.increment(0x7FFF));
        assertEquals(0xC000 | 5, SeqNum.add(0xC000 | 0x3FFE, 7));
        assertEquals(0x0001, SeqNum.increment(0x0000));
    }

    @Test
    void shouldMeasureModularDistance()
    {
        assertEquals(3, SeqNum.distance(2, 0x3FFF));
        assertEquals(0x3FFF, SeqNum.distance(0x3FFF, 0));
        assertEquals(1, SeqNum.distance(0x8001, 0x8000));
    }

    @Test
    void shouldBumpTheSessionNumberOnCleanup()
    {
        assertEquals(0x4001, SeqNum.nextSession(0x0123));
        assertEquals(0x0001, SeqNum.nextSession(0xC123));
        assertEquals(0x8001, SeqNum.reset(0x8765));
    }
}
