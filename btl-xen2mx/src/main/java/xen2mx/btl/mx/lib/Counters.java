package xen2mx.btl.mx.lib;

import java.util.concurrent.atomic.AtomicLongArray;

/** The endpoint's {@link MxCounter} values; written under the endpoint lock, readable from any thread. */
final class Counters
{
    private final AtomicLongArray values = new AtomicLongArray(MxCounter.values().length);

    void increment(final MxCounter counter)
    {
        final int index = counter.ordinal();
        values.setRelease(index, values.get(index) + 1); // single writer (the lock holder); readers see whole values
    }

    long get(final MxCounter counter)
    {
        return values.get(counter.ordinal());
    }
}
