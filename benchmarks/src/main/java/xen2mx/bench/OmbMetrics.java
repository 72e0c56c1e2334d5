package xen2mx.bench;

/**
 * OMB's formulas, from accumulated timed nanoseconds to the printed figure.
 */
public final class OmbMetrics
{
    private OmbMetrics()
    {
    }

    /**
     * One-way latency of a ping-pong: the round trips' total over twice their number.
     *
     * @param totalNanos the summed duration of the timed round trips
     * @param iterations the number of timed round trips, at least 1
     * @return microseconds
     */
    public static double latencyMicros(final long totalNanos, final int iterations)
    {
        return totalNanos / 1e3 / (2.0 * iterations);
    }

    /**
     * Bandwidth in OMB's decimal megabytes: bytes moved over time, where each timed iteration moves
     * {@code window} messages of {@code size} bytes in each of {@code directions} directions.
     *
     * @param size       the message size in bytes
     * @param iterations the number of timed iterations
     * @param window     messages per iteration and direction
     * @param directions 1 for {@code osu_bw}, 2 for {@code osu_bibw}
     * @param totalNanos the summed duration of the timed iterations, positive
     * @return MB/s with 1 MB = 10^6 bytes
     */
    public static double bandwidthMBps(final long size, final int iterations, final int window,
        final int directions, final long totalNanos)
    {
        final double megabytes = size / 1e6 * iterations * window * directions;
        return megabytes / (totalNanos / 1e9);
    }
}
