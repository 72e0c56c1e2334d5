package xen2mx.bench;

/**
 * {@code osu_allreduce}: OMB's collective latency benchmark of {@link CollectiveBenchmark#ALLREDUCE}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuAllreduce
{
    private OsuAllreduce()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.ALLREDUCE, args);
    }
}
