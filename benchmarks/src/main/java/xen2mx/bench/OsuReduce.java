package xen2mx.bench;

/**
 * {@code osu_reduce}: OMB's collective latency benchmark of {@link CollectiveBenchmark#REDUCE}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuReduce
{
    private OsuReduce()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.REDUCE, args);
    }
}
