package xen2mx.btl.mx.frontend;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;


import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.EventType;
import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.EventDescriptor;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * Reads the guest's event ring (Aeron's {@code DriverEventsAdapter}) and hands each event to its endpoint's
 * {@link xen2mx.btl.mx.driver.EventQueue}: unexpected events with their payload as a view of the receive slot in the
 * segment (the queue delivers it straight to a polling handler, or copies it into its own slot), expected events
 * after the frontend's part of their work (a finished pull's bytes copied from the segment into the user's buffers).
 * Receive slots are freed in order right after their event is handed over (the AUX word of the ring).
 *
 * <p>Whichever thread polls or waits drains (a try-lock makes one drainer at a time); no thread of its own, so events
 * do not cross threads on the guest side except through the endpoint queues.
 */
final class BackendEventsAdapter
{
    private final FrontendDriver driver;
    private final SlotRing ring;
    private final ByteBuffer receiveSlots;
    private final int recvSlotLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final DriverEvent event = new DriverEvent();
    private long freed;

    BackendEventsAdapter(final FrontendDriver driver, final SlotRing ring, final ByteBuffer segment,
        final int recvSlotLength)
    {
        this.driver = driver;
        this.ring = ring;
        this.receiveSlots = segment.duplicate();
        this.recvSlotLength = recvSlotLength;
        this.freed = ring.auxAcquire();
    }

    /** @return true if the ring holds events nobody took yet. */
    boolean pending()
    {
        return ring.available() > 0;
    }

    SlotRing ring()
    {
        return ring;
    }

    /**
     * Hands over up to {@code max} events, unless another thread is draining.
     *
     * @param max upper bound.
     * @return events handed over.
     */
    int drain(final int max)
    {
        if (!lock.tryLock())
        {
            return 0;
        }
        try
        {
            final int count = Math.min(ring.available(), max);
            final SharedBuffer slots = ring.buffer();
            for (int i = 0; i < count; i++)
            {
                final int at = ring.head();
                try
                {
                    dispatch(slots, at);
                }
                finally
                {
                    if (EventDescriptor.recvSlot(slots, at) != EventDescriptor.NO_SLOT)
                    {
                        ring.auxRelease(++freed); // backend may reuse the receive slot
                    }
                    ring.release();
                }
            }
            return count;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void dispatch(final SharedBuffer slots, final int at)
    {
        final FrontendEndpoint endpoint = driver.endpoint(EventDescriptor.endpoint(slots, at));
        final int code = EventDescriptor.type(slots, at);
        if (endpoint == null)
        {
            return; // closed here already: nobody wants it
        }
        if (code == EventDescriptor.REGION_DESTROYED)
        {
            endpoint.onRegionDestroyed(EventDescriptor.regionId(slots, at));
            return;
        }
        if (code == EventDescriptor.ENDPOINT_CLOSED)
        {
            driver.onEndpointClosed(endpoint);
            return;
        }
        final EventType type = EventType.fromCode(code);
        if (type == null)
        {
            return;
        }
        EventDescriptor.decode(slots, at, type, event, null);
        if (type.expected())
        {
            endpoint.onExpected(event);
            return;
        }
        final int slot = EventDescriptor.recvSlot(slots, at);
        final int length = EventDescriptor.payloadLength(slots, at);
        if (slot == EventDescriptor.NO_SLOT || length <= 0 || length > recvSlotLength)
        {
            endpoint.onUnexpected(event, null, 0, 0);
        }
        else
        {
            endpoint.onUnexpected(event, receiveSlots, slot * recvSlotLength, length);
        }
    }
}
