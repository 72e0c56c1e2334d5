package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CNumbersTest
{
    @Test
    void shouldReadLeadingDigitsLikeAtoll()
    {
        assertEquals(12, CNumbers.atoll("12abc"));
        assertEquals(0, CNumbers.atoll("abc"));
        assertEquals(-7, CNumbers.atoll("  -7"));
        assertEquals(5, CNumbers.atoll("+5"));
        assertEquals(0, CNumbers.atoll(""));
        assertEquals(0, CNumbers.atoll(null));
        assertEquals(4194304, CNumbers.atoll("4194304"));
    }

    @Test
    void shouldSaturateOnOverflow()
    {
        assertEquals(Long.MAX_VALUE, CNumbers.atoll("99999999999999999999999"));
        assertEquals(Long.MIN_VALUE, CNumbers.atoll("-99999999999999999999999"));
    }

    @Test
    void shouldNarrowLikeAtoi()
    {
        assertEquals(42, CNumbers.atoi("42"));
        assertEquals((int)4294967297L, CNumbers.atoi("4294967297"));
    }
}
