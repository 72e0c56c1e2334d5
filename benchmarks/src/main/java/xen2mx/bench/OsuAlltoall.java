package xen2mx.bench;

/**
 * {@code osu_alltoall}: OMB's collective latency benchmark of {@link CollectiveBenchmark#ALLTOALL}, run by
 * {@link CollectiveDriver}.
 */
public final class OsuAlltoall
{
    private OsuAlltoall()
    {
    }

    /** @param args launcher and user arguments; see {@link CollectiveOptions} */
    public static void main(final String[] args)
    {
        CollectiveDriver.main(CollectiveBenchmark.ALLTOALL, args);
    }
}
