package xen2mx.pml;

import java.util.concurrent.locks.LockSupport;

/**
 * Back-off for threads waiting on a request: spin first (latency) when the {@link SpinPolicy} leaves this thread a
 * core, then yield (oversubscribed hosts), then park briefly (idle ranks do not burn a core). Not thread-safe: one
 * instance per waiting call, which must call {@link #close()} when it stops waiting.
 */
final class IdleStrategy implements AutoCloseable
{
    private static final int SPINS = 20_000;
    private static final int YIELDS = 2_000;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 200_000;

    private final SpinPolicy policy;
    private boolean spinning;
    private int spins;
    private int yields;
    private long parkNanos = MIN_PARK_NANOS;

    IdleStrategy(final SpinPolicy policy)
    {
        this.policy = policy;
    }

    /** Called after a round that did {@code workCount} units of work; resets the back-off when work was done. */
    void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
            return;
        }
        if (spins == 0 && !spinning && !policy.tryAcquire())
        {
            spins = SPINS;
        }
        else if (spins < SPINS)
        {
            spinning = true;
            spins++;
            if (spins == SPINS)
            {
                stopSpinning();
            }
            Thread.onSpinWait();
            return;
        }
        if (yields < YIELDS)
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
        stopSpinning();
        spins = 0;
        yields = 0;
        parkNanos = MIN_PARK_NANOS;
    }

    /** Gives the spin slot back, if held. */
    @Override
    public void close()
    {
        stopSpinning();
    }

    private void stopSpinning()
    {
        if (spinning)
        {
            spinning = false;
            policy.release();
        }
    }
}
