package xen2mx.btl.mx.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Lists network interfaces with {@code if_nameindex(3)} and {@code SIOCGIF*} ioctls, in the network namespace of the
 * calling thread (unlike {@code /sys/class/net}, which shows the namespace sysfs was mounted in, and
 * {@link java.net.NetworkInterface}, which misses interfaces without an IP address). Needs no privilege.
 */
public final class NetInterfaces
{
    private static final int IF_NAMEINDEX_SIZE = 16;
    private static final int IF_NAMEINDEX_NAME_OFFSET = 8;

    private NetInterfaces()
    {
    }

    /**
     * @return every interface, ordered by ifindex.
     * @throws MediaException if the kernel cannot be asked.
     */
    public static List<NetInterface> list()
    {
        final List<String> names = names();
        final int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new MediaException("cannot list network interfaces: socket: " + LibC.describe(LibC.errno()));
        }
        try
        {
            final List<NetInterface> interfaces = new ArrayList<>();
            for (final String name : names)
            {
                final NetInterface found = query(fd, name);
                if (found != null)
                {
                    interfaces.add(found);
                }
            }
            interfaces.sort((a, b) -> Integer.compare(a.index(), b.index()));
            return interfaces;
        }
        finally
        {
            LibC.close(fd);
        }
    }

    /**
     * @param name an interface name.
     * @return the interface, if it exists in the calling thread's namespace.
     */
    public static Optional<NetInterface> find(final String name)
    {
        return list().stream().filter(each -> each.name().equals(name)).findFirst();
    }

    /**
     * @param name an interface name.
     * @return the interface.
     * @throws MediaException (one line listing the interfaces that are up) if there is none of that name.
     */
    public static NetInterface require(final String name)
    {
        final List<NetInterface> all = list();
        for (final NetInterface each : all)
        {
            if (each.name().equals(name))
            {
                return each;
            }
        }
        throw new MediaException("no network interface '" + name + "' here; interfaces that are up: " +
            describeUp(all));
    }

    /**
     * The default interface for MXoE: the only one that is {@link NetInterface#usable() usable} (Ethernet, not
     * loopback, up with a carrier).
     *
     * @return that interface.
     * @throws MediaException (one line listing the candidates) if there are none or several.
     */
    public static NetInterface defaultInterface()
    {
        final List<NetInterface> all = list();
        final List<NetInterface> usable = all.stream().filter(NetInterface::usable).toList();
        if (usable.size() == 1)
        {
            return usable.get(0);
        }
        if (usable.isEmpty())
        {
            throw new MediaException("no Ethernet interface is up (other than loopback); interfaces here: " +
                all.stream().map(NetInterface::describe).collect(Collectors.joining(", ")));
        }
        throw new MediaException("several Ethernet interfaces are up, choose one (--mca btl_xen2mx_if NAME): " +
            usable.stream().map(NetInterface::describe).collect(Collectors.joining(", ")));
    }

    /** @return the interfaces that are up, described, or "none". */
    static String describeUp(final List<NetInterface> all)
    {
        final String up = all.stream().filter(NetInterface::up).map(NetInterface::describe)
            .collect(Collectors.joining(", "));
        return up.isEmpty() ? "none" : up;
    }

    /**
     * Reads one interface with ioctls on {@code fd}.
     *
     * @return null if it disappeared meanwhile.
     */
    static NetInterface query(final int fd, final String name)
    {
        try (Memory request = new Memory(LibC.IFREQ_SIZE))
        {
            if (ioctl(fd, request, name, LibC.SIOCGIFINDEX) != 0)
            {
                return null;
            }
            final int index = request.getInt(LibC.IFREQ_UNION_OFFSET);
            if (ioctl(fd, request, name, LibC.SIOCGIFMTU) != 0)
            {
                return null;
            }
            final int mtu = request.getInt(LibC.IFREQ_UNION_OFFSET);
            if (ioctl(fd, request, name, LibC.SIOCGIFFLAGS) != 0)
            {
                return null;
            }
            final int flags = request.getShort(LibC.IFREQ_UNION_OFFSET) & 0xffff;
            if (ioctl(fd, request, name, LibC.SIOCGIFHWADDR) != 0)
            {
                return null;
            }
            final int hardwareType = request.getShort(LibC.IFREQ_UNION_OFFSET) & 0xffff;
            final boolean ethernet = hardwareType == LibC.ARPHRD_ETHER;
            final byte[] mac = ethernet ? request.getByteArray(LibC.IFREQ_UNION_OFFSET + 2, MacAddresses.LENGTH) :
                new byte[0];
            return new NetInterface(name, index, mac, mtu, (flags & LibC.IFF_UP) != 0,
                (flags & LibC.IFF_RUNNING) != 0, (flags & LibC.IFF_LOOPBACK) != 0, ethernet);
        }
    }

    /** Fills the name of {@code request} and runs one {@code SIOCGIF*} ioctl. @return 0, or the errno */
    static int ioctl(final int fd, final Memory request, final String name, final long command)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= LibC.IFNAMSIZ)
        {
            return LibC.EINVAL;
        }
        request.clear();
        request.write(0, Arrays.copyOf(bytes, LibC.IFNAMSIZ), 0, LibC.IFNAMSIZ);
        if (LibC.ioctl(fd, command, Pointer.nativeValue(request)) != 0)
        {
            return LibC.errno();
        }
        return 0;
    }

    private static List<String> names()
    {
        final long list = LibC.if_nameindex();
        if (list == 0)
        {
            throw new MediaException("cannot list network interfaces: if_nameindex: " + LibC.describe(LibC.errno()));
        }
        try
        {
            final List<String> names = new ArrayList<>();
            final Pointer entries = new Pointer(list);
            for (long offset = 0; entries.getInt(offset) != 0; offset += IF_NAMEINDEX_SIZE)
            {
                names.add(entries.getPointer(offset + IF_NAMEINDEX_NAME_OFFSET).getString(0));
            }
            return names;
        }
        finally
        {
            LibC.if_freenameindex(list);
        }
    }
}
