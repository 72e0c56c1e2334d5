package xen2mx.btl.mx.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MxoeSeqnumTest
{
    @Test
    void shouldSplitSessionAndSequence()
    {
        assertEquals(0x0123, MxoeSeqnum.seq(0x8123));
        assertEquals(0x8000, MxoeSeqnum.ses(0x8123));
        assertEquals(0xC000, MxoeSeqnum.ses(0xFFFF));
        assertEquals("2:291", MxoeSeqnum.toString(0x8123));
    }

    @Test
    void shouldWrapOnlyTheSequenceWhenIncrementing()
    {
        assertEquals(0x4002, MxoeSeqnum.inc(0x4001));
        assertEquals(0x4000, MxoeSeqnum.inc(0x7FFF));
        assertEquals(0xC000, MxoeSeqnum.inc(0xFFFF));
        assertEquals(0x0000, MxoeSeqnum.inc(0x3FFF));
        assertEquals(0x4003, MxoeSeqnum.add(0x7FFF, 4));
        assertEquals(0x7FFF, MxoeSeqnum.add(0x4003, -4));
    }

    @Test
    void shouldMeasureDistanceModulo14Bits()
    {
        assertEquals(5, MxoeSeqnum.distance(0x4005, 0x4000));
        assertEquals(3, MxoeSeqnum.distance(0x4001, 0x7FFE));
        assertEquals(0x3FFF, MxoeSeqnum.distance(0x4000, 0x4001));
        assertEquals(0, MxoeSeqnum.distance(0x8010, 0x4010));
    }

    @Test
    void shouldTellWindowsAndSessions()
    {
        assertTrue(MxoeSeqnum.inWindow(0x4001, 0x7FFE, 255));
        assertFalse(MxoeSeqnum.inWindow(0x4000 + 300, 0x4000, 255));
        assertFalse(MxoeSeqnum.inWindow(0x8001, 0x4000, 255));
        assertTrue(MxoeSeqnum.sameSession(0x4001, 0x7FFF));
        assertFalse(MxoeSeqnum.sameSession(0x4001, 0x8001));
    }

    @Test
    void shouldBumpTheTwoBitSessionAndRestartAtOne()
    {
        assertEquals(0x4123, MxoeSeqnum.bumpSession(0x0123));
        assertEquals(0x0123, MxoeSeqnum.bumpSession(0xC123));
        assertEquals(0x8001, MxoeSeqnum.first(0x8123));
        assertEquals(1, MxoeSeqnum.first(0x0000));
    }
}
