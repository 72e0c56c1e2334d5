package xen2mx.bench;

/**
 * {@code osu_barrier}: OMB's collective latency benchmark of {@link CollectiveBenchmark#BARRIER}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuBarrier
{
    private OsuBarrier()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.BARRIER, args);
    }
}
