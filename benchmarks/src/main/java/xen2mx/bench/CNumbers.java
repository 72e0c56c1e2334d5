package xen2mx.bench;

/**
 * C's lenient number conversions, as the OSU Micro-Benchmarks use them on option arguments: {@code atoll("12abc")}
 * is 12, {@code atoll("abc")} is 0, leading white space and one sign are accepted, and overflow saturates (glibc's
 * {@code strtoll} behaviour).
 */
public final class CNumbers
{
    private CNumbers()
    {
    }

    /**
     * @param text the text to convert; {@code null} converts to 0
     * @return the value of the longest leading decimal integer, saturated to the {@code long} range; 0 if none
     */
    public static long atoll(final String text)
    {
        if (text == null)
        {
            return 0;
        }
        int i = 0;
        final int n = text.length();
        while (i < n && isCSpace(text.charAt(i)))
        {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-'))
        {
            negative = text.charAt(i) == '-';
            i++;
        }
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9')
        {
            final int digit = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                overflow = true;
            }
            else
            {
                value = value * 10 + digit;
            }
            i++;
        }
        if (overflow)
        {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? -value : value;
    }

    /**
     * @param text the text to convert
     * @return {@link #atoll(String)} narrowed to {@code int} as glibc's {@code atoi} does (by truncation)
     */
    public static int atoi(final String text)
    {
        return (int)atoll(text);
    }

    private static boolean isCSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
