package xen2mx.btl.mx.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * One port of a {@link MemoryEthernet}: an {@link EthernetChannel} whose frames cross the in-memory fabric.
 *
 * <p>Receive ring, single consumer and producers serialised by the fabric lock:
 * invariant {@code head <= tail <= head + capacity}; slot {@code i & mask} holds a frame for {@code head <= i < tail}.
 * A producer copies the frame into its slot, then publishes {@code tail} with release; the receiver reads
 * {@code tail} with acquire (so it sees the bytes), hands the slot to the handler, then publishes {@code head} with
 * release (so a producer reuses the slot only after the handler returned).
 */
public final class MemoryPort implements EthernetChannel
{
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(MemoryPort.class, "head", long.class);
            TAIL = lookup.findVarHandle(MemoryPort.class, "tail", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final MemoryEthernet fabric;
    private final int portNumber;
    private final String name;
    private final byte[] mac;
    private final byte[][] slots;
    private final int[] lengths;
    private final ByteBuffer[] views;
    private final int mask;
    private final Condition framesReady;
    private final PriorityQueue<MemoryEthernet.DelayedFrame> delayed = new PriorityQueue<>();

    @SuppressWarnings("unused") // accessed through HEAD
    private long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private long tail;
    private volatile long nextDueNanos = Long.MAX_VALUE;
    private volatile boolean closed;
    private volatile long overflowDrops;
    private long overflowDropsTaken;
    private volatile long foreignFrameDrops;

    MemoryPort(final MemoryEthernet fabric, final int portNumber, final String name, final byte[] mac,
        final int ringFrames, final Condition framesReady)
    {
        this.fabric = fabric;
        this.portNumber = portNumber;
        this.name = name;
        this.mac = mac;
        this.framesReady = framesReady;
        this.mask = ringFrames - 1;
        this.slots = new byte[ringFrames][fabric.maxFrameLength()];
        this.lengths = new int[ringFrames];
        this.views = new ByteBuffer[ringFrames];
        for (int i = 0; i < ringFrames; i++)
        {
            views[i] = ByteBuffer.wrap(slots[i]);
        }
    }

    /** @return this port's number on its fabric, from 1 (the last two bytes of its MAC). */
    public int portNumber()
    {
        return portNumber;
    }

    @Override
    public String interfaceName()
    {
        return name;
    }

    @Override
    public byte[] macAddress()
    {
        return mac.clone();
    }

    @Override
    public int mtu()
    {
        return fabric.mtu();
    }

    /**
     * {@inheritDoc}
     *
     * @return always true: the fabric never pushes back (a full receiver loses the frame instead).
     * @throws IllegalArgumentException if the frame is shorter than 14 bytes or longer than {@code mtu + 14}.
     * @throws IllegalStateException    if this port is closed.
     */
    @Override
    public boolean send(final ByteBuffer frame)
    {
        fabric.transmit(this, frame);
        return true;
    }

    @Override
    public int receive(final FrameHandler handler, final int maxFrames)
    {
        if (closed)
        {
            return 0;
        }
        if (nextDueNanos != Long.MAX_VALUE && nextDueNanos - System.nanoTime() <= 0)
        {
            fabric.releaseDueLocked(this);
        }
        final long available = (long)TAIL.getAcquire(this); // pairs with setRelease in offer(): slot bytes visible
        long position = (long)HEAD.get(this);
        int delivered = 0;
        while (position < available && delivered < maxFrames)
        {
            final int index = (int)(position & mask);
            final ByteBuffer view = views[index];
            view.clear().limit(lengths[index]);
            position++;
            delivered++;
            try
            {
                handler.onFrame(view);
            }
            finally
            {
                HEAD.setRelease(this, position); // producers reuse the slot only after the handler returned
            }
        }
        return delivered;
    }

    @Override
    public void awaitFrames(final long timeoutNanos)
    {
        fabric.awaitFrames(this, timeoutNanos);
    }

    /** Detaches this port: frames sent to it are lost from now on; a thread in {@link #awaitFrames} returns. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            fabric.detach(this);
        }
    }

    @Override
    public int receiveRingFrames()
    {
        return slots.length;
    }

    @Override
    public long takeRingDrops()
    {
        final long total = overflowDrops;
        final long taken = total - overflowDropsTaken;
        overflowDropsTaken = total;
        return taken;
    }

    /** @return frames lost because this port's receive ring was full. */
    public long overflowDrops()
    {
        return overflowDrops;
    }

    /** @return frames that reached this port with an EtherType other than {@code 0x86DF} and were dropped. */
    public long foreignFrameDrops()
    {
        return foreignFrameDrops;
    }

    @Override
    public String toString()
    {
        return "MemoryPort[" + name + ", " + MacAddresses.format(mac) + ", MTU " + fabric.mtu() + "]";
    }

    boolean isClosed()
    {
        return closed;
    }

    boolean hasMac(final byte[] frame)
    {
        return frame[0] == mac[0] && frame[1] == mac[1] && frame[2] == mac[2] && frame[3] == mac[3] &&
            frame[4] == mac[4] && frame[5] == mac[5];
    }

    boolean hasReadyFrames()
    {
        return (long)TAIL.getAcquire(this) != (long)HEAD.getAcquire(this);
    }

    boolean hasDelayedFrames()
    {
        return !delayed.isEmpty();
    }

    long nextDueNanos()
    {
        return nextDueNanos;
    }

    void nextDueNanos(final long dueNanos)
    {
        nextDueNanos = dueNanos;
    }

    PriorityQueue<MemoryEthernet.DelayedFrame> delayedFrames()
    {
        return delayed;
    }

    Condition framesReady()
    {
        return framesReady;
    }

    /** Copies a frame into the next slot and publishes it. Call only with the fabric lock held. */
    void offer(final byte[] frame, final int length)
    {
        if (closed)
        {
            return;
        }
        final int etherType = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        if (etherType != ETHERTYPE_MXOE)
        {
            foreignFrameDrops++;
            return;
        }
        final long position = (long)TAIL.get(this);
        if (position - (long)HEAD.getAcquire(this) >= slots.length) // pairs with setRelease in receive()
        {
            overflowDrops++;
            return;
        }
        final int index = (int)(position & mask);
        System.arraycopy(frame, 0, slots[index], 0, length);
        lengths[index] = length;
        TAIL.setRelease(this, position + 1); // the receiver sees the bytes before the new tail
        framesReady.signal();
    }

    void signalFrames()
    {
        framesReady.signal();
    }

    void await(final long nanos) throws InterruptedException
    {
        framesReady.await(nanos, TimeUnit.NANOSECONDS);
    }
}
