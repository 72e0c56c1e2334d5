package xen2mx.bench;

import java.util.List;

/**
 * One finished run, as written by {@link ResultJson} and {@link ResultCsv}.
 *
 * @param benchmark  the benchmark
 * @param provenance where it ran
 * @param results    one entry per measured size, ascending
 */
public record BenchmarkRun(OmbBenchmark benchmark, Provenance provenance, List<SizeResult> results)
{
    /** @return {@code latency} or {@code bandwidth} */
    public String metric()
    {
        return benchmark.column().startsWith("Latency") ? "latency" : "bandwidth";
    }

    /** @return {@code us} or {@code MB/s} (10^6 bytes per second) */
    public String unit()
    {
        return "latency".equals(metric()) ? "us" : "MB/s";
    }
}
