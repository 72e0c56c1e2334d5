package xen2mx.bench;

/**
 * The point-to-point OSU Micro-Benchmarks ported here, with the facts that differ between them: title, result
 * column, defaults (OMB 7.x {@code osu_util.h}) and which options they accept.
 */
public enum OmbBenchmark
{
    /** {@code osu_latency}: blocking ping-pong, one-way latency. */
    LATENCY("osu_latency", "Latency", "Latency (us)", 0, 10_000, 100, 1_000, 10, false),

    /** {@code osu_bw}: a window of non-blocking sends, then a 4-byte acknowledgement. */
    BANDWIDTH("osu_bw", "Bandwidth", "Bandwidth (MB/s)", 1, 100, 10, 20, 2, true),

    /** {@code osu_bibw}: both ranks post a window of receives and sends. */
    BI_BANDWIDTH("osu_bibw", "Bi-Directional Bandwidth", "Bandwidth (MB/s)", 1, 100, 10, 20, 2, true);

    /** OMB's threshold: sizes strictly above it use the "large" iteration and warm-up counts. */
    public static final long LARGE_MESSAGE_SIZE = 8192;

    /** OMB's default maximum message size, 4 MiB. */
    public static final long MAX_MESSAGE_SIZE = 1L << 22;

    /** OMB's default window size for the bandwidth tests. */
    public static final int DEFAULT_WINDOW_SIZE = 64;

    private final String command;
    private final String title;
    private final String column;
    private final long defaultMinSize;
    private final int iterationsSmall;
    private final int skipSmall;
    private final int iterationsLarge;
    private final int skipLarge;
    private final boolean windowed;

    OmbBenchmark(final String command, final String title, final String column, final long defaultMinSize,
        final int iterationsSmall, final int skipSmall, final int iterationsLarge, final int skipLarge,
        final boolean windowed)
    {
        this.command = command;
        this.title = title;
        this.column = column;
        this.defaultMinSize = defaultMinSize;
        this.iterationsSmall = iterationsSmall;
        this.skipSmall = skipSmall;
        this.iterationsLarge = iterationsLarge;
        this.skipLarge = skipLarge;
        this.windowed = windowed;
    }

    /** @return the OMB program name, e.g. {@code osu_latency} */
    public String command()
    {
        return command;
    }

    /** @return the words between {@code "OSU MPI "} and {@code " Test"} in the title line */
    public String title()
    {
        return title;
    }

    /** @return the heading of the result column */
    public String column()
    {
        return column;
    }

    /** @return the smallest message size measured by default (0 for latency, 1 otherwise) */
    public long defaultMinSize()
    {
        return defaultMinSize;
    }

    /** @return timed iterations for sizes up to {@link #LARGE_MESSAGE_SIZE} */
    public int iterationsSmall()
    {
        return iterationsSmall;
    }

    /** @return warm-up iterations for sizes up to {@link #LARGE_MESSAGE_SIZE} */
    public int skipSmall()
    {
        return skipSmall;
    }

    /** @return timed iterations for sizes above {@link #LARGE_MESSAGE_SIZE} */
    public int iterationsLarge()
    {
        return iterationsLarge;
    }

    /** @return warm-up iterations for sizes above {@link #LARGE_MESSAGE_SIZE} */
    public int skipLarge()
    {
        return skipLarge;
    }

    /** @return whether the benchmark has a window ({@code -W}) */
    public boolean windowed()
    {
        return windowed;
    }
}
