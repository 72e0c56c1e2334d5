package xen2mx.btl.mx.backend;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

import xen2mx.btl.mx.media.EthernetChannel;

/**
 * The board of a backend without a NIC: co-located guests only. Its MAC is random and locally administered (bit 1 of
 * byte 0 set, unicast), so it never collides with a real board; frames the core addresses to it go through the core's
 * own loopback and never reach this channel; frames to any other board are dropped (there is no link), which the
 * library sees as an unreachable peer.
 */
final class DetachedChannel implements EthernetChannel
{
    /** The name this board shows where an interface name is expected. */
    static final String NAME = "x2mx-local";
    /** Frames the driver core's loopback queue holds. */
    private static final int LOOPBACK_FRAMES = 256;

    private final byte[] mac = new byte[6];
    private final int mtu;

    /** @param mtu the MTU the guests' fragment sizes derive from (9000 as the veths of the tests). */
    DetachedChannel(final int mtu)
    {
        this.mtu = mtu;
        ThreadLocalRandom.current().nextBytes(mac);
        mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
    }

    @Override
    public String interfaceName()
    {
        return NAME;
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

    @Override
    public boolean send(final ByteBuffer frame)
    {
        return true; // no link: a frame to another board is lost, as on a cable to nowhere
    }

    @Override
    public int receive(final FrameHandler handler, final int maxFrames)
    {
        return 0;
    }

    /** @return the core's loopback capacity: co-located pull replies all go through it. */
    @Override
    public int receiveRingFrames()
    {
        return LOOPBACK_FRAMES;
    }

    @Override
    public void awaitFrames(final long timeoutNanos)
    {
        java.util.concurrent.locks.LockSupport.parkNanos(timeoutNanos);
    }

    @Override
    public void close()
    {
    }
}
