package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The options added for validation, threads, pairs and machine-readable results. */
class NewOptionsTest
{
    private static OmbOptions parse(final OmbBenchmark benchmark, final String... args)
    {
        return OmbOptions.parse(benchmark, args);
    }

    private static void assertBadUsage(final OmbOptions o, final String line)
    {
        assertEquals(OmbOptions.Outcome.BAD_USAGE, o.outcome());
        assertEquals(line, o.errorLine());
    }

    @Test
    void shouldValidateWithOmbWarmupOnlyWhenAsked()
    {
        assertFalse(parse(OmbBenchmark.LATENCY).validate());
        assertEquals(0, parse(OmbBenchmark.LATENCY, "-u", "3").validationWarmup());
        final OmbOptions c = parse(OmbBenchmark.LATENCY, "-c");
        assertTrue(c.validate());
        assertEquals(5, c.validationWarmup());
        assertEquals(2, parse(OmbBenchmark.BANDWIDTH, "--validation", "--validation-warmup=2").validationWarmup());
    }

    @Test
    void shouldRejectValidationWarmupOutsideOmbRange()
    {
        assertBadUsage(parse(OmbBenchmark.LATENCY, "-c", "-u", "-1"),
            "Invalid Number of Validation Warmup  Iterations [-u -1]");
        assertBadUsage(parse(OmbBenchmark.LATENCY, "-c", "-u", "11"),
            "Number of Validation Warmup Iterationsmust be less than 10 [-u 11]");
        assertEquals(10, parse(OmbBenchmark.LATENCY, "-c", "-u", "10").validationWarmup());
    }

    @Test
    void shouldParseThreadsOfLatencyMtAsOmb()
    {
        final OmbOptions defaults = parse(OmbBenchmark.LATENCY_MT);
        assertEquals(1, defaults.senderThreads());
        assertFalse(defaults.senderThreadsGiven());
        assertEquals(2, defaults.receiverThreads());
        assertEquals(0, defaults.minSize());
        final OmbOptions receivers = parse(OmbBenchmark.LATENCY_MT, "-t", "4");
        assertEquals(4, receivers.receiverThreads());
        assertFalse(receivers.senderThreadsGiven());
        final OmbOptions both = parse(OmbBenchmark.LATENCY_MT, "-t", "3:5");
        assertEquals(3, both.senderThreads());
        assertEquals(5, both.receiverThreads());
        assertTrue(both.senderThreadsGiven());
        assertBadUsage(parse(OmbBenchmark.LATENCY_MT, "-t", "0"), "Invalid Number of Threads [-t 0]");
        assertBadUsage(parse(OmbBenchmark.LATENCY_MT, "-t", "128"), "Invalid Number of Threads [-t 128]");
        assertBadUsage(parse(OmbBenchmark.LATENCY_MT, "-t", "2:"), "Invalid Number of Threads [-t 2:]");
        assertBadUsage(parse(OmbBenchmark.LATENCY, "-t", "2"), "Invalid option [-t]");
    }

    @Test
    void shouldParsePairsAndRateOfMbwMr()
    {
        final OmbOptions defaults = parse(OmbBenchmark.MULTI_BANDWIDTH);
        assertEquals(3, defaults.pairs(7));
        assertTrue(defaults.printRate());
        assertEquals(64, defaults.windowSize());
        assertEquals(1, defaults.minSize());
        final OmbOptions o = parse(OmbBenchmark.MULTI_BANDWIDTH, "-p", "2", "-R", "0", "-W", "8");
        assertEquals(2, o.pairs(16));
        assertFalse(o.printRate());
        assertEquals(8, o.windowSize());
        assertBadUsage(parse(OmbBenchmark.MULTI_BANDWIDTH, "-R", "2"), "Invalid Print Rate [-R 2]");
        assertBadUsage(parse(OmbBenchmark.MULTI_BANDWIDTH, "-p", "0"), "Invalid Number of Pairs [-p 0]");
        assertBadUsage(parse(OmbBenchmark.BANDWIDTH, "-p", "1"), "Invalid option [-p]");
    }

    @Test
    void shouldChooseResultFormats()
    {
        final OmbOptions plain = parse(OmbBenchmark.LATENCY);
        assertEquals(ResultFormat.TEXT, plain.stdoutFormat());
        assertNull(plain.outputFile());
        assertEquals(ResultFormat.JSON, parse(OmbBenchmark.LATENCY, "--format", "json").stdoutFormat());
        assertEquals(ResultFormat.CSV, parse(OmbBenchmark.LATENCY, "--format=CSV").stdoutFormat());
        final OmbOptions file = parse(OmbBenchmark.BANDWIDTH, "-o", "r.csv");
        assertEquals(ResultFormat.TEXT, file.stdoutFormat());
        assertEquals(ResultFormat.CSV, file.fileFormat());
        assertEquals(ResultFormat.JSON, parse(OmbBenchmark.BANDWIDTH, "--output", "r.out").fileFormat());
        final OmbOptions both = parse(OmbBenchmark.BANDWIDTH, "--format", "csv", "-o", "r.json");
        assertEquals(ResultFormat.TEXT, both.stdoutFormat());
        assertEquals(ResultFormat.CSV, both.fileFormat());
        assertBadUsage(parse(OmbBenchmark.LATENCY, "--format", "xml"), "Invalid format, use text, json or csv "
            + "[--format xml]");
    }

    @Test
    void shouldKeepTheArgumentsForProvenance()
    {
        assertEquals(List.of("-m", "8", "-c"), parse(OmbBenchmark.LATENCY, "-m", "8", "-c").given());
    }

    @Test
    void shouldVaryWindowsOfMbwMrInTextOnly()
    {
        assertTrue(parse(OmbBenchmark.MULTI_BANDWIDTH, "-V").varyWindow());
        assertTrue(parse(OmbBenchmark.MULTI_BANDWIDTH, "--vary-window").varyWindow());
        assertBadUsage(parse(OmbBenchmark.MULTI_BANDWIDTH, "-V", "-o", "x.json"),
            "-V writes OMB's table only, without --format or -o [-V]");
        assertBadUsage(parse(OmbBenchmark.BANDWIDTH, "-V"), "Invalid option [-V]");
    }
}
