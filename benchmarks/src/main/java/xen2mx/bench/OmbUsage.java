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
        if (benchmark == OmbBenchmark.MULTI_BANDWIDTH)
        {
            line(sb, "-p, --num-pairs", "PAIRS - sending ranks 0..PAIRS-1, receivers PAIRS..2*PAIRS-1 "
                + "(default half the ranks)");
            line(sb, "-R, --print-rate", "0|1 - print the message rate column (default 1)");
            line(sb, "-V, --vary-window", "measure windows 1, 2, 4 ... 128 for every size (text only)");
        }
        if (benchmark == OmbBenchmark.LATENCY_MT)
        {
            line(sb, "-t, --num-test-calls", "[SEND:]RECV - sender threads on rank 0 (default 1) and receiver "
                + "threads on rank 1 (default " + OmbOptions.DEFAULT_RECEIVER_THREADS + "), each 1.."
                + (OmbOptions.MAX_THREADS - 1));
        }
        line(sb, "-c, --validation", "check every received byte; adds a Validation column");
        line(sb, "-u, --validation-warmup", "ITER - with -c, untimed repetitions of each timed exchange (default "
            + OmbOptions.VALIDATION_WARMUP_DEFAULT + ", at most " + OmbOptions.VALIDATION_WARMUP_MAX + ")");
        line(sb, "-a", "arrays - buffer API: Java byte arrays (the only one the mpiJava 1.2 API has)");
        line(sb, "--format", "text|json|csv - what standard output gets (default text, OMB's)");
        line(sb, "-o, --output", "FILE - also write the results to FILE, as JSON or CSV (--format, else the "
            + "extension)");
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String option, final String text)
    {
        sb.append(String.format(Locale.ROOT, "  %-24s%s\n", option, text));
    }
}
