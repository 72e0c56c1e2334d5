package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory Ethernet switch for tests that need no root: each {@link #attach attached} {@link MemoryPort} is an
 * {@link EthernetChannel} with its own MAC address, and the fabric behaves like a learned switch in front of NICs.
 *
 * <ul>
 * <li>A frame shorter than the 14-byte header or longer than {@code mtu + 14} is refused with
 * {@link IllegalArgumentException}, as the kernel refuses it with {@code EMSGSIZE}.</li>
 * <li>A unicast frame reaches the port with its destination MAC only (none: it is counted in
 * {@link #unknownDestinationDrops()} and lost); a broadcast or multicast frame reaches every other port. A frame never
 * returns to its sender.</li>
 * <li>A receiving port keeps only EtherType {@code 0x86DF} frames, like the raw socket bound to it; others are counted
 * in {@link MemoryPort#foreignFrameDrops()}.</li>
 * <li>Each port receives into a ring of preallocated frame slots; when the ring is full the frame is lost and counted
 * in {@link MemoryPort#overflowDrops()}, as a socket's receive buffer overflows. The sender still sees success.</li>
 * <li>Every frame passes through the supplied {@link FaultInjector} first (loss, duplication, corruption, delay,
 * reordering), so faults are a component, not a mode.</li>
 * </ul>
 *
 * <p>Threading: any number of ports may send concurrently (sends are serialised by one fabric lock, which also guards
 * routing, the injector and delayed frames); on each port one thread receives, lock-free unless delayed frames are
 * due. Nothing is allocated per frame except for frames the injector delays.
 */
public final class MemoryEthernet
{
    /** Frames a port's receive ring holds when none is given. */
    public static final int DEFAULT_RING_FRAMES = 256;
    /** The first four bytes of every port's MAC address: locally administered, unicast, "MX". */
    private static final byte[] MAC_PREFIX = {0x02, 0x4d, 0x58, 0x00};
    private static final int MAX_PORTS = 0xffff;

    private final ReentrantLock lock = new ReentrantLock();
    private final int mtu;
    private final int ringFrames;
    private final FaultInjector faults;
    private final FrameFate fate = new FrameFate();
    private final byte[] inFlight;
    private final ByteBuffer inFlightView;
    private MemoryPort[] ports = new MemoryPort[0];
    private int nextPortNumber = 1;
    private long delayedSequence;
    private volatile long unknownDestinationDrops;

    /**
     * A fabric without faults and with {@link #DEFAULT_RING_FRAMES} per port.
     *
     * @param mtu the MTU of every port, at least 68.
     */
    public MemoryEthernet(final int mtu)
    {
        this(mtu, FaultInjector.NONE, DEFAULT_RING_FRAMES);
    }

    /**
     * @param mtu        the MTU of every port (payload after the Ethernet header), at least 68.
     * @param faults     the fault injector every frame passes through.
     * @param ringFrames frames each port's receive ring holds, a power of two.
     */
    public MemoryEthernet(final int mtu, final FaultInjector faults, final int ringFrames)
    {
        if (mtu < 68 || mtu > 65535)
        {
            throw new IllegalArgumentException("MTU out of range [68, 65535]: " + mtu);
        }
        if (ringFrames < 1 || Integer.bitCount(ringFrames) != 1)
        {
            throw new IllegalArgumentException("ring frames must be a power of two: " + ringFrames);
        }
        if (faults == null)
        {
            throw new NullPointerException("faults");
        }
        this.mtu = mtu;
        this.ringFrames = ringFrames;
        this.faults = faults;
        this.inFlight = new byte[maxFrameLength()];
        this.inFlightView = ByteBuffer.wrap(inFlight);
    }

    /** @return the MTU of every port. */
    public int mtu()
    {
        return mtu;
    }

    /** @return the largest frame a port accepts: {@code mtu + 14}. */
    public int maxFrameLength()
    {
        return mtu + EthernetChannel.ETHERNET_HEADER_LENGTH;
    }

    /** @return unicast frames lost because no attached port has their destination MAC. */
    public long unknownDestinationDrops()
    {
        return unknownDestinationDrops;
    }

    /**
     * Attaches a port named {@code mem<N>}, where N is its port number.
     *
     * @return the new port, with MAC {@code 02:4d:58:00:HH:LL} where {@code HHLL} is its port number (from 1).
     */
    public MemoryPort attach()
    {
        lock.lock();
        try
        {
            return attach("mem" + nextPortNumber);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @param name the interface name the port reports.
     * @return the new port, with MAC {@code 02:4d:58:00:HH:LL} where {@code HHLL} is its port number (from 1).
     */
    public MemoryPort attach(final String name)
    {
        lock.lock();
        try
        {
            if (nextPortNumber > MAX_PORTS)
            {
                throw new IllegalStateException("more than " + MAX_PORTS + " ports attached over time");
            }
            final int number = nextPortNumber++;
            final byte[] mac = Arrays.copyOf(MAC_PREFIX, 6);
            mac[4] = (byte)(number >>> 8);
            mac[5] = (byte)number;
            final MemoryPort port = new MemoryPort(this, number, name, mac, ringFrames, lock.newCondition());
            final MemoryPort[] grown = Arrays.copyOf(ports, ports.length + 1);
            grown[ports.length] = port;
            ports = grown;
            return port;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Routes one frame from {@code source}; see the class contract. The frame's position is left unchanged. */
    void transmit(final MemoryPort source, final ByteBuffer frame)
    {
        final int length = frame.remaining();
        if (length < EthernetChannel.ETHERNET_HEADER_LENGTH || length > maxFrameLength())
        {
            throw new IllegalArgumentException("frame of " + length + " bytes: a frame on " + source.interfaceName() +
                " has from " + EthernetChannel.ETHERNET_HEADER_LENGTH + " to " + maxFrameLength() + " bytes (MTU " +
                mtu + " + 14)");
        }
        lock.lock();
        try
        {
            if (source.isClosed())
            {
                throw new IllegalStateException("port " + source.interfaceName() + " is closed");
            }
            frame.get(frame.position(), inFlight, 0, length);
            inFlightView.clear().limit(length);
            fate.reset();
            faults.inject(source.portNumber(), inFlightView, fate);
            final int copies = fate.copies();
            final long delay = fate.delayNanos();
            final long now = delay > 0 ? System.nanoTime() : 0L;
            for (int copy = 0; copy < copies; copy++)
            {
                route(source, length, delay, now);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Moves the frames delayed for {@code port} that are due now into its ring. Call only with the lock held. */
    void releaseDue(final MemoryPort port, final long now)
    {
        final PriorityQueue<DelayedFrame> delayed = port.delayedFrames();
        DelayedFrame head = delayed.peek();
        while (head != null && head.dueNanos - now <= 0)
        {
            delayed.poll();
            port.offer(head.data, head.data.length);
            head = delayed.peek();
        }
        port.nextDueNanos(head == null ? Long.MAX_VALUE : head.dueNanos);
    }

    /** Moves the frames delayed for {@code port} that are due now into its ring, taking the lock. */
    void releaseDueLocked(final MemoryPort port)
    {
        lock.lock();
        try
        {
            releaseDue(port, System.nanoTime());
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Blocks the receiver of {@code port} until a frame is published to it, a delayed frame for it falls due, it is
     * closed or {@code timeoutNanos} passes. Senders publish and signal under the lock, so no wake-up is lost.
     */
    void awaitFrames(final MemoryPort port, final long timeoutNanos)
    {
        if (timeoutNanos <= 0 || port.hasReadyFrames())
        {
            return;
        }
        lock.lock();
        try
        {
            final long now = System.nanoTime();
            releaseDue(port, now);
            if (port.isClosed() || port.hasReadyFrames())
            {
                return;
            }
            final long due = port.nextDueNanos();
            final long wait = due == Long.MAX_VALUE ? timeoutNanos : Math.min(timeoutNanos, due - now);
            if (wait > 0)
            {
                port.await(wait);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Detaches a closed port: frames to it are lost from now on. */
    void detach(final MemoryPort port)
    {
        lock.lock();
        try
        {
            port.framesReady().signalAll();
            for (int i = 0; i < ports.length; i++)
            {
                if (ports[i] == port)
                {
                    final MemoryPort[] remaining = Arrays.copyOf(ports, ports.length - 1);
                    System.arraycopy(ports, i + 1, remaining, i, ports.length - 1 - i);
                    ports = remaining;
                    break;
                }
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    private void route(final MemoryPort source, final int length, final long delay, final long now)
    {
        final boolean groupAddress = (inFlight[0] & 1) != 0;
        boolean delivered = false;
        for (final MemoryPort port : ports)
        {
            if (port != source && (groupAddress || port.hasMac(inFlight)))
            {
                deliver(port, length, delay, now);
                delivered = true;
            }
        }
        if (!delivered && !groupAddress)
        {
            unknownDestinationDrops++;
        }
    }

    private void deliver(final MemoryPort port, final int length, final long delay, final long now)
    {
        if (delay == 0)
        {
            if (port.hasDelayedFrames())
            {
                releaseDue(port, System.nanoTime());
            }
            port.offer(inFlight, length);
            return;
        }
        final DelayedFrame frame = new DelayedFrame(Arrays.copyOf(inFlight, length), now + delay, delayedSequence++);
        port.delayedFrames().add(frame);
        port.nextDueNanos(port.delayedFrames().peek().dueNanos);
        port.signalFrames();
    }

    /** A frame held back by the injector, ordered by due time and then by sending order. */
    static final class DelayedFrame implements Comparable<DelayedFrame>
    {
        final byte[] data;
        final long dueNanos;
        final long sequence;

        DelayedFrame(final byte[] data, final long dueNanos, final long sequence)
        {
            this.data = data;
            this.dueNanos = dueNanos;
            this.sequence = sequence;
        }

        @Override
        public int compareTo(final DelayedFrame other)
        {
            final int byTime = Long.signum(dueNanos - other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
