package xen2mx.pml;

import java.util.concurrent.locks.LockSupport;

/**
 * Back-off for threads waiting on a request: spin first (latency), then yield (oversubscribed hosts), then park
 * briefly (idle ranks do not burn a core). Not thread-safe: one instance per waiting call.
 */
final class IdleStrategy
{
    private static final int SPINS = 20_000;
    private static final int YIELDS = 2_000;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 200_000;

    private int spins;
    private int yields;
    private long parkNanos = MIN_PARK_NANOS;

    /** Called after a round that did {@code workCount} units of work; resets the back-off when work was done. */
    void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
            return;
        }
        if (spins < SPINS)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < YIELDS)
        {
            yields++;
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, MAX_PARK_NANOS);
        }
    }

    void reset()
    {
        spins = 0;
        yields = 0;
        parkNanos = MIN_PARK_NANOS;
    }
}
