package xen2mx.bench;

import java.util.Locale;

/**
 * The help text of a point-to-point benchmark ({@code -h}, and after a usage error), listing exactly the options
 * {@link OmbOptions} accepts for it. The wording is ours; the layout (a {@code Usage:} line, {@code Options:}, one
 * option per line) is OMB's.
 */
public final class OmbUsage
{
    private OmbUsage()
    {
    }

    /**
     * @param benchmark the benchmark
     * @return the help text (several lines, each ending in a newline)
     */
    public static String text(final OmbBenchmark benchmark)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(benchmark.command()).append(" [options]\n");
        sb.append("Options:\n");
        line(sb, "-h, --help", "print this help and exit");
        line(sb, "-v, --version", "print the benchmark title and version and exit");
        line(sb, "-m, --message-size", "[MIN:]MAX - measure sizes from MIN to MAX bytes, doubling");
        line(sb, "", "e.g. -m 128 (max 128), -m 2:128, -m 2: (min 2)");
        line(sb, "-i, --iterations", "ITER - timed iterations per size (default " + benchmark.iterationsSmall()
            + ", " + benchmark.iterationsLarge() + " above " + OmbBenchmark.LARGE_MESSAGE_SIZE + " B)");
        line(sb, "-x, --warmup", "ITER - untimed warm-up iterations per size (default " + benchmark.skipSmall()
            + ", " + benchmark.skipLarge() + " above " + OmbBenchmark.LARGE_MESSAGE_SIZE + " B)");
        if (benchmark.windowed())
        {
            line(sb, "-W, --window-size", "SIZE - messages in flight per synchronisation (default "
                + OmbBenchmark.DEFAULT_WINDOW_SIZE + ")");
        }
        line(sb, "-a", "arrays - buffer API: Java byte arrays (the only one so far)");
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String option, final String text)
    {
        sb.append(String.format(Locale.ROOT, "  %-24s%s\n", option, text));
    }
}
