package xen2mx.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** This machine's name, and whether a host name from the user means this machine. */
public final class LocalHost
{
    /** A literal IPv4 or IPv6 address, which {@link InetAddress#getByName} parses without a lookup. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private LocalHost()
    {
    }

    /** @return this machine's host name, or {@code localhost} when it cannot be determined. */
    public static String name()
    {
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException ex)
        {
            return "localhost";
        }
    }

    /**
     * Decides without any name lookup, so host names that are not DNS names (network namespaces) cost nothing.
     *
     * @param host a name or literal address.
     * @return true when it is {@code localhost}, this machine's name (full or short), or a literal address that is
     *         a loopback address or an address of one of this machine's interfaces.
     */
    public static boolean isThisMachineByName(final String host)
    {
        final String me = name();
        final int dot = me.indexOf('.');
        if (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase(me)
            || (dot > 0 && host.equalsIgnoreCase(me.substring(0, dot))))
        {
            return true;
        }
        if (!LITERAL.matcher(host).matches())
        {
            return false;
        }
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                || NetworkInterface.getByInetAddress(address) != null;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @param host a name or address.
     * @return true when it is {@code localhost}, this machine's name (full or short), or resolves to a loopback
     *         address or an address of one of this machine's interfaces.
     */
    public static boolean isLocal(final String host)
    {
        if (isThisMachineByName(host))
        {
            return true;
        }
        try
        {
            for (final InetAddress address : InetAddress.getAllByName(host))
            {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null)
                {
                    return true;
                }
            }
            return false;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
