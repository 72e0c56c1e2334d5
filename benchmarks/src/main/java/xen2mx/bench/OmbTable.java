package xen2mx.bench;

import java.util.List;
import java.util.Locale;

/**
 * The text of one run in the C OMB layout, per benchmark: the lines before the column header, the header and the
 * rows. Only the lines between the title and the column header that start with {@code #} are ours (runtime and
 * warm-up); everything else is OMB 7.x's, byte for byte:
 * <pre>
 *   osu_latency, osu_bw, osu_bibw   "\n" title                        "%-10s%20s"   rows "%-10d%20.2f"
 *   osu_multi_lat                   title                             "%-10s%20s"   rows "%-10d%20.2f"
 *   osu_mbw_mr                      title "# [ pairs: P ] [ window size: W ]"
 *                                   "%-10s%20s%20s" (MB/s, Messages/s; without -R 0)  rows "%-10d%20.2f%20.2f"
 *   osu_latency_mt                  "# Number of Sender threads: S \n# Number of Receiver threads: R\n" title ...
 * </pre>
 * With {@code -c} the header gains {@code %20s} "Validation" and each row {@code %20s} Pass or Failed.
 */
public final class OmbTable
{
    private final OmbBenchmark benchmark;
    private final OmbOptions options;
    private final int ranks;

    /**
     * @param benchmark the benchmark
     * @param options   its options
     * @param ranks     the number of ranks of the job
     */
    public OmbTable(final OmbBenchmark benchmark, final OmbOptions options, final int ranks)
    {
        this.benchmark = benchmark;
        this.options = options;
        this.ranks = ranks;
    }

    /**
     * @param runtimeTag the runtime line's text, e.g. {@code xen2mx-mpi 0.1.0, btl: tcp}
     * @return every line before the first row
     */
    public String preamble(final String runtimeTag)
    {
        final StringBuilder sb = new StringBuilder();
        switch (benchmark)
        {
            case LATENCY_MT -> sb.append(String.format(Locale.ROOT,
                "# Number of Sender threads: %d \n# Number of Receiver threads: %d\n", options.senderThreads(),
                options.receiverThreads()));
            case MULTI_LATENCY, MULTI_BANDWIDTH -> { }
            default -> sb.append('\n');
        }
        sb.append(OmbReport.titleLine(benchmark)).append("# ").append(runtimeTag).append('\n');
        sb.append(warmupLine());
        if (benchmark == OmbBenchmark.MULTI_BANDWIDTH)
        {
            sb.append(String.format(Locale.ROOT, "# [ pairs: %d ] [ window size: %d ]\n", options.pairs(ranks),
                options.windowSize()));
        }
        return sb.append(header()).toString();
    }

    /**
     * {@code -V}'s preamble: title, our two lines, {@code "# [ pairs: P ] [ window size: varied ]"}, a blank line,
     * the bandwidth table's heading and its column line ({@code "#      "} then {@code "  %10d"} per window).
     *
     * @param runtimeTag the runtime line's text
     * @return every line before the first bandwidth row
     */
    public String variedPreamble(final String runtimeTag)
    {
        return OmbReport.titleLine(benchmark) + "# " + runtimeTag + "\n" + warmupLine()
            + String.format(Locale.ROOT, "# [ pairs: %d ] [ window size: varied ]\n", options.pairs(ranks))
            + "\n# Uni-directional Bandwidth (MB/sec)\n" + windowsLine();
    }

    /**
     * @param size   the message size
     * @param values one figure per window of {@link OmbOptions#VARIED_WINDOWS}
     * @return one row of a {@code -V} table: {@code "%-7d"} then {@code "  %10.2f"} per window
     */
    public static String variedRow(final long size, final double[] values)
    {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-7d", size));
        for (final double v : values)
        {
            sb.append(String.format(Locale.ROOT, "  %10.2f", v));
        }
        return sb.append('\n').toString();
    }

    /**
     * @param sizes     the sizes measured
     * @param bandwidth their bandwidth rows, MB/s per window
     * @return {@code -V}'s message rate table (unless {@code -R 0}): {@code 10^6 × MB/s / size} per window
     */
    public String rateProfile(final List<Integer> sizes, final List<double[]> bandwidth)
    {
        if (!options.printRate())
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder("\n# Message Rate Profile\n").append(windowsLine());
        for (int i = 0; i < bandwidth.size(); i++)
        {
            final double[] rates = bandwidth.get(i).clone();
            for (int w = 0; w < rates.length; w++)
            {
                rates[w] = 1e6 * rates[w] / sizes.get(i);
            }
            sb.append(variedRow(sizes.get(i), rates));
        }
        return sb.toString();
    }

    private static String windowsLine()
    {
        final StringBuilder sb = new StringBuilder("#      ");
        for (final int w : OmbOptions.VARIED_WINDOWS)
        {
            sb.append(String.format(Locale.ROOT, "  %10d", w));
        }
        return sb.append('\n').toString();
    }

    /** @return our comment line stating the untimed warm-up and timed iteration counts per size */
    public String warmupLine()
    {
        final long large = OmbBenchmark.LARGE_MESSAGE_SIZE;
        return String.format(Locale.ROOT, "# warm-up: %d iterations per size up to %d B, %d above; timed: %d and %d%s\n",
            options.skip(large), large, options.skip(large + 1), options.iterations(large),
            options.iterations(large + 1), options.validate()
                ? "; each repeated " + options.validationWarmup() + " times untimed first (-u)" : "");
    }

    /** @return the column header line */
    public String header()
    {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s%20s", "# Size",
            benchmark.column()));
        if (rateColumn())
        {
            sb.append(String.format(Locale.ROOT, "%20s", "Messages/s"));
        }
        if (options.validate())
        {
            sb.append(String.format(Locale.ROOT, "%20s", "Validation"));
        }
        return sb.append('\n').toString();
    }

    /**
     * @param result one size's result
     * @return its row
     */
    public String row(final SizeResult result)
    {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10d%20.2f", result.size(),
            result.value()));
        if (rateColumn())
        {
            sb.append(String.format(Locale.ROOT, "%20.2f", result.rate()));
        }
        if (result.validation() != null)
        {
            sb.append(String.format(Locale.ROOT, "%20s", result.validation()));
        }
        return sb.append('\n').toString();
    }

    /**
     * @param size the size whose data was wrong
     * @return OMB's closing line after a validation failure
     */
    public String validationErrorLine(final long size)
    {
        return String.format(Locale.ROOT, "DATA VALIDATION ERROR: %s exited with status %d on message size %d.\n",
            benchmark.command(), OmbDriver.EXIT_FAILURE, size);
    }

    private boolean rateColumn()
    {
        return benchmark == OmbBenchmark.MULTI_BANDWIDTH && options.printRate();
    }
}
