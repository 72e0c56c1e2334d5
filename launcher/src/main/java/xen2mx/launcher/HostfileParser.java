package xen2mx.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Open MPI style hostfile: one host per line, optionally {@code slots=N} and {@code max_slots=M}, or in
 * Hydra's form {@code host:N}; {@code #} starts a comment (also after a host); blank lines and CRLF line ends are
 * fine. A host without {@code slots} gets {@code defaultSlots} (Open MPI: the number of cores), or
 * {@code max_slots} when only that is given. Anything else is rejected as {@code file:line: message}.
 *
 * <p>Also reads {@code -H} host lists ({@link #parseHostList(String)}): {@code a,b:2,c}, where a host without
 * {@code :N} has one slot, as in Open MPI.
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

    /**
     * @param list the value of {@code -H}: comma-separated {@code host[:N]}.
     * @return the hosts in order, each with N slots (1 when not given).
     * @throws UsageException {@code -H: message} on an empty entry or a bad count.
     */
    public static List<HostEntry> parseHostList(final String list) throws UsageException
    {
        final List<HostEntry> hosts = new ArrayList<>();
        final String[] items = list.split(",", -1);
        for (int i = 0; i < items.length; i++)
        {
            final String item = items[i].strip();
            final int colon = hydraColon(item);
            final String host = colon < 0 ? item : item.substring(0, colon);
            if (host.isEmpty())
            {
                throw new UsageException("-H: empty host in '" + list + "'");
            }
            final int slots = colon < 0 ? 1 : positive(item.substring(colon + 1));
            if (slots == 0)
            {
                throw new UsageException("-H: bad count in '" + item + "' (expected host or host:N with N >= 1)");
            }
            hosts.add(new HostEntry(host, slots, "-H entry " + (i + 1)));
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
        String host = tokens[0];
        final int colon = hydraColon(host);
        if (colon >= 0)
        {
            if (tokens.length > 1)
            {
                throw new UsageException(file + ":" + lineNumber + ": '" + host + "' and slots= on one line");
            }
            slots = positive(host.substring(colon + 1));
            if (slots == 0 || colon == 0)
            {
                throw new UsageException(file + ":" + lineNumber + ": bad host:count '" + host
                    + "' (expected a positive integer after the colon)");
            }
            host = host.substring(0, colon);
        }
        final int effective = slots > 0 ? slots : maxSlots > 0 ? maxSlots : defaultSlots;
        return new HostEntry(host, effective, "hostfile line " + lineNumber);
    }

    /** @return the index of the colon of a Hydra {@code host:N}, or -1 (also for IPv6 literals, which have more). */
    private static int hydraColon(final String word)
    {
        final int colon = word.indexOf(':');
        return colon >= 0 && colon == word.lastIndexOf(':') ? colon : -1;
    }

    /** @return the value as a positive integer, or 0 when it is not one. */
    private static int positive(final String value)
    {
        try
        {
            return Math.max(0, Integer.parseInt(value));
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
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
