package xen2mx.bench;

import java.util.List;

/**
 * Writes a {@link BenchmarkRun} as CSV: provenance as {@code # key: value} comment lines (read with
 * {@code comment='#'} in pandas, {@code grep -v '^#'} in shell), then
 * <pre>
 *   benchmark,size,avg,min,max,p50,p99,unit,iterations,warmup,rate,validation
 * </pre>
 * and one line per size. Empty fields for unknown values; no field needs quoting (hosts and options live in the
 * comments).
 */
public final class ResultCsv
{
    /** The column names, in order. */
    public static final String HEADER = "benchmark,size,avg,min,max,p50,p99,unit,iterations,warmup,rate,validation";

    private ResultCsv()
    {
    }

    /**
     * @param run the run
     * @return the CSV text, every line ending in a newline
     */
    public static String write(final BenchmarkRun run)
    {
        final Provenance p = run.provenance();
        final StringBuilder sb = new StringBuilder(512);
        comment(sb, "format", ResultJson.FORMAT);
        comment(sb, "title", OmbReport.titleLine(run.benchmark()).substring(2).trim());
        comment(sb, "runtime", p.runtime());
        comment(sb, "runtime_version", p.runtimeVersion());
        comment(sb, "git_commit", p.gitCommit());
        comment(sb, "java", p.javaVersion() + " (" + p.javaVm() + ")");
        comment(sb, "hosts", String.join(" ", p.hosts()));
        comment(sb, "ranks", Integer.toString(p.hosts().size()));
        comment(sb, "btl", p.btl());
        comment(sb, "mode", p.mode());
        comment(sb, "buffer_api", p.bufferApi());
        comment(sb, "options", String.join(" ", p.options()));
        comment(sb, "started", p.started());
        sb.append(HEADER).append('\n');
        final List<SizeResult> results = run.results();
        for (final SizeResult r : results)
        {
            sb.append(run.benchmark().command()).append(',').append(r.size()).append(',')
                .append(field(r.value())).append(',').append(field(r.min())).append(',')
                .append(field(r.max())).append(',').append(field(r.p50())).append(',')
                .append(field(r.p99())).append(',').append(run.unit()).append(',')
                .append(r.iterations()).append(',').append(r.warmup()).append(',')
                .append(field(r.rate())).append(',').append(r.validation() == null ? "" : r.validation())
                .append('\n');
        }
        return sb.toString();
    }

    private static String field(final double value)
    {
        final String s = Json.number(value);
        return "null".equals(s) ? "" : s;
    }

    private static void comment(final StringBuilder sb, final String key, final String value)
    {
        sb.append("# ").append(key).append(": ").append(value == null ? "" : value.replace('\n', ' ')).append('\n');
    }
}
