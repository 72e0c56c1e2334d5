package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class OmbReportTest
{
    @Test
    void shouldPrintOmbPreambleByteForByte()
    {
        final String expected = "\n"
            + "# OSU MPI Latency Test v7.3\n"
            + "# xen2mx-mpi 0.1.0, btl: tcp\n"
            + "# Size            Latency (us)\n";
        assertEquals(expected, OmbReport.preamble(OmbBenchmark.LATENCY, "xen2mx-mpi 0.1.0, btl: tcp"));
    }

    @Test
    void shouldNameEachBenchmarkLikeOmb()
    {
        assertEquals("# OSU MPI Bandwidth Test v7.3\n", OmbReport.titleLine(OmbBenchmark.BANDWIDTH));
        assertEquals("# OSU MPI Bi-Directional Bandwidth Test v7.3\n",
            OmbReport.titleLine(OmbBenchmark.BI_BANDWIDTH));
        assertEquals("# Size        Bandwidth (MB/s)\n", OmbReport.header(OmbBenchmark.BI_BANDWIDTH));
        assertEquals(30, OmbReport.header(OmbBenchmark.LATENCY).length() - 1);
    }

    @Test
    void shouldFormatRowsAsPercentMinus10dPercent20Point2f()
    {
        assertEquals("0                         4.41\n", OmbReport.row(0, 4.4149));
        assertEquals("8                         1.97\n", OmbReport.row(8, 1.966));
        assertEquals("4194304                 123.46\n", OmbReport.row(4194304, 123.456));
        assertEquals("1048576            12345678.90\n", OmbReport.row(1048576, 12345678.9));
        assertEquals("1234567890       1234567890.12\n", OmbReport.row(1234567890L, 1234567890.123));
    }

    @Test
    void shouldBeMatchedByReframePatterns()
    {
        final String out = OmbReport.preamble(OmbBenchmark.LATENCY, "x")
            + OmbReport.row(8, 1.5) + OmbReport.row(4194304, 999.25);
        assertTrue(out.contains("OSU MPI Latency Test"));
        final Matcher eight = Pattern.compile("^8\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
        assertTrue(eight.find());
        assertEquals("1.50", eight.group(1));
        final Matcher big = Pattern.compile("^4194304\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
        assertTrue(big.find());
        assertEquals("999.25", big.group(1));
    }
}
