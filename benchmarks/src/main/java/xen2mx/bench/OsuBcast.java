package xen2mx.bench;

/**
 * {@code osu_bcast}: OMB's collective latency benchmark of {@link CollectiveBenchmark#BCAST}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuBcast
{
    private OsuBcast()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.BCAST, args);
    }
}
