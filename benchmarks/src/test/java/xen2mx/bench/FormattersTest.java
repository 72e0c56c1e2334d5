package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** CSV, JSON lexical forms, samples, progress and startup output. */
class FormattersTest
{
    @Test
    void shouldWriteCsvWithProvenanceCommentsAndEmptyUnknowns()
    {
        final String csv = ResultCsv.write(ResultFixtures.latency());
        final List<String> lines = csv.lines().toList();
        assertTrue(lines.contains("# hosts: a b"), csv);
        assertTrue(lines.contains("# options: -m 8 --format json"), csv);
        assertTrue(lines.contains("# mode: "), csv);
        final List<String> data = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of(ResultCsv.HEADER, "osu_latency,0,6,4,9,5,9,us,3,1,,",
            "osu_latency,8,6.5,,,,,us,3,1,,Pass"), data);
        assertTrue(ResultCsv.write(ResultFixtures.messageRate()).contains("osu_mbw_mr,4,100,100,100,100,100,MB/s,1,0,"
            + "25000000,\n"));
    }

    @Test
    void shouldEscapeJsonStringsAndNullNonFiniteNumbers()
    {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.string("a\"b\\c\n\u0001"));
        assertEquals("null", Json.string(null));
        assertEquals("null", Json.number(Double.NaN));
        assertEquals("null", Json.number(Double.POSITIVE_INFINITY));
        assertEquals("42", Json.number(42.0));
        assertEquals("0.5", Json.number(0.5));
    }

    @Test
    void shouldKeepExactExtremesAndPercentilesWithinAPerMille()
    {
        final IterationSamples s = new IterationSamples();
        for (int i = 1; i <= 1000; i++)
        {
            s.record(i / 10.0);
        }
        assertEquals(0.1, s.min());
        assertEquals(100.0, s.max());
        assertEquals(50.0, s.percentile(50), 0.1);
        assertEquals(99.0, s.percentile(99), 0.1);
        assertTrue(Double.isNaN(new IterationSamples().percentile(50)));
    }

    @Test
    void shouldShowProgressWithTimeLeftAndClearIt()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final AtomicLong now = new AtomicLong();
        final OmbOptions options = OmbOptions.parse(OmbBenchmark.LATENCY, new String[] {"-i", "10", "-x", "0"});
        final Progress p = new Progress(err, "osu_latency", List.of(0, 4096), options, now::get, true);
        now.set(2_000_000_000L);
        p.sizeDone(0);
        final String shown = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("osu_latency: 0 B done (1 of 2 sizes), about 4 s left", shown);
        p.clear();
        assertEquals(shown + "\r" + " ".repeat(shown.length()) + "\r", bytes.toString(StandardCharsets.UTF_8));
        assertEquals("osu_bw: 8 B done (3 of 9 sizes), about 2 min 05 s left", p.line(8, 3, 9, 125).replace(
            "osu_latency", "osu_bw"));
    }

    @Test
    void shouldWriteWholeLinesWhenForcedOntoAPipe()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final OmbOptions options = OmbOptions.parse(OmbBenchmark.BANDWIDTH, new String[] {"-m", "2"});
        final Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "osu_bw", List.of(1, 2),
            options, () -> 0L, false);
        p.sizeDone(0);
        p.clear();
        p.sizeDone(1);
        assertEquals("osu_bw: 1 B done (1 of 2 sizes), about 0 s left\nosu_bw: 2 B done (2 of 2 sizes), about 0 s left\n",
            bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void shouldSummariseInitTimesWithIntegerMean()
    {
        assertEquals("nprocs: 3, min: 10 ms, max: 21 ms, avg: 15 ms\n", OsuInit.summary(new long[] {10, 15, 21}));
    }

    @Test
    void shouldHandleStartupOptions()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(-1, StartupBenchmark.INIT.earlyExitStatus(new String[0], true, o, e));
        assertEquals(0, StartupBenchmark.HELLO.earlyExitStatus(new String[] {"-v"}, true, o, e));
        assertEquals("# OSU MPI Hello World Test v7.3\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(1, StartupBenchmark.INIT.earlyExitStatus(new String[] {"-q"}, true, o, e));
        assertEquals("Invalid option [-q]\n\n", err.toString(StandardCharsets.UTF_8));
    }
}
