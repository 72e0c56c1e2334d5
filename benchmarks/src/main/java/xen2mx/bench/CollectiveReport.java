package xen2mx.bench;

import java.util.Locale;

/**
 * The text OMB 7.x collective benchmarks print:
 * <pre>
 *
 * # OSU MPI Allreduce Latency Test v7.3
 * # xen2mx-mpi 0.1.0, btl: tcp
 * # Size       Avg Latency(us)   Min Latency(us)   Max Latency(us)  Iterations
 * 4                       12.31             11.02             13.57        1000
 * </pre>
 * The size column is {@code %-10s}/{@code %-10d}, each latency {@code %18s}/{@code %18.2f}, iterations
 * {@code %12s}/{@code %12d}; the min, max and iterations columns only with {@code -f}. The barrier has no size:
 * its header is {@code "# Avg Latency(us)"} and its value {@code %17.2f}. Lines end in {@code '\n'}.
 */
public final class CollectiveReport
{
    private static final int FIELD_WIDTH = 18;
    private static final int ITERATIONS_WIDTH = 12;
    private static final int SIZE_WIDTH = 10;
    private static final int UNSIZED_WIDTH = 17;

    private CollectiveReport()
    {
    }

    /**
     * @param benchmark  the benchmark
     * @param runtimeTag the runtime description
     * @param full       whether {@code -f} was given
     * @return the blank line, title, runtime line and column header
     */
    public static String preamble(final CollectiveBenchmark benchmark, final String runtimeTag, final boolean full)
    {
        return "\n" + titleLine(benchmark) + "# " + runtimeTag + "\n" + header(benchmark, full);
    }

    /**
     * @param benchmark the benchmark
     * @return the title line, e.g. {@code "# OSU MPI Broadcast Latency Test v7.3\n"}; also what {@code -v} prints
     */
    public static String titleLine(final CollectiveBenchmark benchmark)
    {
        return "# OSU MPI " + benchmark.title() + " Test v" + OmbReport.OMB_VERSION + "\n";
    }

    /**
     * @param benchmark the benchmark
     * @param full      whether {@code -f} was given
     * @return the column header line
     */
    public static String header(final CollectiveBenchmark benchmark, final boolean full)
    {
        final StringBuilder sb = new StringBuilder();
        if (benchmark.sized())
        {
            sb.append(String.format(Locale.ROOT, "%-" + SIZE_WIDTH + "s%" + FIELD_WIDTH + "s", "# Size",
                CollectiveBenchmark.COLUMN));
        }
        else
        {
            sb.append("# ").append(CollectiveBenchmark.COLUMN);
        }
        if (full)
        {
            sb.append(String.format(Locale.ROOT, "%" + FIELD_WIDTH + "s%" + FIELD_WIDTH + "s%" + ITERATIONS_WIDTH
                + "s", "Min Latency(us)", "Max Latency(us)", "Iterations"));
        }
        return sb.append('\n').toString();
    }

    /**
     * @param benchmark  the benchmark
     * @param size       the message size in bytes (ignored without a size column)
     * @param stats      latency over the ranks
     * @param iterations timed iterations
     * @param full       whether {@code -f} was given
     * @return one result line
     */
    public static String row(final CollectiveBenchmark benchmark, final long size, final LatencyStats stats,
        final int iterations, final boolean full)
    {
        final StringBuilder sb = new StringBuilder();
        if (benchmark.sized())
        {
            sb.append(String.format(Locale.ROOT, "%-" + SIZE_WIDTH + "d%" + FIELD_WIDTH + ".2f", size,
                stats.average()));
        }
        else
        {
            sb.append(String.format(Locale.ROOT, "%" + UNSIZED_WIDTH + ".2f", stats.average()));
        }
        if (full)
        {
            sb.append(String.format(Locale.ROOT, "%" + FIELD_WIDTH + ".2f%" + FIELD_WIDTH + ".2f%" + ITERATIONS_WIDTH
                + "d", stats.minimum(), stats.maximum(), iterations));
        }
        return sb.append('\n').toString();
    }

    /**
     * The per-rank average latency of one size, summarised over the ranks as OMB does (reductions to rank 0).
     *
     * @param average mean over ranks, microseconds
     * @param minimum lowest rank's, microseconds
     * @param maximum highest rank's, microseconds
     */
    public record LatencyStats(double average, double minimum, double maximum)
    {
    }
}
