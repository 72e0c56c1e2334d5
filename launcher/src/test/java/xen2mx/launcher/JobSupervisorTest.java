package xen2mx.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.boot.RendezvousAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Supervision rules with in-JVM fake ranks (no processes): who gets killed, which banner, which status. */
@Timeout(20)
class JobSupervisorTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<FakeRankProcess> ranks = new CopyOnWriteArrayList<>();
    private JobSupervisor supervisor;
    private RankMap map;

    private CompletableFuture<Integer> run(final int size, final int failToStart, final String... options)
        throws Exception
    {
        return run(size, failToStart, -1, options);
    }

    private CompletableFuture<Integer> run(final int size, final int failToStart, final int ignoresTerm,
        final String... options) throws Exception
    {
        final ProcessLauncher launcher = spec ->
        {
            if (spec.rank() == failToStart)
            {
                throw new IOException("java: no such file");
            }
            final FakeRankProcess p = new FakeRankProcess(1000 + spec.rank(), spec.rank() == ignoresTerm);
            ranks.add(p);
            return p;
        };
        final ConsoleSink sink = new ConsoleSink(out, err, "9", false);
        supervisor = new JobSupervisor(new RankSpawner(launcher, "java", java.nio.file.Path.of("lib")), sink,
            Duration.ofMillis(300));
        final LaunchOptions o = new LaunchOptionsParser(Map.of()).parse(options);
        final JobPlan plan = new JobPlan(o, "9", size, "M", new JobRendezvous(
            new RendezvousPoint(RendezvousAddress.parse("127.0.0.1:1"), "t"), null),
            map != null ? map : RankMap.local(size, "hostA"),
            Map.of());
        final CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return supervisor.run(plan);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        final int expected = failToStart >= 0 ? failToStart : size;
        while (ranks.size() < expected && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(expected, ranks.size());
        return status;
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldExitZeroWithoutBannerWhenAllRanksExitZero() throws Exception
    {
        final CompletableFuture<Integer> status = run(3, -1, "M");
        ranks.get(1).println("hello from 1");
        ranks.forEach(r -> r.exit(0));
        assertEquals(0, status.get(5, TimeUnit.SECONDS));
        assertEquals("hello from 1\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err());
        ranks.forEach(r -> assertEquals(0, r.terms.get()));
    }

    @Test
    void shouldTerminateTheOthersAndReturnTheFailingStatus() throws Exception
    {
        final CompletableFuture<Integer> status = run(3, -1, "M");
        ranks.get(1).println("last words");
        ranks.get(1).exit(3);
        assertEquals(3, status.get(5, TimeUnit.SECONDS));
        assertEquals(1, ranks.get(0).terms.get());
        assertEquals(1, ranks.get(2).terms.get());
        assertTrue(err().contains("mpirun noticed that process rank 1 with PID 1001 on node hostA exited with "
            + "status 3."), err());
        assertEquals(1, err().split("mpirun noticed", -1).length - 1, "exactly one banner:\n" + err());
        assertEquals("last words\n", out.toString(StandardCharsets.UTF_8), "output before the banner is kept");
    }

    @Test
    void shouldKillARankThatIgnoresSigtermAfterTheGrace() throws Exception
    {
        final CompletableFuture<Integer> status = run(2, -1, 0, "M");
        final long start = System.nanoTime();
        ranks.get(1).exit(5);
        assertEquals(5, status.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "SIGKILL waits for the grace");
        assertEquals(1, ranks.get(0).terms.get());
        assertEquals(1, ranks.get(0).kills.get());
    }

    @Test
    void shouldNameTheUncaughtExceptionInTheBanner() throws Exception
    {
        final CompletableFuture<Integer> status = run(2, -1, "M");
        supervisor.onFailure(1, "java.lang.IllegalStateException", "boom", "app.M.main(M.java:7)");
        ranks.get(1).exit(1);
        assertEquals(1, status.get(5, TimeUnit.SECONDS));
        assertTrue(err().contains("mpirun noticed that process rank 1 with PID 1001 on node hostA exited on an "
            + "uncaught exception: java.lang.IllegalStateException: boom" + System.lineSeparator()
            + "    at app.M.main(M.java:7)"), err());
    }

    @Test
    void shouldReturnTheAbortCodeAndKillEveryRank() throws Exception
    {
        final CompletableFuture<Integer> status = run(3, -1, "M");
        supervisor.onAbort(2, 42, "bad input");
        assertEquals(42, status.get(5, TimeUnit.SECONDS));
        ranks.forEach(r -> assertEquals(1, r.terms.get()));
        assertTrue(err().contains("MPI_ABORT was invoked on rank 2 in communicator MPI_COMM_WORLD with errorcode 42."
            + System.lineSeparator() + "Rank 2 (PID 1002 on node hostA) gave the reason: bad input"), err());
        assertFalse(err().contains("mpirun noticed"), "killed ranks get no banner of their own:\n" + err());
    }

    @Test
    void shouldNameTheSignalOfARankKilledFromOutside() throws Exception
    {
        final CompletableFuture<Integer> status = run(2, -1, "M");
        ranks.get(0).exit(137);
        assertEquals(137, status.get(5, TimeUnit.SECONDS));
        assertTrue(err().contains("mpirun noticed that process rank 0 with PID 1000 on node hostA exited on signal 9 "
            + "(Killed)."), err());
    }

    @Test
    void shouldReturn110WhenTheTimeLimitExpires() throws Exception
    {
        final long start = System.nanoTime();
        final CompletableFuture<Integer> status = run(2, -1, "--timeout", "1", "M");
        assertEquals(110, status.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(1));
        assertTrue(err().contains("mpirun: job 9 reached its time limit of 1 s"), err());
        ranks.forEach(r -> assertEquals(1, r.terms.get()));
    }

    @Test
    void shouldStopTheStartedRanksWhenOneCannotStart() throws Exception
    {
        final CompletableFuture<Integer> status = run(3, 1, "M");
        assertEquals(1, status.get(5, TimeUnit.SECONDS));
        assertEquals(1, ranks.size(), "no rank is started after a failure");
        assertEquals(1, ranks.get(0).terms.get());
        assertTrue(err().contains("mpirun was unable to start rank 1: java: no such file"), err());
    }

    @Test
    void shouldTerminateEveryRankWhenMpirunIsSignalled() throws Exception
    {
        final CompletableFuture<Integer> status = run(2, -1, "M");
        supervisor.terminateFromSignal();
        ranks.forEach(r -> assertEquals(1, r.terms.get()));
        assertEquals(1, status.get(5, TimeUnit.SECONDS));
        assertTrue(err().contains("mpirun: received a termination signal; killing 2 running rank(s) of job 9."), err());
        assertFalse(err().contains("mpirun noticed"), err());
    }

    @Test
    void shouldNameTheNodeOfTheFailingRankInTheBanner() throws Exception
    {
        map = RankMap.of(List.of(new HostEntry("ns-a", 1, "-H entry 1"), new HostEntry("ns-b", 1, "-H entry 2")), 2,
            MapBy.SLOT, h -> RankMap.Reach.AGENT);
        final CompletableFuture<Integer> status = run(2, -1, "-vv", "M");
        ranks.get(1).exit(3);
        ranks.get(0).exit(0);
        assertEquals(3, status.get(5, TimeUnit.SECONDS));
        assertTrue(err().contains(
            "mpirun noticed that process rank 1 with PID 1001 on node ns-b exited with status 3."), err());
        assertTrue(err().contains("rank 0 started with PID 1000 on node ns-a"), err());
    }
}
