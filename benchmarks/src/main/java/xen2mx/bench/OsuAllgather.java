package xen2mx.bench;

/**
 * {@code osu_allgather}: OMB's collective latency benchmark of {@link CollectiveBenchmark#ALLGATHER}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuAllgather
{
    private OsuAllgather()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.ALLGATHER, args);
    }
}
