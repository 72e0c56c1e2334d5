package xen2mx.launcher;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting for the POSIX shell that {@code sshd} runs a remote command in: ssh joins its command words with spaces
 * and the remote shell splits them again, so every word mpirun means as one argument is single-quoted.
 */
public final class RemoteShell
{
    private RemoteShell()
    {
    }

    /**
     * @param word any text.
     * @return the text as one shell word: {@code 'text'}, each {@code '} written as {@code '\''}.
     */
    public static String quote(final String word)
    {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * @param words words.
     * @return the words quoted and joined by spaces.
     */
    public static String join(final List<String> words)
    {
        return words.stream().map(RemoteShell::quote).collect(Collectors.joining(" "));
    }
}
