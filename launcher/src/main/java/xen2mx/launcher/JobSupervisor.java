package xen2mx.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Starts a job's ranks, forwards their output, and decides when and how the job ends.
 *
 * <p>Rules: the first rank failure (non-zero exit, signal, uncaught exception, MPI_Abort) or the time limit
 * prints one banner ({@link Banners}) and tears the job down: SIGTERM to every running rank and its
 * descendants, SIGKILL after {@link LaunchContext#KILL_GRACE}. {@link #run(JobPlan)} returns once every rank has
 * exited and its output has drained (bounded), with the status of {@link ExitStatus}. Events are handled on the
 * calling thread in arrival order; a rank's report (abort, exception) always precedes its exit because the rank
 * waits for the report's ACK before exiting. {@link #terminateFromSignal()} may be called from a shutdown hook.
 */
public final class JobSupervisor implements RankEventListener
{
    private static final Duration EXIT_AFTER_KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final long BANNER_OUTPUT_WAIT_MILLIS = 1_000;

    private final RankSpawner spawner;
    private final ConsoleSink sink;
    private final Duration killGrace;
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private AtomicReferenceArray<RankProcess> processes = new AtomicReferenceArray<>(0);
    private volatile AtomicLongArray reportedPids = new AtomicLongArray(0);
    private volatile boolean stopping;
    private volatile boolean finished;

    private volatile JobPlan plan;
    private OutputForwarder[][] forwarders;
    private Integer[] statuses;
    private boolean[] signalled;
    private boolean[] finalized;
    private JobEvent.Failed[] failures;
    private Integer abortCode;
    private boolean timedOut;
    private boolean launchFailed;
    private boolean tearingDown;
    private boolean killed;
    private long killDeadline;
    private int live;

    /**
     * @param spawner   starts ranks.
     * @param sink      mpirun's console.
     * @param killGrace time between SIGTERM and SIGKILL.
     */
    public JobSupervisor(final RankSpawner spawner, final ConsoleSink sink, final Duration killGrace)
    {
        this.spawner = spawner;
        this.sink = sink;
        this.killGrace = killGrace;
    }

    /**
     * Runs the job to its end.
     *
     * @param job the job.
     * @return mpirun's exit status.
     * @throws InterruptedException when the calling thread is interrupted.
     */
    public int run(final JobPlan job) throws InterruptedException
    {
        init(job);
        final long start = System.nanoTime();
        final long timeLimit = TimeUnit.SECONDS.toNanos(job.options().timeoutSeconds());
        for (int r = 0; r < job.size() && !tearingDown && !stopping; r++)
        {
            start(r);
        }
        long giveUp = Long.MAX_VALUE;
        while (live > 0)
        {
            final long now = System.nanoTime();
            long wakeAt = now + TimeUnit.SECONDS.toNanos(1);
            if (timeLimit > 0 && !tearingDown)
            {
                wakeAt = Math.min(wakeAt, start + timeLimit);
            }
            if (tearingDown && !killed)
            {
                wakeAt = Math.min(wakeAt, killDeadline);
            }
            final JobEvent event = events.poll(Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
            if (event != null)
            {
                handle(event);
            }
            final long after = System.nanoTime();
            if (timeLimit > 0 && !tearingDown && after - start >= timeLimit)
            {
                timedOut = true;
                sink.message(Banners.timedOut(job.jobId(), job.options().timeoutSeconds(), live));
                beginTeardown();
            }
            if (tearingDown && !killed && after - killDeadline >= 0)
            {
                killAll();
                giveUp = after + EXIT_AFTER_KILL_TIMEOUT.toNanos();
            }
            if (after - giveUp >= 0)
            {
                sink.message("mpirun: " + live + " rank(s) did not exit after SIGKILL; giving up on them.");
                break;
            }
        }
        drainOutput(LaunchContext.OUTPUT_DRAIN_TIMEOUT.toMillis());
        finished = true;
        sink.flush();
        return launchFailed && abortCode == null && !timedOut ? ExitStatus.FAILURE
            : ExitStatus.of(outcomes(), abortCode, timedOut);
    }

    /**
     * Ends the job because mpirun was told to stop (SIGINT, SIGTERM): SIGTERM to every rank, SIGKILL after the
     * grace, waiting at most grace + 1 s. Does nothing once {@link #run} has finished. Thread-safe.
     */
    public void terminateFromSignal()
    {
        stopping = true;
        if (finished)
        {
            return;
        }
        final List<RankProcess> running = running();
        sink.message(Banners.interrupted(plan == null ? "?" : plan.jobId(), running.size()));
        running.forEach(RankProcess::terminate);
        final long deadline = System.nanoTime() + killGrace.toNanos();
        for (final RankProcess p : running)
        {
            awaitExit(p, deadline);
        }
        running.forEach(RankProcess::kill);
        final long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (final RankProcess p : running)
        {
            awaitExit(p, killDeadline);
        }
        sink.flush();
    }

    @Override
    public void onAbort(final int rank, final int code, final String reason)
    {
        events.add(new JobEvent.Aborted(rank, code, reason));
    }

    @Override
    public void onFailure(final int rank, final String exceptionClass, final String message, final String firstFrame)
    {
        events.add(new JobEvent.Failed(rank, exceptionClass, message, firstFrame));
    }

    @Override
    public void onFinalized(final int rank)
    {
        events.add(new JobEvent.Finalized(rank));
    }

    private void init(final JobPlan job)
    {
        plan = job;
        final int n = job.size();
        processes = new AtomicReferenceArray<>(n);
        reportedPids = new AtomicLongArray(n);
        forwarders = new OutputForwarder[n][];
        statuses = new Integer[n];
        signalled = new boolean[n];
        finalized = new boolean[n];
        failures = new JobEvent.Failed[n];
    }

    private void start(final int rank)
    {
        final RankProcess p;
        try
        {
            p = spawner.spawn(plan, rank);
        }
        catch (final IOException ex)
        {
            sink.message(Banners.launchFailed(rank, ex.getMessage()));
            launchFailed = true;
            beginTeardown();
            return;
        }
        processes.set(rank, p);
        live++;
        forwarders[rank] = new OutputForwarder[] {
            new OutputForwarder(rank, OutputKind.STDOUT, p.stdout(), sink),
            new OutputForwarder(rank, OutputKind.STDERR, p.stderr(), sink)};
        for (final OutputForwarder f : forwarders[rank])
        {
            f.start();
        }
        p.onExit().whenComplete((status, error) -> events.add(new JobEvent.Exited(rank,
            status == null ? ExitStatus.FAILURE : status)));
        if (plan.options().verbosity() >= 2)
        {
            sink.message("mpirun: job " + plan.jobId() + " rank " + rank + " started with PID " + p.pid() + " on node "
                + node(rank));
        }
    }

    private void handle(final JobEvent event) throws InterruptedException
    {
        if (event instanceof JobEvent.Exited e)
        {
            statuses[e.rank()] = e.status();
            live--;
            if (e.status() != 0 && !tearingDown && !stopping)
            {
                waitForOutput(e.rank());
                sink.message(failureBanner(e.rank(), e.status()));
                beginTeardown();
            }
        }
        else if (event instanceof JobEvent.Aborted a)
        {
            if (abortCode == null)
            {
                abortCode = a.code();
            }
            if (!tearingDown && !stopping)
            {
                sink.message(Banners.aborted(a.rank(), pid(a.rank()), node(a.rank()), a.code(), a.reason()));
                beginTeardown();
            }
        }
        else if (event instanceof JobEvent.Failed f)
        {
            failures[f.rank()] = f;
        }
        else if (event instanceof JobEvent.Finalized f)
        {
            finalized[f.rank()] = true;
        }
    }

    private String failureBanner(final int rank, final int status)
    {
        final JobEvent.Failed f = failures[rank];
        if (f != null)
        {
            return Banners.uncaught(rank, pid(rank), node(rank), f.exceptionClass(), f.message(), f.firstFrame());
        }
        final int signal = Signals.signalOf(status);
        return signal != 0 ? Banners.signalled(rank, pid(rank), node(rank), signal)
            : Banners.exited(rank, pid(rank), node(rank), status, finalized[rank]);
    }

    private void beginTeardown()
    {
        if (tearingDown)
        {
            return;
        }
        tearingDown = true;
        killDeadline = System.nanoTime() + killGrace.toNanos();
        for (int r = 0; r < processes.length(); r++)
        {
            final RankProcess p = processes.get(r);
            if (p != null && statuses[r] == null)
            {
                signalled[r] = true;
                p.terminate();
            }
        }
    }

    private void killAll()
    {
        killed = true;
        for (int r = 0; r < processes.length(); r++)
        {
            final RankProcess p = processes.get(r);
            if (p != null && statuses[r] == null)
            {
                p.kill();
            }
        }
    }

    private List<RankOutcome> outcomes()
    {
        final List<RankOutcome> outcomes = new ArrayList<>();
        for (int r = 0; r < statuses.length; r++)
        {
            if (statuses[r] != null)
            {
                outcomes.add(RankOutcome.of(r, statuses[r], signalled[r] || stopping,
                    plan.map().placement(r).reach() == RankMap.Reach.SSH));
            }
        }
        return outcomes;
    }

    private List<RankProcess> running()
    {
        final List<RankProcess> running = new ArrayList<>();
        for (int r = 0; r < processes.length(); r++)
        {
            final RankProcess p = processes.get(r);
            if (p != null && !p.onExit().isDone())
            {
                running.add(p);
            }
        }
        return running;
    }

    private String node(final int rank)
    {
        return plan.map().placement(rank).node();
    }

    @Override
    public void onConnected(final int rank, final long pid)
    {
        reportedPids.set(rank, pid);
    }

    /** @return the pid the rank reported on its host, else the pid of the process mpirun started for it. */
    private long pid(final int rank)
    {
        final long reported = reportedPids.get(rank);
        if (reported > 0)
        {
            return reported;
        }
        final RankProcess p = processes.get(rank);
        return p == null ? -1 : p.pid();
    }

    private void waitForOutput(final int rank) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + BANNER_OUTPUT_WAIT_MILLIS;
        for (final OutputForwarder f : forwarders[rank])
        {
            f.join(deadline - System.currentTimeMillis());
        }
    }

    private void drainOutput(final long millis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + millis;
        for (final OutputForwarder[] pair : forwarders)
        {
            if (pair != null)
            {
                for (final OutputForwarder f : pair)
                {
                    f.join(deadline - System.currentTimeMillis());
                }
            }
        }
    }

    private static void awaitExit(final RankProcess p, final long deadlineNanos)
    {
        try
        {
            p.onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final Exception ignored)
        {
            // still running or interrupted: the caller escalates
        }
    }
}
