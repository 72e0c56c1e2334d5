package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OmbOptionsTest
{
    private static OmbOptions latency(final String... args)
    {
        return OmbOptions.parse(OmbBenchmark.LATENCY, args);
    }

    private static OmbOptions bw(final String... args)
    {
        return OmbOptions.parse(OmbBenchmark.BANDWIDTH, args);
    }

    private static void assertBadUsage(final OmbOptions o, final String line)
    {
        assertEquals(OmbOptions.Outcome.BAD_USAGE, o.outcome());
        assertEquals(line, o.errorLine());
    }

    @Test
    void shouldUseOmbLatencyDefaults()
    {
        final OmbOptions o = latency();
        assertEquals(OmbOptions.Outcome.RUN, o.outcome());
        assertNull(o.errorLine());
        assertEquals(0, o.minSize());
        assertEquals(4194304, o.maxSize());
        assertEquals(10000, o.iterations(8192));
        assertEquals(100, o.skip(8192));
        assertEquals(1000, o.iterations(8193));
        assertEquals(10, o.skip(8193));
        final List<Integer> sizes = o.messageSizes();
        assertEquals(24, sizes.size());
        assertEquals(List.of(0, 1, 2, 4), sizes.subList(0, 4));
        assertEquals(4194304, sizes.get(sizes.size() - 1));
    }

    @Test
    void shouldUseOmbBandwidthDefaults()
    {
        for (final OmbBenchmark b : List.of(OmbBenchmark.BANDWIDTH, OmbBenchmark.BI_BANDWIDTH))
        {
            final OmbOptions o = OmbOptions.parse(b, new String[0]);
            assertEquals(1, o.minSize());
            assertEquals(64, o.windowSize());
            assertEquals(100, o.iterations(1));
            assertEquals(10, o.skip(8192));
            assertEquals(20, o.iterations(16384));
            assertEquals(2, o.skip(4194304));
            assertEquals(23, o.messageSizes().size());
        }
    }

    @Test
    void shouldParseMessageSizeForms()
    {
        assertEquals(List.of(0, 1, 2, 4, 8, 16, 32, 64, 128), latency("-m", "128").messageSizes());
        assertEquals(List.of(2, 4, 8, 16, 32, 64, 128), latency("-m", "2:128").messageSizes());
        final OmbOptions minOnly = latency("-m", "2:");
        assertEquals(2, minOnly.minSize());
        assertEquals(4194304, minOnly.maxSize());
        final OmbOptions maxOnly = latency("-m", ":64");
        assertEquals(0, maxOnly.minSize());
        assertEquals(64, maxOnly.maxSize());
        assertEquals(List.of(3, 6, 12), bw("--message-size=3:12").messageSizes());
        assertEquals(List.of(0), latency("-m", "0").messageSizes());
        assertTrue(latency("-m", "64:8").messageSizes().isEmpty());
    }

    @Test
    void shouldIgnoreInvalidMinimumWhenMaximumIsValidAsOmbDoes()
    {
        final OmbOptions o = latency("-m", "0:16");
        assertEquals(OmbOptions.Outcome.RUN, o.outcome());
        assertEquals(0, o.minSize());
        assertEquals(16, o.maxSize());
    }

    @Test
    void shouldRejectInvalidMessageSizes()
    {
        assertBadUsage(latency("-m", "-1"), "Invalid Message Size [-m -1]");
        assertBadUsage(latency("-m", "0:"), "Invalid Message Size [-m 0:]");
        assertBadUsage(latency("-m", ":"), "Invalid Message Size [-m :]");
        assertBadUsage(latency("-m", "1:2:3"), "Invalid Message Size [-m 1:2:3]");
        assertBadUsage(latency("-m", "2147483648"), "Invalid Message Size [-m 2147483648]");
    }

    @Test
    void shouldSetSmallAndLargeCountsTogether()
    {
        final OmbOptions o = bw("-i", "7", "-x", "0", "-W", "3");
        assertEquals(7, o.iterations(1));
        assertEquals(7, o.iterations(1 << 20));
        assertEquals(0, o.skip(1));
        assertEquals(0, o.skip(1 << 20));
        assertEquals(3, o.windowSize());
    }

    @Test
    void shouldReadNumbersLikeAtoi()
    {
        assertEquals(12, latency("-i", "12abc").iterations(1));
        assertBadUsage(latency("-i", "abc"), "Invalid Number of Iterations [-i abc]");
        assertBadUsage(latency("-i", "0"), "Invalid Number of Iterations [-i 0]");
        assertBadUsage(latency("-x", "-1"), "Invalid Number of Warmup Iterations [-x -1]");
        assertBadUsage(bw("-W", "0"), "Invalid Window Size [-W 0]");
        assertBadUsage(bw("--window-size=-4"), "Invalid Window Size [-W -4]");
    }

    @Test
    void shouldRejectWindowForLatencyLikeOmb()
    {
        assertBadUsage(latency("-W", "8"), "Invalid option [-W]");
        assertBadUsage(latency("--window-size", "8"), "Invalid option [--window-size]");
    }

    @Test
    void shouldReportUnknownAndMissing()
    {
        assertBadUsage(latency("-q"), "Invalid option [-q]");
        assertBadUsage(latency("--bogus"), "Invalid option [--bogus]");
        assertBadUsage(latency("-i"), "Option Missing Required Argument [-i]");
        assertBadUsage(bw("-m", "8", "--window-size"), "Option Missing Required Argument [-W]");
    }

    @Test
    void shouldStopAtFirstTerminalOption()
    {
        assertEquals(OmbOptions.Outcome.HELP, latency("-h", "-q").outcome());
        assertEquals(OmbOptions.Outcome.BAD_USAGE, latency("-q", "-h").outcome());
        assertEquals(OmbOptions.Outcome.VERSION, latency("-v", "-h").outcome());
        assertEquals(OmbOptions.Outcome.HELP, bw("--help").outcome());
        assertEquals(OmbOptions.Outcome.VERSION, bw("--version").outcome());
    }

    @Test
    void shouldAcceptArraysApiOnly()
    {
        assertEquals(OmbOptions.Outcome.RUN, latency("-a", "arrays").outcome());
        assertBadUsage(latency("-a", "buffer"), "Buffer API is not supported yet, use -a arrays [-a buffer]");
        assertBadUsage(latency("-a", "heap"), "Invalid buffer API, use arrays [-a heap]");
    }

    @Test
    void shouldIgnoreOperandsAfterOptions()
    {
        final OmbOptions o = latency("-m", "4", "H", "H");
        assertEquals(OmbOptions.Outcome.RUN, o.outcome());
        assertEquals(4, o.maxSize());
    }

    @Test
    void shouldListOnlyTheOptionsEachBenchmarkAccepts()
    {
        final String lat = OmbUsage.text(OmbBenchmark.LATENCY);
        final String bibw = OmbUsage.text(OmbBenchmark.BI_BANDWIDTH);
        assertTrue(lat.startsWith("Usage: osu_latency [options]\nOptions:\n"));
        assertTrue(bibw.startsWith("Usage: osu_bibw [options]\nOptions:\n"));
        assertFalse(lat.contains("-W"));
        assertTrue(bibw.contains("  -W, --window-size       SIZE"));
        assertTrue(lat.contains("  -i, --iterations        ITER - timed iterations per size (default 10000, 1000 above 8192 B)\n"));
        assertTrue(lat.endsWith("\n"));
    }
}
