package xen2mx.btl.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import xen2mx.btl.BtlException;

/**
 * The {@code tcp} module's opaque address: where a process listens and how to tell whether it runs on this host.
 *
 * <pre>
 *  +-------------------+------------+-----------------+--------------+---------+-------+---------------+-----
 *  | magic "X2T1" (4)  | port (u16) | host id len (u8)| host id UTF-8| count u8| len u8| IPv4/6 bytes  | ...
 *  +-------------------+------------+-----------------+--------------+---------+-------+---------------+-----
 * </pre>
 * Big-endian. A peer whose host id equals ours is reached over loopback first, then over the listed addresses.
 *
 * @param hostId    identity of the host (boot id plus network namespace on Linux).
 * @param port      listening port.
 * @param addresses published addresses of the host, preferred first.
 */
public record TcpAddress(String hostId, int port, List<InetAddress> addresses)
{
    private static final int MAGIC = 0x58325431;

    /** @return the encoded form, as exchanged through the launcher. */
    public byte[] encode()
    {
        final byte[] host = hostId.getBytes(StandardCharsets.UTF_8);
        if (host.length > 255 || addresses.size() > 255)
        {
            throw new BtlException("tcp: host id or address list too long: " + hostId + " " + addresses);
        }
        int length = 4 + 2 + 1 + host.length + 1;
        for (final InetAddress address : addresses)
        {
            length += 1 + address.getAddress().length;
        }
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        buffer.putInt(MAGIC).putShort((short)port).put((byte)host.length).put(host).put((byte)addresses.size());
        for (final InetAddress address : addresses)
        {
            final byte[] raw = address.getAddress();
            buffer.put((byte)raw.length).put(raw);
        }
        return buffer.array();
    }

    /**
     * @param encoded bytes from {@link #encode()}.
     * @param rank    whose address it is, for the error message.
     * @throws BtlException naming the rank when the bytes are not a tcp address.
     */
    public static TcpAddress decode(final byte[] encoded, final int rank)
    {
        try
        {
            final ByteBuffer buffer = ByteBuffer.wrap(encoded);
            if (buffer.getInt() != MAGIC)
            {
                throw new BtlException("tcp: address of rank " + rank + " is not a tcp address");
            }
            final int port = buffer.getShort() & 0xFFFF;
            final byte[] host = new byte[buffer.get() & 0xFF];
            buffer.get(host);
            final int count = buffer.get() & 0xFF;
            final List<InetAddress> addresses = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final byte[] raw = new byte[buffer.get() & 0xFF];
                buffer.get(raw);
                addresses.add(InetAddress.getByAddress(raw));
            }
            return new TcpAddress(new String(host, StandardCharsets.UTF_8), port, List.copyOf(addresses));
        }
        catch (final java.nio.BufferUnderflowException | UnknownHostException e)
        {
            throw new BtlException("tcp: address of rank " + rank + " is malformed (" + encoded.length + " bytes)", e);
        }
    }

    /** @return socket addresses to try in order, loopback first when the peer is on this host. */
    public List<InetSocketAddress> candidates(final String localHostId)
    {
        final List<InetSocketAddress> candidates = new ArrayList<>(addresses.size() + 1);
        if (hostId.equals(localHostId))
        {
            candidates.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        for (final InetAddress address : addresses)
        {
            candidates.add(new InetSocketAddress(address, port));
        }
        return candidates;
    }
}
