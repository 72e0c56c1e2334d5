package xen2mx.pml;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may busy-poll: a waiting thread spins only while this process's spinners fit its share of the host's cores,
 * {@code cores / ranks on this host} (Open MPI's {@code mpi_yield_when_idle} turns on by itself when a host is
 * oversubscribed). A spinner that does not fit would steal the core that the thread or rank it waits for needs,
 * and the wait would last a scheduler time slice (milliseconds) instead of a message time; so it yields instead.
 * {@code mpi_yield_when_idle=1} never spins, {@code 0} always may. Thread-safe.
 */
final class SpinPolicy
{
    /** MCA parameter: {@code 1} never spin, {@code 0} spin whatever the load; unset: by the share of cores. */
    static final String YIELD_WHEN_IDLE_PARAM = "mpi_yield_when_idle";

    private final int spinnersMax;
    private final AtomicInteger spinners = new AtomicInteger();

    /** @param spinnersMax how many threads of this process may spin at once; 0 for none. */
    SpinPolicy(final int spinnersMax)
    {
        this.spinnersMax = spinnersMax;
    }

    /**
     * @param cores      the host's processors.
     * @param localRanks the job's ranks on this host, at least 1.
     * @param yieldParam the value of {@value #YIELD_WHEN_IDLE_PARAM}, or null.
     * @return the policy for one rank.
     * @throws IllegalArgumentException for a parameter value other than 0 or 1.
     */
    static SpinPolicy of(final int cores, final int localRanks, final String yieldParam)
    {
        if (yieldParam != null)
        {
            switch (yieldParam.trim())
            {
                case "1":
                    return new SpinPolicy(0);
                case "0":
                    return new SpinPolicy(Integer.MAX_VALUE);
                default:
                    throw new IllegalArgumentException(YIELD_WHEN_IDLE_PARAM + " must be 0 or 1, not '" + yieldParam
                        + "'");
            }
        }
        return new SpinPolicy(Math.max(0, cores / Math.max(1, localRanks)));
    }

    /** @return true if the caller may spin now; it must {@link #release()} once it stops spinning. */
    boolean tryAcquire()
    {
        while (true)
        {
            final int current = spinners.get();
            if (current >= spinnersMax)
            {
                return false;
            }
            if (spinners.compareAndSet(current, current + 1))
            {
                return true;
            }
        }
    }

    void release()
    {
        spinners.decrementAndGet();
    }

    /** @return threads spinning now (tests). */
    int spinners()
    {
        return spinners.get();
    }

    @Override
    public String toString()
    {
        return spinnersMax == Integer.MAX_VALUE ? "spin always" : spinnersMax + " spinner(s)";
    }
}
