package xen2mx.bench;

/**
 * {@code osu_reduce_scatter}: OMB's collective latency benchmark of {@link CollectiveBenchmark#REDUCE_SCATTER}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuReduceScatter
{
    private OsuReduceScatter()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.REDUCE_SCATTER, args);
    }
}
