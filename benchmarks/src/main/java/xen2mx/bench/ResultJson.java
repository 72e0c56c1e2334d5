package xen2mx.bench;

import java.util.List;

/**
 * Writes a {@link BenchmarkRun} as one JSON document, the layout that {@code benchmarks/schema/result.schema.json}
 * describes:
 * <pre>
 * { "format": "xen2mx-bench-result/1", "benchmark": "osu_latency", "title": "OSU MPI Latency Test v7.3",
 *   "metric": "latency", "unit": "us",
 *   "provenance": { "runtime", "runtime_version", "git_commit", "java_version", "java_vm", "hosts": [..],
 *                   "ranks", "btl", "mode", "buffer_api", "options": [..], "started" },
 *   "results": [ { "size", "avg", "min", "max", "p50", "p99", "iterations", "warmup",
 *                  "rate" (osu_mbw_mr only), "validation" (with -c only) }, .. ] }
 * </pre>
 * {@code avg} is the figure OMB prints; min, max, p50 and p99 are over the timed iterations' own values (null when
 * none were kept). Unknown facts are {@code null}, never omitted.
 */
public final class ResultJson
{
    /** The value of the {@code format} member, versioned with the schema. */
    public static final String FORMAT = "xen2mx-bench-result/1";

    private ResultJson()
    {
    }

    /**
     * @param run the run
     * @return the document, pretty-printed, ending in a newline
     */
    public static String write(final BenchmarkRun run)
    {
        final Provenance p = run.provenance();
        final StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n");
        member(sb, 1, "format", Json.string(FORMAT), true);
        member(sb, 1, "benchmark", Json.string(run.benchmark().command()), true);
        member(sb, 1, "title", Json.string(OmbReport.titleLine(run.benchmark()).substring(2).trim()), true);
        member(sb, 1, "metric", Json.string(run.metric()), true);
        member(sb, 1, "unit", Json.string(run.unit()), true);
        sb.append("  \"provenance\": {\n");
        member(sb, 2, "runtime", Json.string(p.runtime()), true);
        member(sb, 2, "runtime_version", Json.string(p.runtimeVersion()), true);
        member(sb, 2, "git_commit", Json.string(p.gitCommit()), true);
        member(sb, 2, "java_version", Json.string(p.javaVersion()), true);
        member(sb, 2, "java_vm", Json.string(p.javaVm()), true);
        member(sb, 2, "hosts", strings(p.hosts()), true);
        member(sb, 2, "ranks", Integer.toString(p.hosts().size()), true);
        member(sb, 2, "btl", Json.string(p.btl()), true);
        member(sb, 2, "mode", Json.string(p.mode()), true);
        member(sb, 2, "buffer_api", Json.string(p.bufferApi()), true);
        member(sb, 2, "options", strings(p.options()), true);
        member(sb, 2, "started", Json.string(p.started()), false);
        sb.append("  },\n  \"results\": [");
        final List<SizeResult> results = run.results();
        for (int i = 0; i < results.size(); i++)
        {
            sb.append(i == 0 ? "\n" : ",\n").append("    ").append(result(results.get(i)));
        }
        return sb.append(results.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    private static String result(final SizeResult r)
    {
        final StringBuilder sb = new StringBuilder("{\"size\": ").append(r.size())
            .append(", \"avg\": ").append(Json.number(r.value()))
            .append(", \"min\": ").append(Json.number(r.min()))
            .append(", \"max\": ").append(Json.number(r.max()))
            .append(", \"p50\": ").append(Json.number(r.p50()))
            .append(", \"p99\": ").append(Json.number(r.p99()))
            .append(", \"iterations\": ").append(r.iterations())
            .append(", \"warmup\": ").append(r.warmup());
        if (!Double.isNaN(r.rate()))
        {
            sb.append(", \"rate\": ").append(Json.number(r.rate()));
        }
        if (r.validation() != null)
        {
            sb.append(", \"validation\": ").append(Json.string(r.validation()));
        }
        return sb.append('}').toString();
    }

    private static String strings(final List<String> values)
    {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(Json.string(values.get(i)));
        }
        return sb.append(']').toString();
    }

    private static void member(final StringBuilder sb, final int depth, final String name, final String value,
        final boolean more)
    {
        sb.append("  ".repeat(depth)).append(Json.string(name)).append(": ").append(value).append(more ? ",\n" : "\n");
    }
}
