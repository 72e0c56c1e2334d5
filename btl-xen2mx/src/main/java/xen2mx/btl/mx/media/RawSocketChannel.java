package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The native media: an {@code AF_PACKET}/{@code SOCK_RAW} socket bound to one interface and EtherType {@code 0x86DF},
 * called through JNA direct mapping. It receives through a {@code PACKET_MMAP} ring ({@link PacketRxRing}: no system
 * call, no copy, no allocation per frame; an empty poll is one memory read) and sends with one non-blocking
 * {@code send(2)} per frame, straight from a direct buffer (the addresses of the last 64 direct buffers sent from are
 * remembered, which keeps those buffers reachable) or through one preallocated staging copy for a heap buffer.
 * Batching sends with {@code sendmmsg(2)} was measured not to pay on veth (the C floor streams more slowly with
 * batches of 16 than one frame at a time), so it is not used.
 *
 * <p>Like a NIC, it hands the receiver only frames for its MAC, broadcast and multicast (a bridge floods frames for
 * unknown hosts; those are dropped and counted), never its own outgoing frames ({@code PACKET_IGNORE_OUTGOING}).
 *
 * <p>Opening needs {@code CAP_NET_RAW}; without it {@link #open} fails with one line saying so and how to grant it.
 * The socket belongs to the network namespace of the thread that opens it (see {@link InNetworkNamespace}).
 *
 * <p>Threading, as the contract says: one sending thread and one receiving thread. {@link #close()} only once both
 * have stopped using the channel (it unmaps the ring). Counters are plain fields written by their own thread; read
 * from another thread they may be stale.
 */
public final class RawSocketChannel implements EthernetChannel
{
    /** The one-line advice when {@code CAP_NET_RAW} is missing. */
    static final String NO_CAP_NET_RAW = "xen2mx native mode needs CAP_NET_RAW to open a raw AF_PACKET socket: " +
        "run as root, or grant it to java with 'setcap cap_net_raw+ep $(readlink -f $(which java))', or use the " +
        "paravirtual backend (--mca btl_xen2mx_mode paravirtual)";
    private static final int ADDRESS_CACHE_SIZE = 64;

    private final int fd;
    private final String interfaceName;
    private final int ifindex;
    private final byte[] mac;
    private final int mtu;
    private final int maxFrameLength;
    private final PacketRxRing ring;
    private final Memory staging;
    private final long stagingAddress;
    private final ByteBuffer stagingView;
    private final Memory pollRequest;
    private final long pollAddress;
    private final long timespecAddress;
    private final ByteBuffer[] cachedBuffers = new ByteBuffer[ADDRESS_CACHE_SIZE];
    private final long[] cachedAddresses = new long[ADDRESS_CACHE_SIZE];
    private volatile boolean closed;
    private long framesSent;
    private long sendsRefused;
    private long framesReceived;

    private RawSocketChannel(final int fd, final NetInterface found, final PacketRxRing ring)
    {
        this.fd = fd;
        this.interfaceName = found.name();
        this.ifindex = found.index();
        this.mac = found.mac();
        this.mtu = found.mtu();
        this.maxFrameLength = mtu + ETHERNET_HEADER_LENGTH;
        this.ring = ring;
        this.staging = new Memory(maxFrameLength);
        this.stagingAddress = Pointer.nativeValue(staging);
        this.stagingView = staging.getByteBuffer(0, maxFrameLength);
        this.pollRequest = new Memory(32);
        this.pollAddress = Pointer.nativeValue(pollRequest);
        this.timespecAddress = pollAddress + 16;
        pollRequest.clear();
        pollRequest.setInt(0, fd);
        pollRequest.setShort(4, LibC.POLLIN);
    }

    /**
     * Opens a channel on an interface of the calling thread's network namespace, with
     * {@link RawSocketOptions#DEFAULT}.
     *
     * @param interfaceName e.g. {@code eth0}.
     * @return the open channel.
     * @throws MediaException one line: no {@code CAP_NET_RAW} (and how to grant it), no such interface (and those
     *                        that are up), not Ethernet, down, or a kernel refusal.
     */
    public static RawSocketChannel open(final String interfaceName)
    {
        return open(interfaceName, RawSocketOptions.DEFAULT);
    }

    /**
     * Opens a channel on the only Ethernet interface that is up (see {@link NetInterfaces#defaultInterface()}).
     *
     * @return the open channel.
     * @throws MediaException as {@link #open(String)}, or when there is no single such interface.
     */
    public static RawSocketChannel openDefault()
    {
        return open(NetInterfaces.defaultInterface().name(), RawSocketOptions.DEFAULT);
    }

    /**
     * @param interfaceName e.g. {@code eth0}.
     * @param options       ring size, send buffer, qdisc bypass.
     * @return the open channel.
     * @throws MediaException as {@link #open(String)}.
     */
    public static RawSocketChannel open(final String interfaceName, final RawSocketOptions options)
    {
        // protocol 0: the socket receives nothing until bind() names the EtherType and interface together
        final int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            final int errno = LibC.errno();
            if (errno == LibC.EPERM || errno == LibC.EACCES)
            {
                throw new MediaException(NO_CAP_NET_RAW);
            }
            throw new MediaException("cannot open a raw AF_PACKET socket: " + LibC.describe(errno));
        }
        PacketRxRing ring = null;
        try
        {
            final NetInterface found = lookUp(fd, interfaceName);
            ring = PacketRxRing.map(fd, found.mtu() + ETHERNET_HEADER_LENGTH, options.ringBytes());
            configure(fd, options);
            bind(fd, found);
            return new RawSocketChannel(fd, found, ring);
        }
        catch (final RuntimeException | Error ex)
        {
            if (ring != null)
            {
                ring.close();
            }
            LibC.close(fd);
            throw ex;
        }
    }

    /**
     * Says whether this process may open raw packet sockets (the {@code info} tool asks).
     *
     * @return null if it may; else one line saying what is missing and how to grant it.
     */
    public static String rawSocketProblem()
    {
        final int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (fd >= 0)
        {
            LibC.close(fd);
            return null;
        }
        final int errno = LibC.errno();
        return errno == LibC.EPERM || errno == LibC.EACCES ? NO_CAP_NET_RAW
            : "cannot open a raw AF_PACKET socket: " + LibC.describe(errno);
    }

    @Override
    public String interfaceName()
    {
        return interfaceName;
    }

    @Override
    public byte[] macAddress()
    {
        return mac.clone();
    }

    @Override
    public int mtu()
    {
        return mtu;
    }

    /** @return the interface's ifindex in its namespace. */
    public int ifindex()
    {
        return ifindex;
    }

    /** @return the largest frame {@link #send} accepts: {@code mtu + 14}. */
    public int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A direct buffer is sent from its own memory; a heap buffer is copied once into preallocated native memory.
     *
     * @return false when the kernel pushes back ({@code EAGAIN}, {@code ENOBUFS}) or the link is down
     * ({@code ENETDOWN}): the frame is not sent.
     * @throws IllegalArgumentException if the frame is shorter than 14 bytes or longer than {@code mtu + 14}.
     * @throws IllegalStateException    if the channel is closed.
     * @throws MediaException           on any other failure of the socket (the interface vanished, ...).
     */
    @Override
    public boolean send(final ByteBuffer frame)
    {
        final int length = frame.remaining();
        if (length < ETHERNET_HEADER_LENGTH || length > maxFrameLength)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes: a frame on " + interfaceName +
                " has from " + ETHERNET_HEADER_LENGTH + " to " + maxFrameLength + " bytes (MTU " + mtu + " + 14)");
        }
        if (closed)
        {
            throw new IllegalStateException("channel on " + interfaceName + " is closed");
        }
        final long address;
        if (frame.isDirect())
        {
            address = addressOf(frame) + frame.position();
        }
        else
        {
            stagingView.put(0, frame, frame.position(), length);
            address = stagingAddress;
        }
        final long sent = LibC.send(fd, address, length, LibC.MSG_DONTWAIT);
        if (sent == length)
        {
            framesSent++;
            return true;
        }
        final int errno = LibC.errno();
        if (sent < 0 && (errno == LibC.EAGAIN || errno == LibC.ENOBUFS || errno == LibC.EINTR ||
            errno == LibC.ENETDOWN))
        {
            sendsRefused++;
            return false;
        }
        if (sent < 0 && errno == LibC.EMSGSIZE)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes refused by " + interfaceName +
                " (EMSGSIZE): its MTU is no longer " + mtu);
        }
        throw new MediaException("send on " + interfaceName + " failed: " + (sent < 0 ? LibC.describe(errno) :
            sent + " of " + length + " bytes sent"));
    }

    @Override
    public int receive(final FrameHandler handler, final int maxFrames)
    {
        if (closed)
        {
            return 0;
        }
        final int delivered = ring.drain(handler, maxFrames);
        framesReceived += delivered;
        return delivered;
    }

    /**
     * Returns at once if a frame is in the ring, else sleeps in {@code ppoll(2)} (nanosecond timeout) until the
     * kernel puts one there, a signal arrives or the time passes.
     */
    @Override
    public void awaitFrames(final long timeoutNanos)
    {
        if (timeoutNanos <= 0 || closed || ring.ready())
        {
            return;
        }
        pollRequest.setLong(16, timeoutNanos / 1_000_000_000L);
        pollRequest.setLong(24, timeoutNanos % 1_000_000_000L);
        pollRequest.setShort(6, (short)0);
        LibC.ppoll(pollAddress, 1, timespecAddress, 0);
    }

    /** Unmaps the ring and closes the socket; idempotent. Only once no thread sends or receives any more. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        ring.close();
        LibC.close(fd);
        staging.close();
        pollRequest.close();
    }

    /** @return frames handed to the kernel (sender's counter). */
    public long framesSent()
    {
        return framesSent;
    }

    /** @return sends refused by back-pressure or a down link (sender's counter). */
    public long sendsRefused()
    {
        return sendsRefused;
    }

    /** @return frames handed to receive handlers (receiver's counter). */
    public long framesReceived()
    {
        return framesReceived;
    }

    /** @return frames for other hosts or from this one, dropped (receiver's counter). */
    public long foreignHostFrames()
    {
        return ring.foreignHostFrames();
    }

    /** @return frames longer than a ring slot, dropped (receiver's counter). */
    public long truncatedFrames()
    {
        return ring.truncatedFrames();
    }

    @Override
    public int receiveRingFrames()
    {
        return ring.slots();
    }

    /** The kernel's count of frames dropped for a full ring ({@link #takeKernelDrops()}), 0 if it cannot tell. */
    @Override
    public long takeRingDrops()
    {
        return Math.max(0, takeKernelDrops());
    }

    /**
     * @return frames the kernel dropped because the ring was full since the last call ({@code PACKET_STATISTICS},
     * which the read resets); -1 if the kernel cannot tell.
     */
    public long takeKernelDrops()
    {
        try (Memory statistics = new Memory(12))
        {
            statistics.setInt(8, 8);
            if (LibC.getsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_STATISTICS, Pointer.nativeValue(statistics),
                Pointer.nativeValue(statistics) + 8) != 0)
            {
                return -1;
            }
            return statistics.getInt(4) & 0xffffffffL;
        }
    }

    @Override
    public String toString()
    {
        return "RawSocketChannel[" + interfaceName + " (ifindex " + ifindex + "), " + MacAddresses.format(mac) +
            ", MTU " + mtu + ", " + ring.slots() + " ring slots]";
    }

    private long addressOf(final ByteBuffer buffer)
    {
        final int slot = System.identityHashCode(buffer) & (ADDRESS_CACHE_SIZE - 1);
        if (cachedBuffers[slot] == buffer)
        {
            return cachedAddresses[slot];
        }
        final long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        cachedBuffers[slot] = buffer;
        cachedAddresses[slot] = address;
        return address;
    }

    private static NetInterface lookUp(final int fd, final String interfaceName)
    {
        if (interfaceName.getBytes(StandardCharsets.UTF_8).length >= LibC.IFNAMSIZ || interfaceName.isEmpty())
        {
            throw new MediaException("'" + interfaceName + "' is not an interface name (1 to 15 bytes); " +
                "interfaces that are up: " + NetInterfaces.describeUp(NetInterfaces.list()));
        }
        final NetInterface found = NetInterfaces.query(fd, interfaceName);
        if (found == null)
        {
            throw new MediaException("no network interface '" + interfaceName + "' here; interfaces that are up: " +
                NetInterfaces.describeUp(NetInterfaces.list()));
        }
        if (!found.ethernet())
        {
            throw new MediaException("interface " + found.describe() + " is not Ethernet: MXoE needs an Ethernet " +
                "interface; interfaces that are up: " + NetInterfaces.describeUp(NetInterfaces.list()));
        }
        if (!found.up())
        {
            throw new MediaException("interface " + found.describe() + " is down: bring it up with 'ip link set " +
                interfaceName + " up'");
        }
        return found;
    }

    private static void configure(final int fd, final RawSocketOptions options)
    {
        try (Memory value = new Memory(4))
        {
            final long address = Pointer.nativeValue(value);
            value.setInt(0, 1);
            if (LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_IGNORE_OUTGOING, address, 4) != 0)
            {
                throw new MediaException("cannot set PACKET_IGNORE_OUTGOING (Linux 4.20 or later is needed): " +
                    LibC.describe(LibC.errno()));
            }
            if (options.qdiscBypass() &&
                LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_QDISC_BYPASS, address, 4) != 0)
            {
                throw new MediaException("cannot set PACKET_QDISC_BYPASS: " + LibC.describe(LibC.errno()));
            }
            value.setInt(0, options.sendBufferBytes());
            if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, address, 4) != 0)
            {
                LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, address, 4);
            }
        }
    }

    private static void bind(final int fd, final NetInterface found)
    {
        try (Memory address = new Memory(LibC.SOCKADDR_LL_SIZE))
        {
            address.clear();
            address.setShort(0, (short)LibC.AF_PACKET);
            address.setShort(2, (short)LibC.htons(ETHERTYPE_MXOE));
            address.setInt(4, found.index());
            if (LibC.bind(fd, Pointer.nativeValue(address), LibC.SOCKADDR_LL_SIZE) != 0)
            {
                throw new MediaException("cannot bind the raw socket to " + found.describe() + ": " +
                    LibC.describe(LibC.errno()));
            }
        }
    }
}
