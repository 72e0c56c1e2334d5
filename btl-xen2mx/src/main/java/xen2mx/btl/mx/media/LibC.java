package xen2mx.btl.mx.media;

import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls the raw-socket media needs, bound once with JNA direct mapping (no reflection or argument
 * conversion per call). Pointers and sizes travel as {@code long} (LP64 Linux: x86-64 and aarch64); the errno of a
 * failed call is read right after it with {@link Native#getLastError()} on the same thread. Constants are the Linux
 * generic ABI values, identical on x86-64 and aarch64.
 */
final class LibC
{
    static final int AF_UNIX = 1;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SOL_PACKET = 263;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_QDISC_BYPASS = 20;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int TPACKET_V2 = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_TRUNC = 0x20;
    static final short POLLIN = 0x1;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCGIFMTU = 0x8921;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCGIFINDEX = 0x8933;
    static final int IFF_UP = 0x1;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_RUNNING = 0x40;
    static final int ARPHRD_ETHER = 1;
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x1;
    static final long MAP_FAILED = -1L;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int SC_PAGESIZE = 30;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EMSGSIZE = 90;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;

    /** Bytes of {@code struct ifreq}: a 16-byte name, then a 24-byte union. */
    static final int IFREQ_SIZE = 40;
    /** Offset of the union in {@code struct ifreq} (ifindex, MTU, flags, or the hardware address's sockaddr). */
    static final int IFREQ_UNION_OFFSET = 16;
    /** Bytes of an interface name including its terminating NUL. */
    static final int IFNAMSIZ = 16;
    /** Bytes of {@code struct sockaddr_ll}. */
    static final int SOCKADDR_LL_SIZE = 20;

    static
    {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC()
    {
    }

    /** @return {@code value} in network byte order, as {@code htons} gives it for a native {@code int} argument. */
    static int htons(final int value)
    {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Short.reverseBytes((short)value) & 0xffff :
            value & 0xffff;
    }

    /** @return the errno of the last failed call on this thread. */
    static int errno()
    {
        return Native.getLastError();
    }

    /** @return a short text for an errno, e.g. {@code "EPERM (Operation not permitted)"}. */
    static String describe(final int errno)
    {
        final String name = switch (errno)
        {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EINTR -> "EINTR";
            case ENXIO -> "ENXIO";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case ENODEV -> "ENODEV";
            case EINVAL -> "EINVAL";
            case EMSGSIZE -> "EMSGSIZE";
            case ENETDOWN -> "ENETDOWN";
            case ENOBUFS -> "ENOBUFS";
            default -> "errno " + errno;
        };
        return name + " (" + strerror(errno) + ")";
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, long address, int addressLength);

    static native int close(int fd);

    static native long send(int fd, long buffer, long length, int flags);

    static native int sendmmsg(int fd, long messages, int count, int flags);

    static native int recvmmsg(int fd, long messages, int count, int flags, long timeout);

    static native int ppoll(long fds, long count, long timeout, long signalMask);

    static native int setsockopt(int fd, int level, int name, long value, int length);

    static native int getsockopt(int fd, int level, int name, long value, long length);

    static native int ioctl(int fd, long request, long argument);

    static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    static native int munmap(long address, long length);

    static native long if_nameindex();

    static native void if_freenameindex(long list);

    static native int open(String path, int flags);

    static native int setns(int fd, int type);

    static native String strerror(int errno);

    static native long sysconf(int name);
}
