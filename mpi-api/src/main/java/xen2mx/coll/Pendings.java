package xen2mx.coll;

import java.util.ArrayList;
import java.util.List;

/** A set of started transfers awaited together. */
final class Pendings
{
    private final List<CollTransport.Pending> started = new ArrayList<>();

    /** Remembers a started transfer. */
    void add(final CollTransport.Pending pending)
    {
        started.add(pending);
    }

    /** Waits for every transfer, in the order they were started. */
    void awaitAll()
    {
        for (final CollTransport.Pending pending : started)
        {
            pending.await();
        }
        started.clear();
    }
}
