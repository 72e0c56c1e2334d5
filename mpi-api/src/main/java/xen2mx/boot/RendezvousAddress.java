package xen2mx.boot;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a rank reaches the launcher's rendezvous service, in the text form of {@link JobEnvironment#RENDEZVOUS}:
 * <ul>
 *   <li>{@code host:port}: TCP, an IPv6 host written in brackets ({@code [::1]:5000});</li>
 *   <li>{@code unix:/absolute/path}: a UNIX domain socket, for ranks that share the launcher's file system but
 *       not its network (ranks in other network namespaces of the same machine).</li>
 * </ul>
 * Invariant: {@code parse(a.text()).equals(a)} for every address {@code a}.
 */
public sealed interface RendezvousAddress permits RendezvousAddress.Tcp, RendezvousAddress.Unix
{
    /** Prefix of the UNIX domain socket form. */
    String UNIX_PREFIX = "unix:";

    /**
     * @param text {@code host:port} or {@code unix:/path}.
     * @return the address.
     * @throws IllegalArgumentException with a one-line reason naming the text when it is neither form.
     */
    static RendezvousAddress parse(final String text)
    {
        if (text.startsWith(UNIX_PREFIX))
        {
            try
            {
                return new Unix(Path.of(text.substring(UNIX_PREFIX.length())));
            }
            catch (final InvalidPathException ex)
            {
                throw new IllegalArgumentException("'" + text + "' is not unix:/absolute/path", ex);
            }
        }
        final int colon = text.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("'" + text + "' is not host:port or unix:/path");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port;
        try
        {
            port = Integer.parseInt(text.substring(colon + 1).trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' has no numeric port", ex);
        }
        return new Tcp(host, port);
    }

    /** @return the address to connect a {@link java.nio.channels.SocketChannel} to (resolving a TCP host). */
    SocketAddress socketAddress();

    /** @return the protocol family of a channel that can connect here. */
    ProtocolFamily family();

    /** @return the text form, as {@link #parse(String)} reads it. */
    String text();

    /**
     * A TCP endpoint.
     *
     * @param host a name or literal address, without brackets.
     * @param port {@code 1..65535}.
     */
    record Tcp(String host, int port) implements RendezvousAddress
    {
        /** @throws IllegalArgumentException on an empty host or a port out of range. */
        public Tcp
        {
            if (host.isEmpty())
            {
                throw new IllegalArgumentException("empty rendezvous host");
            }
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("rendezvous port " + port + " is not in 1..65535");
            }
        }

        @Override
        public SocketAddress socketAddress()
        {
            return new InetSocketAddress(host, port);
        }

        @Override
        public ProtocolFamily family()
        {
            return ((InetSocketAddress)socketAddress()).getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        }

        @Override
        public String text()
        {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString()
        {
            return text();
        }
    }

    /**
     * A UNIX domain socket in the file system.
     *
     * @param path the socket file, absolute.
     */
    record Unix(Path path) implements RendezvousAddress
    {
        /** @throws IllegalArgumentException when the path is relative. */
        public Unix
        {
            if (!path.isAbsolute())
            {
                throw new IllegalArgumentException("rendezvous socket " + path + " is not an absolute path");
            }
        }

        @Override
        public SocketAddress socketAddress()
        {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public ProtocolFamily family()
        {
            return StandardProtocolFamily.UNIX;
        }

        @Override
        public String text()
        {
            return UNIX_PREFIX + path;
        }

        @Override
        public String toString()
        {
            return text();
        }
    }
}
