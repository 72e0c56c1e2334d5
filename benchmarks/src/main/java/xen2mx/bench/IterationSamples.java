package xen2mx.bench;

import org.HdrHistogram.DoubleHistogram;

/**
 * The per-iteration values of one message size on the timing rank, in the benchmark's unit (µs or MB/s), for the
 * machine-readable results: exact minimum and maximum, and p50/p99 from an HdrHistogram with 3 significant digits.
 * Not thread-safe: {@code osu_latency_mt}'s sender threads record through {@link #recordShared}.
 */
public final class IterationSamples
{
    private static final int SIGNIFICANT_DIGITS = 3;

    private final DoubleHistogram histogram = new DoubleHistogram(SIGNIFICANT_DIGITS);
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** @param value one iteration's figure; non-positive values (a zero-length timer tick) are counted as the smallest */
    public void record(final double value)
    {
        final double v = Math.max(value, Double.MIN_NORMAL);
        histogram.recordValue(v);
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** @param value as {@link #record}, from any thread */
    public synchronized void recordShared(final double value)
    {
        record(value);
    }

    /** @return how many values were recorded */
    public long count()
    {
        return histogram.getTotalCount();
    }

    /** @return the smallest value, or NaN if none */
    public double min()
    {
        return count() == 0 ? Double.NaN : min;
    }

    /** @return the largest value, or NaN if none */
    public double max()
    {
        return count() == 0 ? Double.NaN : max;
    }

    /**
     * @param percentile 0 to 100
     * @return the value at that percentile (HdrHistogram's, within 0.1 %, kept within the exact minimum and
     *         maximum), or NaN if none
     */
    public double percentile(final double percentile)
    {
        return count() == 0 ? Double.NaN : Math.min(max, Math.max(min, histogram.getValueAtPercentile(percentile)));
    }
}
