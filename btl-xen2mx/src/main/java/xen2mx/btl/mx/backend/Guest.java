package xen2mx.btl.mx.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;


import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.ControlChannel;
import xen2mx.btl.mx.pv.EventDescriptor;
import xen2mx.btl.mx.pv.SegmentLayout;
import xen2mx.btl.mx.pv.SharedFile;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * One attached guest as the backend holds it: its three shared files, its rings, its endpoints, and the expected
 * events that wait for room in its event ring. The backend trusts nothing the guest writes: indexes published in the
 * rings are checked on every read ({@link SlotRing}), and a guest that breaks a rule is marked {@link #fail failed}
 * with a reason; the conductor then detaches it. Conductor thread only, except {@link #control()}.
 */
final class Guest
{
    /** Expected events allowed to wait for ring room before the guest counts as not draining its ring. */
    private static final int PENDING_MAX = 1 << 16;

    final int id;
    final long pid;
    private final ControlChannel control;
    private final SharedFile commandFile;
    private final SharedFile eventFile;
    private final SharedFile segmentFile;
    final SlotRing commands;
    final SlotRing events;
    private final SharedBuffer segment;
    private final ByteBuffer segmentBytes;
    private final int recvSlots;
    private final int recvSlotLength;
    final long allocatableStart;
    final long segmentLength;
    private final GuestEndpoint[] endpoints;
    private final ArrayDeque<SharedBuffer> pending = new ArrayDeque<>();
    private long recvProduced;
    private long recvFreed;
    private String failure;

    Guest(final int id, final long pid, final ControlChannel control, final SharedFile commandFile,
        final int commandSlots, final SharedFile eventFile, final int eventSlots, final SharedFile segmentFile,
        final int recvSlots, final int recvSlotLength, final int endpointMax)
    {
        this.id = id;
        this.pid = pid;
        this.control = control;
        this.commandFile = commandFile;
        this.eventFile = eventFile;
        this.segmentFile = segmentFile;
        this.commands = new SlotRing(commandFile.buffer(), commandSlots, xen2mx.btl.mx.pv.CommandDescriptor.SLOT_LENGTH,
            false);
        this.events = new SlotRing(eventFile.buffer(), eventSlots, EventDescriptor.SLOT_LENGTH, true);
        this.segment = segmentFile.buffer();
        this.segmentBytes = segmentFile.mapping().duplicate().order(ByteOrder.nativeOrder());
        this.recvSlots = recvSlots;
        this.recvSlotLength = recvSlotLength;
        this.allocatableStart = SegmentLayout.allocatableStart(recvSlots, recvSlotLength);
        this.segmentLength = segmentFile.buffer().capacity();
        this.endpoints = new GuestEndpoint[endpointMax];
    }

    ControlChannel control()
    {
        return control;
    }

    /** @return "guest 3 (pid 1234)". */
    String name()
    {
        return "guest " + id + " (pid " + pid + ")";
    }

    /**
     * @param offset a segment offset from the guest.
     * @param length a length from the guest.
     * @return a view of {@code [offset, offset + length)} if it lies in the guest-allocated part of the segment, else
     * null.
     */
    ByteBuffer segmentRange(final long offset, final long length)
    {
        if (offset < allocatableStart || length < 0 || offset + length > segmentLength)
        {
            return null;
        }
        return segmentBytes.slice((int)offset, (int)length).order(ByteOrder.nativeOrder());
    }

    GuestEndpoint endpoint(final int index)
    {
        return index >= 0 && index < endpoints.length ? endpoints[index] : null;
    }

    void endpoint(final int index, final GuestEndpoint endpoint)
    {
        endpoints[index] = endpoint;
    }

    GuestEndpoint[] endpoints()
    {
        return endpoints;
    }

    /** Marks the guest for detaching (the first reason wins). */
    void fail(final String reason)
    {
        if (failure == null)
        {
            failure = reason;
        }
    }

    /** @return why the guest must be detached, or null. */
    String failure()
    {
        return failure;
    }

    /**
     * Writes an event (and its payload into the next receive slot) into the event ring.
     *
     * @param endpoint      the guest endpoint.
     * @param event         the event.
     * @param payload       the payload's buffer, or null.
     * @param payloadIndex  its first byte.
     * @param payloadLength its length.
     * @param expected      true for an expected event: it must not be lost, so it waits when the ring is full.
     * @return false if an unexpected event was dropped (no ring slot or receive slot, or the guest failed).
     */
    boolean postEvent(final int endpoint, final DriverEvent event, final ByteBuffer payload, final int payloadIndex,
        final int payloadLength, final boolean expected)
    {
        if (failure != null)
        {
            return false;
        }
        try
        {
            if (expected)
            {
                final int at = pending.isEmpty() ? events.claim() : -1;
                if (at < 0)
                {
                    queuePending(endpoint, event);
                    return true;
                }
                EventDescriptor.encode(events.buffer(), at, endpoint, event, EventDescriptor.NO_SLOT, 0);
                events.commit();
                return true;
            }
            final int slot = payloadLength > 0 ? claimRecvSlot() : EventDescriptor.NO_SLOT;
            if (slot == -2)
            {
                return false;
            }
            final int at = events.claim();
            if (at < 0)
            {
                return false;
            }
            if (slot >= 0)
            {
                segment.putBytes(slot * recvSlotLength, payload, payloadIndex, payloadLength);
                recvProduced++;
            }
            EventDescriptor.encode(events.buffer(), at, endpoint, event, slot, payloadLength);
            events.commit();
            return true;
        }
        catch (final IllegalStateException ex)
        {
            fail("event ring: " + ex.getMessage());
            return false;
        }
    }

    /**
     * Posts an internal event (region destroyed, endpoint closed); never lost.
     *
     * @param endpoint the endpoint.
     * @param type     the internal type.
     * @param regionId the region.
     */
    void postInternal(final int endpoint, final int type, final int regionId)
    {
        if (failure != null)
        {
            return;
        }
        try
        {
            final int at = pending.isEmpty() ? events.claim() : -1;
            if (at < 0)
            {
                final SharedBuffer slot = new SharedBuffer(EventDescriptor.SLOT_LENGTH);
                EventDescriptor.encodeInternal(slot, 0, endpoint, type, regionId);
                addPending(slot);
                return;
            }
            EventDescriptor.encodeInternal(events.buffer(), at, endpoint, type, regionId);
            events.commit();
        }
        catch (final IllegalStateException ex)
        {
            fail("event ring: " + ex.getMessage());
        }
    }

    /**
     * Moves waiting expected events into the ring as room allows.
     *
     * @return events moved.
     */
    int flushPending()
    {
        int moved = 0;
        try
        {
            while (!pending.isEmpty() && failure == null)
            {
                final int at = events.claim();
                if (at < 0)
                {
                    break;
                }
                events.buffer().putBytes(at, pending.poll(), 0, EventDescriptor.SLOT_LENGTH);
                events.commit();
                moved++;
            }
        }
        catch (final IllegalStateException ex)
        {
            fail("event ring: " + ex.getMessage());
        }
        return moved;
    }

    private void queuePending(final int endpoint, final DriverEvent event)
    {
        final SharedBuffer slot = new SharedBuffer(EventDescriptor.SLOT_LENGTH);
        EventDescriptor.encode(slot, 0, endpoint, event, EventDescriptor.NO_SLOT, 0);
        addPending(slot);
    }

    private void addPending(final SharedBuffer slot)
    {
        if (pending.size() >= PENDING_MAX)
        {
            fail("does not drain its event ring (" + pending.size() + " completions waiting)");
            return;
        }
        pending.add(slot);
    }

    /** @return the next receive slot, or -2 if none is free. */
    private int claimRecvSlot()
    {
        final long freed = events.auxAcquire(); // the guest's count of receive slots freed, untrusted
        if (freed < recvFreed || freed > recvProduced)
        {
            throw new IllegalStateException("receive slots freed " + freed + " outside [" + recvFreed + ", "
                + recvProduced + "]");
        }
        recvFreed = freed;
        if (recvProduced - freed >= recvSlots)
        {
            return -2;
        }
        return (int)(recvProduced % recvSlots);
    }

    /** Wakes the guest's sleepers (it is being detached) and removes its files. */
    void release()
    {
        events.ring();
        control.close();
        commandFile.delete();
        eventFile.delete();
        segmentFile.delete();
    }
}
