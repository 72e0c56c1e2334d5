package xen2mx.btl.mx.lib;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Background progress for one endpoint, so that a rank busy computing still answers acks, resends, connects and
 * pulls (Open-MX progresses only inside library calls; its ChangeLog names that caveat).
 *
 * <p>Poll first, sleep later: the thread stays out of the way while the application progresses the endpoint itself
 * (within the grace period) or sleeps in a blocking call (which the driver wakes on arrivals), polls without pause while there is work, spins briefly when there is none, then sleeps
 * with doubling naps up to the configured maximum. It only ever {@code tryLock}s the endpoint, so it never delays
 * an application thread.
 */
final class ProgressThread extends Thread
{
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long FIRST_NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final MxEndpoint endpoint;
    private final long graceNanos;
    private final long napMaxNanos;
    private volatile boolean running = true;

    ProgressThread(final MxEndpoint endpoint, final long graceNanos, final long napMaxNanos)
    {
        super("mx-progress-" + endpoint.endpointId());
        setDaemon(true);
        this.endpoint = endpoint;
        this.graceNanos = graceNanos;
        this.napMaxNanos = napMaxNanos;
    }

    @Override
    public void run()
    {
        long idleSince = System.nanoTime();
        long nap = FIRST_NAP_NANOS;
        while (running)
        {
            final long now = System.nanoTime();
            final long sinceForeground = now - endpoint.lastForegroundNanos();
            if (endpoint.foregroundBlocked())
            {
                LockSupport.parkNanos(graceNanos); // the blocked caller sleeps on the link and progresses itself
                continue;
            }
            if (sinceForeground < graceNanos)
            {
                LockSupport.parkNanos(graceNanos - sinceForeground);
                continue;
            }
            if (endpoint.backgroundProgress() > 0)
            {
                idleSince = now;
                nap = FIRST_NAP_NANOS;
            }
            else if (now - idleSince < SPIN_NANOS)
            {
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(nap);
                nap = Math.min(nap * 2, napMaxNanos);
            }
        }
    }

    /** Stops the thread and waits for it (bounded); call without holding the endpoint lock. */
    void shutdown()
    {
        running = false;
        LockSupport.unpark(this);
        try
        {
            join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
