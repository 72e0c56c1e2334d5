package xen2mx.bench;

import java.util.Locale;

/** The help text of a collective benchmark ({@code -h}, and after a usage error), in OMB's layout. */
public final class CollectiveUsage
{
    private CollectiveUsage()
    {
    }

    /** @return the help text, one option per line */
    public static String text(final CollectiveBenchmark benchmark)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("Usage: ").append(benchmark.command()).append(" [options]\n");
        sb.append("Options:\n");
        line(sb, "-h, --help", "print this help and exit");
        line(sb, "-v, --version", "print the benchmark title and version and exit");
        if (benchmark.sized())
        {
            line(sb, "-m, --message-size", "[MIN:]MAX - measure sizes from MIN (default " + benchmark.defaultMinSize()
                + ") to MAX (default " + benchmark.defaultMaxSize() + ") bytes, doubling");
        }
        line(sb, "-i, --iterations", "ITER - timed iterations per size (default " + CollectiveBenchmark.ITERATIONS_SMALL
            + ", " + CollectiveBenchmark.ITERATIONS_LARGE + " above " + OmbBenchmark.LARGE_MESSAGE_SIZE + " B)");
        line(sb, "-x, --warmup", "ITER - untimed warm-up iterations per size (default " + CollectiveBenchmark.SKIP_SMALL
            + ", " + CollectiveBenchmark.SKIP_LARGE + " above " + OmbBenchmark.LARGE_MESSAGE_SIZE + " B)");
        line(sb, "-f, --full", "print the minimum and maximum latency over ranks and the iterations");
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String option, final String text)
    {
        sb.append(String.format(Locale.ROOT, "  %-24s%s\n", option, text));
    }
}
