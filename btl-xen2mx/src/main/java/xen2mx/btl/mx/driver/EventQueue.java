package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An endpoint's event queues inside one process: the {@link EndpointOwner} of the native driver. Two
 * single-producer single-consumer rings of pre-allocated {@link DriverEvent}s, as Open-MX's mapped event queues:
 * <ul>
 *   <li>expected: completions of commands, room reserved when the command is taken;</li>
 *   <li>unexpected: received frames; slot {@code i} owns receive-queue slot {@code i}, where the payload is
 *   copied.</li>
 * </ul>
 * The producer is the driver core's thread, the consumer the thread that {@linkplain #poll polls}. Public for the
 * paravirtual frontend, whose event-ring reader is the producer.
 *
 * <p>Direct delivery: while the consumer thread itself runs the driver's duty cycle inside {@code poll}
 * ({@link #deliverDirectly}), an unexpected event offered on that thread with nothing queued before it goes straight
 * to the consumer's handler, its payload a view of the received frame: no copy into the receive queue (the copy a
 * medium fragment paid twice on its way to the application).
 *
 * <p>Invariants (per ring): {@code head <= tail <= head + slots}; expected: {@code tail + reserved <= head + slots}.
 * The producer writes a slot, then publishes {@code tail} with a release store; the consumer reads {@code tail} with
 * an acquire load, hands the slot out, then frees it with a release store of {@code head}.
 */
public final class EventQueue implements EndpointOwner
{
    private final int slots;
    private final int mask;
    private final DriverEvent[] expected;
    private final DriverEvent[] unexpected;
    private final ByteBuffer recvq;
    private final ByteBuffer[] payloadViews;
    private final int payloadSlotLength;
    private final AtomicLong expectedHead = new AtomicLong();
    private final AtomicLong expectedTail = new AtomicLong();
    private final AtomicLong unexpectedHead = new AtomicLong();
    private final AtomicLong unexpectedTail = new AtomicLong();
    private int reserved;
    private volatile Thread waiter;
    /**
     * The consumer thread while it delivers directly. Plain: only the consumer writes it, and another thread that
     * reads a stale value sees null or the consumer, never itself.
     */
    private Thread directThread;
    private DriverEventHandler directHandler;
    private int directBudget;
    private int directDelivered;
    private RuntimeException directFailure;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * @param slots             slots per ring, a power of two.
     * @param payloadSlotLength bytes of one receive-queue slot (at least the largest received payload).
     */
    public EventQueue(final int slots, final int payloadSlotLength)
    {
        this.slots = slots;
        this.mask = slots - 1;
        this.payloadSlotLength = payloadSlotLength;
        expected = new DriverEvent[slots];
        unexpected = new DriverEvent[slots];
        recvq = ByteBuffer.allocateDirect(slots * payloadSlotLength);
        payloadViews = new ByteBuffer[slots];
        for (int i = 0; i < slots; i++)
        {
            expected[i] = new DriverEvent();
            unexpected[i] = new DriverEvent();
            payloadViews[i] = recvq.slice(i * payloadSlotLength, payloadSlotLength).asReadOnlyBuffer();
        }
    }

    @Override
    public boolean offerUnexpected(
        final DriverEvent event, final ByteBuffer payload, final int payloadIndex, final int payloadLength)
    {
        final long tail = unexpectedTail.get();
        final long head = unexpectedHead.getAcquire(); // pairs with setRelease in poll: the slot is free
        if (directBudget > 0 && tail == head && directThread == Thread.currentThread())
        {
            deliverDirect(event, payload, payloadIndex, payloadLength);
            return true;
        }
        if (tail - head >= slots)
        {
            return false;
        }
        final int index = (int)(tail & mask);
        if (payloadLength > payloadSlotLength)
        {
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes exceeds a receive slot");
        }
        final DriverEvent slot = unexpected[index].copyFrom(event);
        final ByteBuffer view = payloadViews[index];
        if (payloadLength > 0)
        {
            recvq.put(index * payloadSlotLength, payload, payloadIndex, payloadLength);
        }
        view.limit(payloadLength).position(0);
        slot.payload(view);
        unexpectedTail.setRelease(tail + 1); // consumer sees the slot's contents before the new tail
        signal();
        return true;
    }

    private void deliverDirect(
        final DriverEvent event, final ByteBuffer payload, final int payloadIndex, final int payloadLength)
    {
        directBudget--;
        directDelivered++;
        if (payload == null || payloadLength == 0)
        {
            event.payload(EMPTY);
            callDirect(event);
            return;
        }
        final int position = payload.position();
        final int limit = payload.limit();
        payload.limit(payloadIndex + payloadLength).position(payloadIndex);
        event.payload(payload);
        try
        {
            callDirect(event);
        }
        finally
        {
            payload.limit(limit).position(position);
        }
    }

    private void callDirect(final DriverEvent event)
    {
        try
        {
            directHandler.onEvent(event);
        }
        catch (final RuntimeException ex)
        {
            directFailure = ex; // the consumer's poll rethrows it, as it would have thrown from a queued event
            directBudget = 0;
        }
    }

    /**
     * Lets unexpected events offered on the calling (consumer) thread go straight to {@code handler} until
     * {@link #stopDirect()}; consumer thread only.
     *
     * @param handler the consumer's handler.
     * @param budget  events it may receive so.
     */
    public void deliverDirectly(final DriverEventHandler handler, final int budget)
    {
        directHandler = handler;
        directBudget = budget;
        directDelivered = 0;
        directThread = Thread.currentThread();
    }

    /**
     * Ends direct delivery; rethrows what the handler threw during it.
     *
     * @return events delivered directly.
     */
    public int stopDirect()
    {
        directThread = null;
        directHandler = null;
        directBudget = 0;
        final RuntimeException failure = directFailure;
        if (failure != null)
        {
            directFailure = null;
            throw failure;
        }
        return directDelivered;
    }

    @Override
    public boolean reserveExpected()
    {
        final long tail = expectedTail.get();
        if (tail + reserved - expectedHead.getAcquire() >= slots)
        {
            return false;
        }
        reserved++;
        return true;
    }

    @Override
    public void postExpected(final DriverEvent event)
    {
        if (reserved <= 0)
        {
            throw new IllegalStateException("expected event posted without a reservation");
        }
        reserved--;
        final long tail = expectedTail.get();
        expected[(int)(tail & mask)].copyFrom(event);
        expectedTail.setRelease(tail + 1); // consumer sees the event before the new tail
        signal();
    }

    @Override
    public void releaseExpected()
    {
        if (reserved > 0)
        {
            reserved--;
        }
    }

    /**
     * Delivers pending events, expected ones first. Consumer thread only.
     *
     * @param handler   receives each event.
     * @param maxEvents upper bound.
     * @return events delivered.
     */
    public int poll(final DriverEventHandler handler, final int maxEvents)
    {
        int delivered = drain(expected, expectedHead, expectedTail, handler, maxEvents);
        if (delivered < maxEvents)
        {
            delivered += drain(unexpected, unexpectedHead, unexpectedTail, handler, maxEvents - delivered);
        }
        return delivered;
    }

    /** @return true if an event is pending; any thread. */
    public boolean hasEvents()
    {
        return expectedTail.getAcquire() != expectedHead.getAcquire()
            || unexpectedTail.getAcquire() != unexpectedHead.getAcquire();
    }

    /**
     * Registers the thread to unpark when an event is posted (null to stop).
     *
     * @param thread the waiting thread.
     */
    public void waiter(final Thread thread)
    {
        waiter = thread;
    }

    /** Unparks the registered waiter, if any. */
    public void signal()
    {
        final Thread thread = waiter;
        if (thread != null)
        {
            LockSupport.unpark(thread);
        }
    }

    private static int drain(
        final DriverEvent[] ring,
        final AtomicLong head,
        final AtomicLong tail,
        final DriverEventHandler handler,
        final int maxEvents)
    {
        final long first = head.get();
        final long available = tail.getAcquire() - first; // pairs with setRelease by the producer
        final int count = (int)Math.min(available, maxEvents);
        final int ringMask = ring.length - 1;
        for (int i = 0; i < count; i++)
        {
            try
            {
                handler.onEvent(ring[(int)((first + i) & ringMask)]);
            }
            finally
            {
                head.setRelease(first + i + 1); // producer may reuse the slot (and its payload) from now on
            }
        }
        return count;
    }
}
