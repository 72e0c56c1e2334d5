package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Keeps a copy of every event it is handed (payload bytes included), for assertions. */
final class EventRecorder implements DriverEventHandler
{
    final List<DriverEvent> events = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();

    @Override
    public void onEvent(final DriverEvent event)
    {
        final ByteBuffer payload = event.payload();
        final byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        events.add(new DriverEvent().copyFrom(event).payload(null));
        payloads.add(bytes);
    }

    DriverEvent only()
    {
        if (events.size() != 1)
        {
            throw new AssertionError("expected one event, got " + events);
        }
        return events.get(0);
    }

    void clear()
    {
        events.clear();
        payloads.clear();
    }
}
