package xen2mx.apps;

import java.util.SplittableRandom;

/**
 * Monte Carlo sampling of the unit quarter disc: the fraction of uniform points in {@code [0,1)²} with
 * {@code x² + y² <= 1} tends to π/4. Deterministic: the same seed and sample count give the same hit count.
 */
public final class PiSampler
{
    /** The seed of rank 0; rank {@code r} uses {@code BASE_SEED + r}. */
    public static final long BASE_SEED = 0x5EED_2024L;

    private PiSampler()
    {
    }

    /**
     * @param rank a rank
     * @return that rank's seed
     */
    public static long seedFor(final int rank)
    {
        return BASE_SEED + rank;
    }

    /**
     * @param seed    the random seed
     * @param samples the number of points, at least 0
     * @return how many points fell inside the quarter disc
     */
    public static long hits(final long seed, final long samples)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        long hits = 0;
        for (long i = 0; i < samples; i++)
        {
            final double x = random.nextDouble();
            final double y = random.nextDouble();
            if (x * x + y * y <= 1.0)
            {
                hits++;
            }
        }
        return hits;
    }

    /**
     * @param hits    points inside the quarter disc
     * @param samples all points, at least 1
     * @return the estimate of π
     */
    public static double estimate(final long hits, final long samples)
    {
        return 4.0 * hits / samples;
    }
}
