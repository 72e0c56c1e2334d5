package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.DriverEvent;

/**
 * A message packet that arrived ahead of its turn, kept (with a copy of its payload) on the partner's early queue
 * until the messages before it have been matched (Open-MX's {@code omx__early_packet}).
 */
final class EarlyPacket
{
    final DriverEvent event = new DriverEvent();
    final Chain.Node<EarlyPacket> node = new Chain.Node<>(this);

    EarlyPacket(final DriverEvent source)
    {
        event.copyFrom(source);
        final ByteBuffer payload = source.payload();
        final ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(0, payload, payload.position(), payload.remaining());
        event.payload(copy.asReadOnlyBuffer()); // even when empty: the source's view is reused by later events
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
