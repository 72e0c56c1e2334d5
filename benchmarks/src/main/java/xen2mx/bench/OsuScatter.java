package xen2mx.bench;

/**
 * {@code osu_scatter}: OMB's collective latency benchmark of {@link CollectiveBenchmark#SCATTER}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuScatter
{
    private OsuScatter()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.SCATTER, args);
    }
}
