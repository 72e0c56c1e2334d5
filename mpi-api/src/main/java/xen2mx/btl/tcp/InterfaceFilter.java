package xen2mx.btl.tcp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import xen2mx.btl.BtlException;

/**
 * Chooses the addresses a process publishes, from MCA parameter {@code btl_tcp_if_include}: a comma list of
 * interface names ({@code eth0}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/64}). Empty: every address of
 * every interface that is up, except loopback and IPv6 link-local; loopback only when nothing else exists.
 * IPv4 addresses come first.
 */
final class InterfaceFilter
{
    private final List<String> names = new ArrayList<>();
    private final List<byte[]> networks = new ArrayList<>();
    private final List<Integer> prefixes = new ArrayList<>();

    InterfaceFilter(final String include)
    {
        if (include == null || include.isBlank())
        {
            return;
        }
        for (final String raw : include.split(","))
        {
            final String entry = raw.trim();
            if (entry.isEmpty())
            {
                continue;
            }
            final int slash = entry.indexOf('/');
            if (slash < 0)
            {
                names.add(entry);
                continue;
            }
            try
            {
                final byte[] network = InetAddress.getByName(entry.substring(0, slash)).getAddress();
                final int prefix = Integer.parseInt(entry.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8)
                {
                    throw new NumberFormatException("prefix out of range");
                }
                networks.add(network);
                prefixes.add(prefix);
            }
            catch (final UnknownHostException | NumberFormatException e)
            {
                throw new BtlException("MCA parameter btl_tcp_if_include: '" + entry + "' is neither an interface " +
                    "name nor a CIDR block like 10.0.0.0/8", e);
            }
        }
    }

    boolean restricts()
    {
        return !names.isEmpty() || !networks.isEmpty();
    }

    /** @return the addresses of this host that pass the filter, IPv4 first. */
    List<InetAddress> select()
    {
        final List<InetAddress> selected = new ArrayList<>();
        final List<InetAddress> loopback = new ArrayList<>();
        try
        {
            for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                if (!nic.isUp())
                {
                    continue;
                }
                for (final InterfaceAddress interfaceAddress : nic.getInterfaceAddresses())
                {
                    final InetAddress address = interfaceAddress.getAddress();
                    if (restricts())
                    {
                        if (names.contains(nic.getName()) || inNetworks(address))
                        {
                            selected.add(address);
                        }
                    }
                    else if (address.isLoopbackAddress())
                    {
                        loopback.add(address);
                    }
                    else if (!(address instanceof Inet6Address && address.isLinkLocalAddress()))
                    {
                        selected.add(address);
                    }
                }
            }
        }
        catch (final SocketException e)
        {
            throw new BtlException("tcp: cannot list network interfaces: " + e.getMessage(), e);
        }
        if (selected.isEmpty() && restricts())
        {
            throw new BtlException("tcp: no interface address matches btl_tcp_if_include (names " + names +
                ", " + networks.size() + " CIDR blocks)");
        }
        final List<InetAddress> result = selected.isEmpty() ? loopback : selected;
        result.sort(Comparator.comparingInt(address -> address instanceof Inet4Address ? 0 : 1));
        return result.stream().map(InterfaceFilter::withoutScope).toList();
    }

    private boolean inNetworks(final InetAddress address)
    {
        final byte[] raw = address.getAddress();
        for (int i = 0; i < networks.size(); i++)
        {
            final byte[] network = networks.get(i);
            if (network.length == raw.length && samePrefix(network, raw, prefixes.get(i)))
            {
                return true;
            }
        }
        return false;
    }

    static boolean samePrefix(final byte[] a, final byte[] b, final int prefixBits)
    {
        for (int bit = 0; bit < prefixBits; bit++)
        {
            final int mask = 0x80 >>> (bit & 7);
            if ((a[bit >>> 3] & mask) != (b[bit >>> 3] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static InetAddress withoutScope(final InetAddress address)
    {
        try
        {
            return InetAddress.getByAddress(address.getAddress());
        }
        catch (final UnknownHostException e)
        {
            throw new BtlException("tcp: bad interface address " + address, e);
        }
    }
}
