package xen2mx.pml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class MatchInfoTest
{
    @Test
    void shouldRoundTripEveryFieldAtItsLimits()
    {
        final long info = MatchInfo.encode(MatchInfo.MAX_CONTEXT, MatchInfo.MAX_RANK, MatchInfo.TAG_UB);
        assertEquals(MatchInfo.MAX_CONTEXT, MatchInfo.context(info));
        assertEquals(MatchInfo.MAX_RANK, MatchInfo.source(info));
        assertEquals(MatchInfo.TAG_UB, MatchInfo.tag(info));
        assertEquals(0, info & (1L << 31), "bit 31 stays clear");

        final long small = MatchInfo.encode(3, 7, 42);
        assertEquals(3, MatchInfo.context(small));
        assertEquals(7, MatchInfo.source(small));
        assertEquals(42, MatchInfo.tag(small));
        assertEquals(0x0003_0007_0000_002AL, small);
    }

    @Test
    void shouldMatchAnySourceButNotAnotherContext()
    {
        final long posted = MatchInfo.encode(4, 0, 9);
        final long mask = MatchInfo.mask(true, false);
        assertEquals(posted & mask, MatchInfo.encode(4, 123, 9) & mask);
        assertNotEquals(posted & mask, MatchInfo.encode(5, 123, 9) & mask);
        assertNotEquals(posted & mask, MatchInfo.encode(4, 123, 8) & mask);
    }

    @Test
    void shouldMatchAnyTagOnlyWithinSourceAndContext()
    {
        final long posted = MatchInfo.encode(4, 2, 0);
        final long mask = MatchInfo.mask(false, true);
        assertEquals(posted & mask, MatchInfo.encode(4, 2, MatchInfo.TAG_UB) & mask);
        assertNotEquals(posted & mask, MatchInfo.encode(4, 3, 1) & mask);
        assertNotEquals(posted & mask, MatchInfo.encode(0, 2, 1) & mask);
        assertEquals(MatchInfo.EXACT_MASK, MatchInfo.mask(false, false));
    }
}
