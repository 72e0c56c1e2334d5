package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OmbDriverTest
{
    private ByteArrayOutputStream outBytes;
    private ByteArrayOutputStream errBytes;
    private PrintStream out;
    private PrintStream err;

    @BeforeEach
    void streams()
    {
        outBytes = new ByteArrayOutputStream();
        errBytes = new ByteArrayOutputStream();
        out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    }

    private int decide(final OmbBenchmark benchmark, final int rank, final int ranks, final String... args)
    {
        return OmbDriver.earlyExitStatus(benchmark, OmbOptions.parse(benchmark, args), rank, ranks, out, err);
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldProceedWithTwoRanksAndValidOptions()
    {
        assertEquals(-1, decide(OmbBenchmark.BANDWIDTH, 0, 2, "-m", "8"));
        assertEquals("", out() + err());
    }

    @Test
    void shouldRefuseOtherThanTwoRanksWithOmbMessage()
    {
        assertEquals(OmbDriver.EXIT_FAILURE, decide(OmbBenchmark.LATENCY, 0, 3));
        assertEquals("This test requires exactly two processes\n", err());
        assertEquals("", out());
        assertEquals(OmbDriver.EXIT_FAILURE, decide(OmbBenchmark.LATENCY, 0, 1));
    }

    @Test
    void shouldPrintErrorThenUsageAndFailOnBadUsage()
    {
        assertEquals(1, decide(OmbBenchmark.BI_BANDWIDTH, 0, 2, "-x"));
        assertEquals("Option Missing Required Argument [-x]\n\n", err());
        assertEquals(OmbUsage.text(OmbBenchmark.BI_BANDWIDTH), out());
    }

    @Test
    void shouldCheckOptionsBeforeTheNumberOfRanks()
    {
        assertEquals(0, decide(OmbBenchmark.LATENCY, 0, 5, "-h"));
        assertEquals(OmbUsage.text(OmbBenchmark.LATENCY), out());
        assertEquals("", err());
    }

    @Test
    void shouldPrintVersionAndSucceed()
    {
        assertEquals(0, decide(OmbBenchmark.BANDWIDTH, 0, 2, "-v"));
        assertEquals("# OSU MPI Bandwidth Test v7.3\n", out());
    }

    @Test
    void shouldKeepOtherRanksSilentButAgreeOnTheStatus()
    {
        assertEquals(1, decide(OmbBenchmark.LATENCY, 1, 2, "-q"));
        assertEquals(1, decide(OmbBenchmark.LATENCY, 1, 4));
        assertEquals(0, decide(OmbBenchmark.LATENCY, 1, 2, "--version"));
        assertEquals("", out() + err());
    }

    @Test
    void shouldApplyEachBenchmarksRankRule()
    {
        assertEquals(-1, decide(OmbBenchmark.MULTI_BANDWIDTH, 0, 3));
        assertEquals(1, decide(OmbBenchmark.MULTI_BANDWIDTH, 0, 1));
        assertEquals("This test requires at least two processes\n", err());
        assertEquals(-1, decide(OmbBenchmark.MULTI_LATENCY, 0, 6));
        assertEquals(1, decide(OmbBenchmark.MULTI_LATENCY, 0, 5));
        assertEquals(-1, decide(OmbBenchmark.LATENCY_MT, 0, 2));
        assertEquals(1, decide(OmbBenchmark.LATENCY_MT, 0, 4));
    }

    @Test
    void shouldRefuseMorePairsThanHalfTheRanks()
    {
        assertEquals(1, decide(OmbBenchmark.MULTI_BANDWIDTH, 0, 4, "-p", "3"));
        assertEquals("Invalid Number of Pairs [-p 3]\n\n", err());
        assertEquals(OmbUsage.text(OmbBenchmark.MULTI_BANDWIDTH), out());
    }

    @Test
    void shouldRequireEqualExplicitThreadCountsToValidateLatencyMt()
    {
        assertEquals(1, decide(OmbBenchmark.LATENCY_MT, 0, 2, "-c"));
        assertEquals(OmbDriver.EQUAL_THREADS_MESSAGE + "\n", err());
        assertEquals(1, decide(OmbBenchmark.LATENCY_MT, 0, 2, "-c", "-t", "2:3"));
        assertEquals(-1, decide(OmbBenchmark.LATENCY_MT, 0, 2, "-c", "-t", "2:2"));
    }
}
