package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OmbTableTest
{
    private static final String TAG = "xen2mx-mpi 0.1.0, btl: tcp";

    private static OmbTable table(final OmbBenchmark b, final int ranks, final String... args)
    {
        return new OmbTable(b, OmbOptions.parse(b, args), ranks);
    }

    @Test
    void shouldPrintMbwMrPreambleWithPairsAndRateColumn()
    {
        final OmbTable t = table(OmbBenchmark.MULTI_BANDWIDTH, 4, "-W", "16");
        assertEquals("# OSU MPI Multiple Bandwidth / Message Rate Test v7.3\n# " + TAG + "\n"
            + t.warmupLine()
            + "# [ pairs: 2 ] [ window size: 16 ]\n"
            + "# Size                    MB/s          Messages/s\n", t.preamble(TAG));
        assertEquals("1                         7.79          7790845.03\n",
            t.row(new SizeResult(1, 7.79, 7790845.03, 1, 1, 1, 1, 100, 10, null)));
    }

    @Test
    void shouldDropRateColumnWithR0()
    {
        final OmbTable t = table(OmbBenchmark.MULTI_BANDWIDTH, 2, "-R", "0");
        assertEquals("# Size                    MB/s\n", t.header());
        assertEquals("8                        15.93\n", t.row(new SizeResult(8, 15.93, 1.99e6, 1, 1, 1, 1, 1, 1, null)));
    }

    @Test
    void shouldPrintLatencyMtThreadLinesFirst()
    {
        final String p = table(OmbBenchmark.LATENCY_MT, 2, "-t", "3:4").preamble(TAG);
        assertTrue(p.startsWith("# Number of Sender threads: 3 \n# Number of Receiver threads: 4\n"
            + "# OSU MPI Multi-threaded Latency Test v7.3\n"), p);
        assertTrue(p.endsWith("# Size            Latency (us)\n"), p);
    }

    @Test
    void shouldKeepLatencyBlankFirstLineAndMultiLatWithout()
    {
        assertTrue(table(OmbBenchmark.LATENCY, 2).preamble(TAG).startsWith("\n# OSU MPI Latency Test v7.3\n"));
        assertTrue(table(OmbBenchmark.MULTI_LATENCY, 4).preamble(TAG).startsWith("# OSU MPI Multi Latency Test v7.3\n"));
    }

    @Test
    void shouldAddValidationColumnAndOmbErrorLine()
    {
        final OmbTable t = table(OmbBenchmark.LATENCY, 2, "-c");
        assertEquals("# Size            Latency (us)          Validation\n", t.header());
        assertEquals("8                         3.50                Pass\n",
            t.row(new SizeResult(8, 3.5, Double.NaN, 1, 1, 1, 1, 1, 1, "Pass")));
        assertEquals("DATA VALIDATION ERROR: osu_latency exited with status 1 on message size 64.\n",
            t.validationErrorLine(64));
        assertTrue(t.warmupLine().contains("repeated 5 times untimed first (-u)"), t.warmupLine());
    }

    @Test
    void shouldStateWarmupAndTimedCounts()
    {
        assertEquals("# warm-up: 100 iterations per size up to 8192 B, 10 above; timed: 10000 and 1000\n",
            table(OmbBenchmark.LATENCY, 2).warmupLine());
    }

    @Test
    void shouldPrintVariedWindowTablesAsOmb()
    {
        final OmbTable t = table(OmbBenchmark.MULTI_BANDWIDTH, 4, "-V");
        assertTrue(t.variedPreamble(TAG).endsWith("# [ pairs: 2 ] [ window size: varied ]\n\n"
            + "# Uni-directional Bandwidth (MB/sec)\n"
            + "#                 1           2           4           8          16          32          64         128\n"),
            t.variedPreamble(TAG));
        final double[] row = {1, 2, 3, 4, 5, 6, 7, 8.5};
        assertEquals("4              1.00        2.00        3.00        4.00        5.00        6.00        7.00"
            + "        8.50\n", OmbTable.variedRow(4, row));
        assertTrue(t.rateProfile(List.of(4), List.of(row)).startsWith(
            "\n# Message Rate Profile\n#  "), "rate profile");
        assertTrue(t.rateProfile(List.of(4), List.of(row)).endsWith("\n4         250000.00   500000.00   750000.00  1000000.00  1250000.00  1500000.00  1750000.00  2125000.00\n"));
        assertEquals("", table(OmbBenchmark.MULTI_BANDWIDTH, 4, "-V", "-R", "0")
            .rateProfile(List.of(4), List.of(row)));
    }
}
