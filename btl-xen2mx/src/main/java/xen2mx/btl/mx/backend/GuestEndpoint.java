package xen2mx.btl.mx.backend;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.CoreEndpoint;
import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.EndpointOwner;

/**
 * A guest's endpoint inside the backend: the shadow endpoint on the host's board (Xen2MX's {@code xen=1} endpoint).
 * As the core's {@link EndpointOwner} it writes events into the guest's event ring and payloads into the guest's
 * receive slots ({@link Guest#postEvent}). Conductor thread only.
 */
final class GuestEndpoint implements EndpointOwner
{
    /** Expected events one endpoint may have reserved and not yet posted (an honest guest stays far below). */
    private static final int RESERVED_MAX = 1 << 16;

    private final Guest guest;
    private final ByteBuffer sendQueue;
    private CoreEndpoint core;
    private int reserved;

    /**
     * @param guest     the owner.
     * @param sendQueue the endpoint's send queue: a checked slice of the guest's segment.
     */
    GuestEndpoint(final Guest guest, final ByteBuffer sendQueue)
    {
        this.guest = guest;
        this.sendQueue = sendQueue;
    }

    void core(final CoreEndpoint endpoint)
    {
        this.core = endpoint;
    }

    /** @return the core's endpoint. */
    CoreEndpoint core()
    {
        return core;
    }

    /** @return the send queue slice (medium fragments are read from it by offset). */
    ByteBuffer sendQueue()
    {
        return sendQueue;
    }

    @Override
    public boolean offerUnexpected(
        final DriverEvent event, final ByteBuffer payload, final int payloadIndex, final int payloadLength)
    {
        return guest.postEvent(core.index(), event, payload, payloadIndex, payloadLength, false);
    }

    @Override
    public boolean reserveExpected()
    {
        if (reserved >= RESERVED_MAX)
        {
            return false;
        }
        reserved++;
        return true;
    }

    @Override
    public void postExpected(final DriverEvent event)
    {
        if (reserved > 0)
        {
            reserved--;
        }
        guest.postEvent(core.index(), event, null, 0, 0, true);
    }

    @Override
    public void releaseExpected()
    {
        if (reserved > 0)
        {
            reserved--;
        }
    }
}
