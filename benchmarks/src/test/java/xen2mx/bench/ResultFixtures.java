package xen2mx.bench;

import java.util.List;

/** Hand-made runs for the formatter tests. */
final class ResultFixtures
{
    private ResultFixtures()
    {
    }

    static Provenance provenance(final String benchmark)
    {
        return new Provenance(benchmark, "xen2mx-mpi 0.1.0, btl: self,tcp", "0.1.0",
            "0123456789abcdef0123456789abcdef01234567", "17.0.15", "OpenJDK 64-Bit Server VM 17",
            List.of("a", "b"), "self,tcp", null, "arrays", List.of("-m", "8", "--format", "json"),
            "2026-11-25T03:00:00Z");
    }

    static BenchmarkRun latency()
    {
        final IterationSamples samples = new IterationSamples();
        samples.record(4.0);
        samples.record(5.0);
        samples.record(9.0);
        return new BenchmarkRun(OmbBenchmark.LATENCY, provenance("osu_latency"), List.of(
            SizeResult.of(0, 6.0, Double.NaN, samples, 3, 1, null),
            SizeResult.of(8, 6.5, Double.NaN, new IterationSamples(), 3, 1, "Pass")));
    }

    static BenchmarkRun messageRate()
    {
        final IterationSamples samples = new IterationSamples();
        samples.record(100.0);
        return new BenchmarkRun(OmbBenchmark.MULTI_BANDWIDTH, provenance("osu_mbw_mr"), List.of(
            SizeResult.of(4, 100.0, 25_000_000.0, samples, 1, 0, null)));
    }
}
