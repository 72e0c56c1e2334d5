package xen2mx.bench;

/**
 * {@code osu_gather}: OMB's collective latency benchmark of {@link CollectiveBenchmark#GATHER}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuGather
{
    private OsuGather()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.GATHER, args);
    }
}
