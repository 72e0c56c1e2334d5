package xen2mx.bench;

import java.util.Locale;

/** The two JSON lexical forms the result writer needs: strings and numbers (NaN and infinities become null). */
public final class Json
{
    private Json()
    {
    }

    /**
     * @param text any text, or null
     * @return a JSON string literal with quotes, backslashes and control characters escaped; {@code null} for null
     */
    public static String string(final String text)
    {
        if (text == null)
        {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * @param value a number
     * @return the shortest decimal that reads back as {@code value} ({@link Double#toString}), integral values
     *         without a fraction, or {@code null} for NaN and infinities
     */
    public static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return Double.toString(value);
    }
}
