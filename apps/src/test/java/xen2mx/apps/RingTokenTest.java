package xen2mx.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RingTokenTest
{
    @Test
    void shouldMatchASimulatedRing()
    {
        for (int size = 1; size <= 9; size++)
        {
            long token = 0;
            for (int lap = 0; lap < 5; lap++)
            {
                for (int rank = 0; rank < size; rank++)
                {
                    token += RingToken.contribution(rank);
                }
            }
            assertEquals(token, RingToken.expected(size, 5));
        }
        assertEquals(0, RingToken.expected(4, 0));
        assertEquals(3_000_000_000L, RingToken.expected(2, 1_000_000_000));
    }

    @Test
    void shouldWrapNeighbours()
    {
        assertEquals(0, RingToken.next(3, 4));
        assertEquals(3, RingToken.previous(0, 4));
        assertEquals(0, RingToken.next(0, 1));
        assertEquals(0, RingToken.previous(0, 1));
    }
}
