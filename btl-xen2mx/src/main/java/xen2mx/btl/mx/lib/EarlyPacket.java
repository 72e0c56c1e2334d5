package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.DriverEvent;

/**
 * A message packet that arrived ahead of its turn, kept (with a copy of its payload) on the partner's early queue
 * until the messages before it have been matched (Open-MX's {@code omx__early_packet}). It holds nothing of the
 * driver's: the event's payload view belongs to a receive queue slot that later events reuse.
 */
final class EarlyPacket
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    final DriverEvent event = new DriverEvent();
    final Chain.Node<EarlyPacket> node = new Chain.Node<>(this);

    EarlyPacket(final DriverEvent source)
    {
        event.copyFrom(source);
        final ByteBuffer payload = source.payload();
        if (payload.hasRemaining())
        {
            final ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
            copy.put(0, payload, payload.position(), payload.remaining());
            event.payload(copy.asReadOnlyBuffer());
        }
        else
        {
            event.payload(EMPTY.duplicate()); // never the driver's slot view, which later events reuse
        }
    }

    int seqnum()
    {
        return event.seqnum();
    }

    int fragment()
    {
        return event.fragmentSeqnum();
    }
}
