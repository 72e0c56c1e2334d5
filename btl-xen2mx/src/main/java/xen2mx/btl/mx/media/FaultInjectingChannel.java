package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts a {@link FaultInjector} in front of any {@link EthernetChannel}'s send side: the frames this attachment sends
 * are lost, duplicated, corrupted, delayed or reordered as the injector decides, then go to the wrapped channel
 * (Aeron's {@code DebugSendChannelEndpoint}). On a raw socket this replaces {@code tc netem} where the kernel has no
 * netem, with the same seeded {@link RandomFaults} the in-memory fabric uses.
 *
 * <p>Delayed frames wait in a queue and are sent once due by whichever of the sending or receiving thread comes first
 * ({@link #send}, {@link #receive} and {@link #awaitFrames} all release them, and {@code awaitFrames} sleeps no later
 * than the next due time), so a quiet sender still gets its delayed frames out. All sends to the wrapped channel
 * happen under one lock, so it still sees one sender at a time. A frame the wrapped channel refuses when it falls due
 * is lost, as on a congested link.
 *
 * <p>Threading: one sending and one receiving thread, as the contract says.
 */
public final class FaultInjectingChannel implements EthernetChannel
{
    private final EthernetChannel channel;
    private final FaultInjector faults;
    private final int sourcePort;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final FrameFate fate = new FrameFate();
    private final byte[] inFlight;
    private final ByteBuffer inFlightView;
    private final PriorityQueue<MemoryEthernet.DelayedFrame> delayed = new PriorityQueue<>();
    private long delayedSequence;
    private volatile long nextDueNanos = Long.MAX_VALUE;
    private volatile long delayedFramesLost;

    /**
     * @param channel    the attachment whose sends suffer the faults; closed with this one.
     * @param faults     decides each frame's fate.
     * @param sourcePort the number passed to the injector as the sender (to tell attachments apart).
     */
    public FaultInjectingChannel(final EthernetChannel channel, final FaultInjector faults, final int sourcePort)
    {
        this.channel = channel;
        this.faults = faults;
        this.sourcePort = sourcePort;
        this.inFlight = new byte[channel.mtu() + ETHERNET_HEADER_LENGTH];
        this.inFlightView = ByteBuffer.wrap(inFlight);
    }

    @Override
    public String interfaceName()
    {
        return channel.interfaceName();
    }

    @Override
    public byte[] macAddress()
    {
        return channel.macAddress();
    }

    @Override
    public int mtu()
    {
        return channel.mtu();
    }

    @Override
    public int receiveRingFrames()
    {
        return channel.receiveRingFrames();
    }

    @Override
    public long takeRingDrops()
    {
        return channel.takeRingDrops();
    }

    /**
     * {@inheritDoc}
     *
     * @return the wrapped channel's answer for the first copy sent now; true for a frame lost or delayed by the
     * injector (it left this host, as far as the caller can tell).
     * @throws IllegalArgumentException if the frame is shorter than 14 bytes or longer than {@code mtu + 14}.
     */
    @Override
    public boolean send(final ByteBuffer frame)
    {
        final int length = frame.remaining();
        if (length < ETHERNET_HEADER_LENGTH || length > inFlight.length)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes: a frame on " + interfaceName() +
                " has from " + ETHERNET_HEADER_LENGTH + " to " + inFlight.length + " bytes (MTU " + mtu() + " + 14)");
        }
        sendLock.lock();
        try
        {
            releaseDue();
            frame.get(frame.position(), inFlight, 0, length);
            inFlightView.clear().limit(length);
            fate.reset();
            faults.inject(sourcePort, inFlightView, fate);
            final int copies = fate.copies();
            if (fate.delayNanos() > 0)
            {
                final long due = System.nanoTime() + fate.delayNanos();
                for (int copy = 0; copy < copies; copy++)
                {
                    delayed.add(new MemoryEthernet.DelayedFrame(Arrays.copyOf(inFlight, length), due,
                        delayedSequence++));
                }
                nextDueNanos = delayed.isEmpty() ? Long.MAX_VALUE : delayed.peek().dueNanos;
                return true;
            }
            boolean sent = true;
            for (int copy = 0; copy < copies; copy++)
            {
                inFlightView.clear().limit(length);
                final boolean accepted = channel.send(inFlightView);
                sent = copy == 0 ? accepted : sent;
            }
            return sent;
        }
        finally
        {
            sendLock.unlock();
        }
    }

    @Override
    public int receive(final FrameHandler handler, final int maxFrames)
    {
        if (nextDueNanos != Long.MAX_VALUE)
        {
            releaseDueLocked();
        }
        return channel.receive(handler, maxFrames);
    }

    @Override
    public void awaitFrames(final long timeoutNanos)
    {
        long timeout = timeoutNanos;
        final long due = nextDueNanos;
        if (due != Long.MAX_VALUE)
        {
            releaseDueLocked();
            timeout = Math.min(timeout, Math.max(0, nextDueNanos - System.nanoTime()));
        }
        if (timeout > 0)
        {
            channel.awaitFrames(timeout);
        }
        if (nextDueNanos != Long.MAX_VALUE)
        {
            releaseDueLocked();
        }
    }

    /** Closes the wrapped channel; delayed frames not yet sent are lost. */
    @Override
    public void close()
    {
        sendLock.lock();
        try
        {
            delayed.clear();
            nextDueNanos = Long.MAX_VALUE;
        }
        finally
        {
            sendLock.unlock();
        }
        channel.close();
    }

    /** @return delayed frames the wrapped channel refused when they fell due (lost). */
    public long delayedFramesLost()
    {
        return delayedFramesLost;
    }

    /** @return the injector deciding every frame's fate (to read its counters). */
    public FaultInjector injector()
    {
        return faults;
    }

    /** @return the wrapped channel. */
    public EthernetChannel channel()
    {
        return channel;
    }

    private void releaseDueLocked()
    {
        sendLock.lock();
        try
        {
            releaseDue();
        }
        finally
        {
            sendLock.unlock();
        }
    }

    private void releaseDue()
    {
        if (delayed.isEmpty())
        {
            return;
        }
        final long now = System.nanoTime();
        MemoryEthernet.DelayedFrame head = delayed.peek();
        while (head != null && head.dueNanos - now <= 0)
        {
            delayed.poll();
            final ByteBuffer frame = ByteBuffer.wrap(head.data);
            if (!channel.send(frame))
            {
                delayedFramesLost++;
            }
            head = delayed.peek();
        }
        nextDueNanos = head == null ? Long.MAX_VALUE : head.dueNanos;
    }
}
