package xen2mx.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a hostfile in any of the dialects users paste: Open MPI ({@code host slots=N max_slots=M}), Hydra
 * ({@code host:N}) and MPJ Express (a bare host per line); hosts are names, {@code user@name}, IPv4 or IPv6
 * literals (bare, or {@code [v6]} and {@code [v6]:N}). Our own tokens: {@code backend=/abs/path} (the host's
 * paravirtual backend socket) and {@code ssh_config=PATH} (an {@code ssh -F} file, relative to the hostfile).
 * {@code #} starts a comment (also after a host); blank lines and CRLF line ends are fine. A host without
 * {@code slots} gets {@code defaultSlots} (Open MPI: the number of cores), or {@code max_slots} when only that is
 * given. Anything else is rejected as {@code file:line: message}.
 *
 * <p>Also reads {@code -H} host lists ({@link #parseHostList(String)}): {@code a,b:2,c}, where a host without
 * {@code :N} has one slot, as in Open MPI.
 */
public final class HostfileParser
{
    /** The hostfile token naming a host's paravirtual backend socket. */
    public static final String BACKEND_KEY = "backend=";
    /** The hostfile token naming an ssh client configuration for a host. */
    public static final String SSH_CONFIG_KEY = "ssh_config=";
    /** A host name, {@code user@host}, IPv4 or IPv6 literal (with a zone): no '=', no brackets, no '/'. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._-]+@)?[A-Za-z0-9._%:-]+");

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
            if (item.isEmpty())
            {
                throw new UsageException("-H: empty host in '" + list + "'");
            }
            final HostAndCount hc = hostAndCount(item);
            if (hc == null || hc.count == 0)
            {
                throw new UsageException("-H: bad entry '" + item + "' (expected host or host:N with N >= 1)");
            }
            hosts.add(new HostEntry(hc.host, hc.count < 0 ? 1 : hc.count, "-H entry " + (i + 1)));
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
        final String where = file + ":" + lineNumber + ": ";
        final String[] tokens = line.split("\\s+");
        int slots = 0;
        int maxSlots = 0;
        Path backend = null;
        Path sshConfig = null;
        for (int t = 1; t < tokens.length; t++)
        {
            final String token = tokens[t];
            if (token.startsWith("slots="))
            {
                slots = count(where, token);
            }
            else if (token.startsWith("max_slots="))
            {
                maxSlots = count(where, token);
            }
            else if (token.startsWith(BACKEND_KEY))
            {
                backend = absolutePath(where, token);
            }
            else if (token.startsWith(SSH_CONFIG_KEY))
            {
                final String value = token.substring(SSH_CONFIG_KEY.length());
                if (value.isEmpty())
                {
                    throw new UsageException(where + "empty path in '" + token + "'");
                }
                final Path dir = file.toAbsolutePath().getParent();
                sshConfig = dir.resolve(value).normalize();
            }
            else
            {
                throw new UsageException(where + "unknown token '" + token
                    + "' (expected slots=N, max_slots=N, backend=PATH or ssh_config=PATH)");
            }
        }
        if (slots > 0 && maxSlots > 0 && slots > maxSlots)
        {
            throw new UsageException(where + "slots=" + slots + " exceeds max_slots=" + maxSlots);
        }
        final HostAndCount hc = hostAndCount(tokens[0]);
        if (hc == null)
        {
            throw new UsageException(where + "bad host '" + tokens[0] + "' (expected a name, an IPv4 or IPv6 "
                + "address, [IPv6] or host:N)");
        }
        if (hc.count >= 0)
        {
            if (tokens.length > 1 && (slots > 0 || maxSlots > 0))
            {
                throw new UsageException(where + "'" + tokens[0] + "' and slots= on one line");
            }
            if (hc.count == 0)
            {
                throw new UsageException(where + "bad host:count '" + tokens[0]
                    + "' (expected a positive integer after the colon)");
            }
            slots = hc.count;
        }
        final int effective = slots > 0 ? slots : maxSlots > 0 ? maxSlots : defaultSlots;
        return new HostEntry(hc.host, effective, "hostfile line " + lineNumber, backend, sshConfig);
    }

    /**
     * Splits {@code host}, {@code host:N}, {@code [v6]}, {@code [v6]:N} or a bare IPv6 literal.
     *
     * @return the host and its count ({@code -1} when none was written, 0 when it is not a positive integer), or
     *         null when the host is malformed.
     */
    private static HostAndCount hostAndCount(final String word)
    {
        String host = word;
        String count = null;
        if (word.startsWith("["))
        {
            final int close = word.indexOf(']');
            if (close < 0)
            {
                return null;
            }
            host = word.substring(1, close);
            final String rest = word.substring(close + 1);
            if (!rest.isEmpty())
            {
                if (!rest.startsWith(":"))
                {
                    return null;
                }
                count = rest.substring(1);
            }
            if (host.indexOf(':') < 0)
            {
                return null;
            }
        }
        else
        {
            final int colon = hydraColon(word);
            if (colon >= 0)
            {
                host = word.substring(0, colon);
                count = word.substring(colon + 1);
            }
        }
        if (!HOST.matcher(host).matches())
        {
            return null;
        }
        return new HostAndCount(host, count == null ? -1 : positive(count));
    }

    private static Path absolutePath(final String where, final String token) throws UsageException
    {
        final String value = token.substring(token.indexOf('=') + 1);
        if (!value.startsWith("/"))
        {
            throw new UsageException(where + "'" + token + "' must name an absolute path on that host");
        }
        return Path.of(value);
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

    private static int count(final String where, final String token) throws UsageException
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
        throw new UsageException(where + "bad count in '" + token + "' (expected a positive integer)");
    }

    /** A host and the count written after it. */
    private record HostAndCount(String host, int count)
    {
    }
}
