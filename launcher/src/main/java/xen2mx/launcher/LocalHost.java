package xen2mx.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;

/** This machine's name, and whether a host name from the user means this machine. */
public final class LocalHost
{
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
     * @param host a name or address.
     * @return true when it is {@code localhost}, this machine's name (full or short), or resolves to a loopback
     *         address or an address of one of this machine's interfaces.
     */
    public static boolean isLocal(final String host)
    {
        final String me = name();
        final int dot = me.indexOf('.');
        if (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase(me)
            || (dot > 0 && host.equalsIgnoreCase(me.substring(0, dot))))
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
