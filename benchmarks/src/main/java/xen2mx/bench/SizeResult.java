package xen2mx.bench;

/**
 * The result of one message size, as the machine-readable formats carry it.
 *
 * @param size       bytes per message
 * @param value      the figure OMB prints (average latency in µs, or bandwidth in MB/s over all timed iterations)
 * @param rate       messages per second ({@code osu_mbw_mr}), or NaN
 * @param min        the smallest per-iteration value, or NaN when the benchmark keeps no per-iteration values
 * @param max        the largest per-iteration value, or NaN
 * @param p50        the median per-iteration value, or NaN
 * @param p99        the 99th percentile of the per-iteration values, or NaN
 * @param iterations timed iterations
 * @param warmup     untimed warm-up iterations before them
 * @param validation {@code "Pass"} or {@code "Failed"} with {@code -c}, else {@code null}
 */
public record SizeResult(long size, double value, double rate, double min, double max, double p50, double p99,
    int iterations, int warmup, String validation)
{
    /**
     * @param size       bytes per message
     * @param value      OMB's figure
     * @param rate       messages per second, or NaN
     * @param samples    the per-iteration values
     * @param iterations timed iterations
     * @param warmup     warm-up iterations
     * @param validation Pass/Failed or null
     * @return the result with statistics taken from {@code samples}
     */
    public static SizeResult of(final long size, final double value, final double rate,
        final IterationSamples samples, final int iterations, final int warmup, final String validation)
    {
        return new SizeResult(size, value, rate, samples.min(), samples.max(), samples.percentile(50),
            samples.percentile(99), iterations, warmup, validation);
    }
}
