package xen2mx.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the value of {@code --jvm-args} or {@code --launch-agent} into words: whitespace separates words, single
 * or double quotes group (without escapes inside single quotes), a backslash outside single quotes escapes the next
 * character.
 */
final class JvmArgs
{
    private JvmArgs()
    {
    }

    /**
     * @param value e.g. {@code -Xmx1g "-Dgreeting=hello world"}.
     * @return the words, e.g. {@code [-Xmx1g, -Dgreeting=hello world]}.
     * @throws UsageException when a quote is not closed or the value ends with a backslash.
     */
    static List<String> split(final String value) throws UsageException
    {
        return split("--jvm-args", value);
    }

    /**
     * @param option the option whose value this is, for messages.
     * @param value  the value.
     * @return the words.
     * @throws UsageException naming the option when a quote is not closed or the value ends with a backslash.
     */
    static List<String> split(final String option, final String value) throws UsageException
    {
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (quote != 0 && c == quote)
            {
                quote = 0;
            }
            else if (c == '\\' && quote != '\'')
            {
                if (++i >= value.length())
                {
                    throw new UsageException(option + ": trailing backslash in '" + value + "'");
                }
                word.append(value.charAt(i));
                inWord = true;
            }
            else if (quote == 0 && (c == '\'' || c == '"'))
            {
                quote = c;
                inWord = true;
            }
            else if (quote == 0 && Character.isWhitespace(c))
            {
                if (inWord)
                {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else
            {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0)
        {
            throw new UsageException(option + ": unclosed " + quote + " in '" + value + "'");
        }
        if (inWord)
        {
            words.add(word.toString());
        }
        return words;
    }
}
