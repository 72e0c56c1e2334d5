package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** OMB 7.x's collective output, byte for byte, and the options and early exits of the collective benchmarks. */
class CollectiveReportTest
{
    private static final CollectiveReport.LatencyStats STATS = new CollectiveReport.LatencyStats(12.3149, 11.02,
        13.567);

    @Test
    void shouldPrintTheCollectivePreambleLikeOmb()
    {
        assertEquals("\n# OSU MPI Allreduce Latency Test v7.3\n# xen2mx-mpi 0.1.0, btl: tcp\n"
                + "# Size       Avg Latency(us)\n",
            CollectiveReport.preamble(CollectiveBenchmark.ALLREDUCE, "xen2mx-mpi 0.1.0, btl: tcp", false));
        assertEquals("# Size       Avg Latency(us)   Min Latency(us)   Max Latency(us)  Iterations\n",
            CollectiveReport.header(CollectiveBenchmark.BCAST, true));
        assertEquals("# OSU MPI All-to-All Personalized Exchange Latency Test v7.3\n",
            CollectiveReport.titleLine(CollectiveBenchmark.ALLTOALL));
        assertEquals("# OSU MPI Broadcast Latency Test v7.3\n", CollectiveReport.titleLine(CollectiveBenchmark.BCAST));
    }

    @Test
    void shouldFormatRowsWithAndWithoutFullStatistics()
    {
        assertEquals("4                      12.31\n", CollectiveReport.row(CollectiveBenchmark.REDUCE, 4, STATS, 1000,
            false));
        assertEquals("1048576                12.31             11.02             13.57         100\n",
            CollectiveReport.row(CollectiveBenchmark.GATHER, 1 << 20, STATS, 100, true));
    }

    @Test
    void shouldPrintTheBarrierWithoutASizeColumn()
    {
        assertEquals("# Avg Latency(us)\n", CollectiveReport.header(CollectiveBenchmark.BARRIER, false));
        assertEquals("# Avg Latency(us)   Min Latency(us)   Max Latency(us)  Iterations\n",
            CollectiveReport.header(CollectiveBenchmark.BARRIER, true));
        assertEquals("            12.31\n", CollectiveReport.row(CollectiveBenchmark.BARRIER, 0, STATS, 1000, false));
    }

    @Test
    void shouldAcceptFullAndRefuseMessageSizesForTheBarrier()
    {
        final CollectiveOptions bcast = CollectiveOptions.parse(CollectiveBenchmark.BCAST, new String[] {"-f", "-m",
            "8:32", "-i", "5", "-x", "2"});
        assertEquals(OmbOptions.Outcome.RUN, bcast.outcome());
        assertTrue(bcast.full());
        assertEquals(List.of(8, 16, 32), bcast.messageSizes());
        assertEquals(5, bcast.iterations(32));
        assertEquals(2, bcast.skip(1 << 20));
        final CollectiveOptions defaults = CollectiveOptions.parse(CollectiveBenchmark.ALLREDUCE, new String[0]);
        assertFalse(defaults.full());
        assertEquals(4, defaults.messageSizes().get(0));
        assertEquals(1 << 20, defaults.messageSizes().get(defaults.messageSizes().size() - 1));
        assertEquals(1000, defaults.iterations(8192));
        assertEquals(100, defaults.iterations(8193));
        assertEquals(200, defaults.skip(8192));
        assertEquals(List.of(0), CollectiveOptions.parse(CollectiveBenchmark.BARRIER, new String[0]).messageSizes());
        final CollectiveOptions barrier = CollectiveOptions.parse(CollectiveBenchmark.BARRIER, new String[] {"-m",
            "8"});
        assertEquals(OmbOptions.Outcome.BAD_USAGE, barrier.outcome());
        assertEquals("Invalid option [-m]", barrier.errorLine());
    }

    @Test
    void shouldReadMessageSizesAndCountsAsOmbDoes()
    {
        assertEquals(List.of(1, 2, 4), CollectiveOptions.parse(CollectiveBenchmark.GATHER, new String[] {"-m", "4"})
            .messageSizes());
        assertEquals(List.of(1024, 2048), CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"--message-size", "1024:2048"}).messageSizes());
        assertEquals(512, CollectiveOptions.parse(CollectiveBenchmark.GATHER, new String[] {"-m", "512k:"})
            .messageSizes().get(0), "512k reads as 512 through atoll");
        assertEquals(List.of(8, 16), CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"-m", "0:16", "-m", "8:"}).messageSizes());
        assertEquals("Invalid Message Size [-m 1:2:3]", CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"-m", "1:2:3"}).errorLine());
        assertEquals("Invalid Number of Iterations [-i 0]", CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"-i", "0"}).errorLine());
        assertEquals("Invalid Number of Warmup Iterations [-x -1]", CollectiveOptions.parse(
            CollectiveBenchmark.GATHER, new String[] {"-x", "-1"}).errorLine());
        assertEquals(7, CollectiveOptions.parse(CollectiveBenchmark.GATHER, new String[] {"-i", "7abc"})
            .iterations(1));
        assertEquals(OmbOptions.Outcome.HELP, CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"-h", "-q"}).outcome());
        assertEquals("Invalid option [-q]", CollectiveOptions.parse(CollectiveBenchmark.GATHER,
            new String[] {"-q", "-h"}).errorLine());
    }

    @Test
    void shouldListOnlyTheAcceptedOptionsInHelp()
    {
        final String help = CollectiveUsage.text(CollectiveBenchmark.BARRIER);
        assertTrue(help.startsWith("Usage: osu_barrier [options]\n"), help);
        assertTrue(help.contains("-f, --full"), help);
        assertFalse(help.contains("--message-size"), help);
        assertTrue(CollectiveUsage.text(CollectiveBenchmark.ALLTOALL).contains("--message-size"));
    }

    @Test
    void shouldStopOnASingleRankWithOmbsMessage()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CollectiveOptions options = CollectiveOptions.parse(CollectiveBenchmark.SCATTER, new String[0]);
        assertEquals(OmbDriver.EXIT_FAILURE, CollectiveDriver.earlyExitStatus(CollectiveBenchmark.SCATTER, options,
            0, 1, new PrintStream(out), new PrintStream(err)));
        assertEquals("This test requires at least two processes\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(CollectiveDriver.PROCEED, CollectiveDriver.earlyExitStatus(CollectiveBenchmark.SCATTER, options, 0, 3,
            new PrintStream(out), new PrintStream(err)));
    }

    @Test
    void shouldSplitReduceScatterFloatsEvenly()
    {
        final CollectiveBuffers buffers = new CollectiveBuffers(64, 3);
        assertArrayEquals(new int[] {6, 5, 5}, buffers.reduceScatterCounts(64));
        assertArrayEquals(new int[] {1, 0, 0}, buffers.reduceScatterCounts(4));
        assertEquals(64 * 3, buffers.sendBytes().length);
    }
}
