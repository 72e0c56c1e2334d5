package xen2mx.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Open MPI style hostfile: one host per line, optionally {@code slots=N} and {@code max_slots=M};
 * {@code #} starts a comment (also after a host); blank lines and CRLF line ends are fine. A host without
 * {@code slots} gets {@code defaultSlots} (Open MPI: the number of cores), or {@code max_slots} when only that is
 * given. Anything else is rejected as {@code file:line: message}.
 */
public final class HostfileParser
{
    private final int defaultSlots;

    /** @param defaultSlots the slots of a host written without {@code slots=}, {@code >= 1}. */
    public HostfileParser(final int defaultSlots)
    {
        this.defaultSlots = defaultSlots;
    }

    /**
     * @param file the hostfile.
     * @return its hosts in file order.
     * @throws UsageException {@code file:line: message} on the first bad line, or when the file cannot be read or
     *                        lists no host.
     */
    public List<HostEntry> parse(final Path file) throws UsageException
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UsageException("cannot read hostfile " + file + ": " + ex.getMessage());
        }
        final List<HostEntry> hosts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final HostEntry entry = parseLine(file, i + 1, lines.get(i));
            if (entry != null)
            {
                hosts.add(entry);
            }
        }
        if (hosts.isEmpty())
        {
            throw new UsageException(file + ": no hosts");
        }
        return hosts;
    }

    private HostEntry parseLine(final Path file, final int lineNumber, final String raw) throws UsageException
    {
        final int hash = raw.indexOf('#');
        final String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        if (line.isEmpty())
        {
            return null;
        }
        final String[] tokens = line.split("\\s+");
        int slots = 0;
        int maxSlots = 0;
        for (int t = 1; t < tokens.length; t++)
        {
            final String token = tokens[t];
            if (token.startsWith("slots="))
            {
                slots = count(file, lineNumber, token);
            }
            else if (token.startsWith("max_slots="))
            {
                maxSlots = count(file, lineNumber, token);
            }
            else
            {
                throw new UsageException(file + ":" + lineNumber + ": unknown token '" + token
                    + "' (expected slots=N or max_slots=N)");
            }
        }
        if (slots > 0 && maxSlots > 0 && slots > maxSlots)
        {
            throw new UsageException(file + ":" + lineNumber + ": slots=" + slots + " exceeds max_slots=" + maxSlots);
        }
        final int effective = slots > 0 ? slots : maxSlots > 0 ? maxSlots : defaultSlots;
        return new HostEntry(tokens[0], effective, lineNumber);
    }

    private static int count(final Path file, final int lineNumber, final String token) throws UsageException
    {
        final String value = token.substring(token.indexOf('=') + 1);
        try
        {
            final int n = Integer.parseInt(value);
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new UsageException(file + ":" + lineNumber + ": bad count in '" + token + "' (expected a positive integer)");
    }
}
