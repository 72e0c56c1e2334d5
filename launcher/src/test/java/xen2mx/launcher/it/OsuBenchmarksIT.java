package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OSU ports run by their bundled names through {@code mpirun} over tcp, at small sizes and few iterations:
 * their OMB text, validation, rank-count refusals and machine-readable results.
 */
@Timeout(120)
class OsuBenchmarksIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static final Pattern ROW = Pattern.compile("(?m)^(\\d+) +(\\d+\\.\\d{2})( +(\\d+\\.\\d{2}))?( +(Pass|Failed))?$");

    @TempDir
    Path dir;

    private static MpirunRun tcp(final int ranks, final String... command) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("-np", Integer.toString(ranks), "--oversubscribe",
            "--btl", "self,tcp"));
        args.addAll(List.of(command));
        return MpirunRun.start(args.toArray(new String[0]));
    }

    private static List<Long> sizes(final String stdout)
    {
        final Matcher m = ROW.matcher(stdout);
        final List<Long> sizes = new ArrayList<>();
        while (m.find())
        {
            sizes.add(Long.parseLong(m.group(1)));
        }
        return sizes;
    }

    @Test
    void shouldValidateLatencyRowsAndPrintOmbHeader() throws Exception
    {
        final MpirunRun run = tcp(2, "osu_latency", "-m", "64", "-i", "20", "-x", "2", "-c", "-u", "1");
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        final String out = run.stdout();
        assertTrue(out.startsWith("\n# OSU MPI Latency Test v7.3\n# xen2mx-mpi "), out);
        assertTrue(out.contains("\n# Size            Latency (us)          Validation\n"), out);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L), sizes(out));
        assertEquals(8, out.split("Pass\n", -1).length - 1, out);
    }

    @Test
    void shouldRunMbwMrOverTwoPairsWithMessageRate() throws Exception
    {
        final MpirunRun run = tcp(4, "osu_mbw_mr", "-m", "2:8", "-i", "5", "-x", "1", "-W", "8", "-c", "-u", "0");
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        final String out = run.stdout();
        assertTrue(out.startsWith("# OSU MPI Multiple Bandwidth / Message Rate Test v7.3\n"), out);
        assertTrue(out.contains("\n# [ pairs: 2 ] [ window size: 8 ]\n# Size                    MB/s          "
            + "Messages/s          Validation\n"), out);
        assertEquals(List.of(2L, 4L, 8L), sizes(out));
        final Matcher m = ROW.matcher(out);
        while (m.find())
        {
            final double mbps = Double.parseDouble(m.group(2));
            final double rate = Double.parseDouble(m.group(4));
            assertEquals(rate, mbps * 1e6 / Long.parseLong(m.group(1)), rate * 0.01 + 1e4, out);
            assertEquals("Pass", m.group(6), out);
        }
    }

    @Test
    void shouldMeasureEveryWindowWithVaryWindow() throws Exception
    {
        final MpirunRun run = tcp(2, "osu_mbw_mr", "-V", "-m", "4:8", "-i", "3", "-x", "1");
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        final String out = run.stdout();
        assertTrue(out.contains("# [ pairs: 1 ] [ window size: varied ]\n\n# Uni-directional Bandwidth (MB/sec)\n"),
            out);
        assertTrue(out.contains("\n# Message Rate Profile\n"), out);
        assertEquals(4, Pattern.compile("(?m)^[48] +( +\\d+\\.\\d{2}){8}$").matcher(out).results().count(), out);
    }

    @Test
    void shouldRunMultiLatOnFourRanksAndRefuseThree() throws Exception
    {
        final MpirunRun run = tcp(4, "osu_multi_lat", "-m", "4", "-i", "20", "-x", "2", "-c");
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        assertTrue(run.stdout().startsWith("# OSU MPI Multi Latency Test v7.3\n"), run.stdout());
        assertEquals(List.of(0L, 1L, 2L, 4L), sizes(run.stdout()));
        final MpirunRun odd = tcp(3, "osu_multi_lat", "-m", "4");
        assertEquals(1, odd.await(RUN_LIMIT), odd.stdout() + odd.stderr());
        assertTrue(odd.stderr().contains("This test requires an even number of processes, at least two"),
            odd.stderr());
    }

    @Test
    void shouldRunLatencyMtWithTwoSenderAndTwoReceiverThreads() throws Exception
    {
        final MpirunRun run = tcp(2, "osu_latency_mt", "-m", "16", "-i", "20", "-x", "2", "-t", "2:2", "-c");
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        final String out = run.stdout();
        assertTrue(out.startsWith("# Number of Sender threads: 2 \n# Number of Receiver threads: 2\n"
            + "# OSU MPI Multi-threaded Latency Test v7.3\n"), out);
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L), sizes(out));
        assertEquals(6, out.split("Pass\n", -1).length - 1, out);
    }

    @Test
    void shouldRefuseLatencyMtValidationWithUnequalThreadsAndLatencyOnThreeRanks() throws Exception
    {
        final MpirunRun mt = tcp(2, "osu_latency_mt", "-c");
        assertEquals(1, mt.await(RUN_LIMIT), mt.stdout() + mt.stderr());
        assertTrue(mt.stderr().contains("Number of sender and receiver threads must be same when validation is "
            + "enabled. Use option -t to set"), mt.stderr());
        final MpirunRun three = tcp(3, "osu_latency", "-m", "1");
        assertEquals(1, three.await(RUN_LIMIT), three.stdout() + three.stderr());
        assertTrue(three.stderr().contains("This test requires exactly two processes"), three.stderr());
    }

    @Test
    void shouldPrintStartupResults() throws Exception
    {
        final MpirunRun init = tcp(3, "osu_init");
        assertEquals(0, init.await(RUN_LIMIT), init.stdout() + init.stderr());
        assertTrue(init.stdout().startsWith("# OSU MPI Init Test v7.3\n"), init.stdout());
        assertTrue(Pattern.compile("(?m)^nprocs: 3, min: \\d+ ms, max: \\d+ ms, avg: \\d+ ms$").matcher(init.stdout())
            .find(), init.stdout());
        final MpirunRun hello = tcp(2, "osu_hello");
        assertEquals(0, hello.await(RUN_LIMIT), hello.stdout() + hello.stderr());
        assertTrue(hello.stdout().startsWith("# OSU MPI Hello World Test v7.3\n"), hello.stdout());
        assertTrue(hello.stdout().endsWith("\nThis is a test with 2 processes\n"), hello.stdout());
    }

    @Test
    void shouldWriteJsonFileAndCsvOnStdout() throws Exception
    {
        final Path json = dir.resolve("bw.json");
        final MpirunRun run = tcp(2, "osu_bw", "-m", "4:16", "-i", "5", "-x", "1", "-o", json.toString());
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        assertEquals(List.of(4L, 8L, 16L), sizes(run.stdout()));
        final String doc = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(doc.contains("\"benchmark\": \"osu_bw\""), doc);
        assertTrue(doc.contains("\"hosts\": ["), doc);
        assertTrue(doc.contains("\"btl\": \"self,tcp\""), doc);
        assertEquals(3, doc.split("\"iterations\": 5", -1).length - 1, doc);
        final MpirunRun csv = tcp(2, "osu_bibw", "-m", "8", "-i", "3", "-x", "1", "--format", "csv");
        assertEquals(0, csv.await(RUN_LIMIT), csv.stdout() + csv.stderr());
        assertTrue(csv.stdout().contains("\nbenchmark,size,avg,min,max,p50,p99,unit,iterations,warmup,rate,validation\n"
            + "osu_bibw,1,"), csv.stdout());
        assertTrue(!csv.stdout().contains("# OSU MPI"), csv.stdout());
    }
}
