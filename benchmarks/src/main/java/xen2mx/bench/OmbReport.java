package xen2mx.bench;

import java.util.Locale;

/**
 * The text the C OSU Micro-Benchmarks print, byte for byte, so that scripts written for OMB (ReFrame's
 * {@code assert_found('OSU MPI Latency Test')}, {@code ^8\s+(\S+)}) parse our output unchanged:
 * <pre>
 *
 * # OSU MPI Latency Test v7.3
 * # xen2mx-mpi 0.1.0, btl: tcp
 * # Size          Latency (us)
 * 0                       4.41
 * </pre>
 * A blank line, the title ({@code "# OSU MPI %s Test v" + version}), one {@code #} line naming the runtime and
 * transport (ours, OMB has none), the header {@code %-10s%20s}, and one row {@code %-10d%20.2f} per size. Every
 * line ends in {@code '\n'}, whatever the platform. Numbers use {@link Locale#ROOT} (a decimal point, no grouping).
 */
public final class OmbReport
{
    /** The OMB release whose format and defaults we follow. */
    public static final String OMB_VERSION = "7.3";

    private OmbReport()
    {
    }

    /**
     * @param benchmark the benchmark
     * @return the title line, e.g. {@code "# OSU MPI Latency Test v7.3\n"}; also what {@code -v} prints
     */
    public static String titleLine(final OmbBenchmark benchmark)
    {
        return "# OSU MPI " + benchmark.title() + " Test v" + OMB_VERSION + "\n";
    }

    /**
     * @param benchmark  the benchmark
     * @param runtimeTag the runtime description, e.g. {@code "xen2mx-mpi 0.1.0, btl: tcp"}
     * @return the blank line, the title line, the runtime line and the column header
     */
    public static String preamble(final OmbBenchmark benchmark, final String runtimeTag)
    {
        return "\n" + titleLine(benchmark) + "# " + runtimeTag + "\n" + header(benchmark);
    }

    /**
     * @param benchmark the benchmark
     * @return the column header, {@code "# Size"} left-aligned in 10 and the column name right-aligned in 20
     */
    public static String header(final OmbBenchmark benchmark)
    {
        return String.format(Locale.ROOT, "%-10s%20s\n", "# Size", benchmark.column());
    }

    /**
     * @param size  the message size in bytes
     * @param value the latency in microseconds or the bandwidth in MB/s
     * @return one result row, {@code %-10d%20.2f}
     */
    public static String row(final long size, final double value)
    {
        return String.format(Locale.ROOT, "%-10d%20.2f\n", size, value);
    }
}
