package xen2mx.launcher;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as JSON (RFC 8259), keys in map order. Stateless. */
final class Json
{
    private Json()
    {
    }

    /**
     * @param value a {@link Map} with string keys, a {@link List}, a {@link String}, a {@link Number}, a
     *              {@link Boolean} or null.
     * @return its JSON text on one line.
     */
    static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(final Object value, final StringBuilder out)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map)
        {
            out.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                out.append(first ? "" : ",");
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        }
        else if (value instanceof List<?> list)
        {
            out.append('[');
            for (int i = 0; i < list.size(); i++)
            {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            out.append(value);
        }
        else
        {
            string(value.toString(), out);
        }
    }

    private static void string(final String s, final StringBuilder out)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
