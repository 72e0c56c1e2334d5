package xen2mx.boot;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A rank's bootstrap: its place in the job and its connection to the launcher's rendezvous service.
 *
 * <p>Lifecycle: {@link #current()} connects once per process (the launcher's {@code RankMain} does it before the
 * user's main runs, {@code MPI.Init} gets the same instance). While connected, a daemon watchdog ends the JVM
 * with {@link #LAUNCHER_LOST_EXIT_STATUS} after printing one line on stderr when the launcher goes away (EOF,
 * or no heartbeat for {@link ControlFrameDescriptor#MISSED_HEARTBEATS} intervals), so no rank outlives a killed
 * {@code mpirun}. {@link #close()} ends the connection and the watchdog without ending the JVM.
 *
 * <p>Thread-safety: all methods are thread-safe; {@link #allgather(byte[])} calls are serialised.
 */
public final class JobBootstrap implements AutoCloseable
{
    /** Exit status of a rank that lost its launcher. */
    public static final int LAUNCHER_LOST_EXIT_STATUS = 99;
    /** MCA parameter: the all-gather timeout in seconds ({@code --mca boot_allgather_timeout 120}). */
    public static final String ALLGATHER_TIMEOUT_PARAMETER = "boot_allgather_timeout";
    /** Default all-gather timeout. */
    public static final Duration DEFAULT_ALLGATHER_TIMEOUT = Duration.ofSeconds(60);

    private static final long ACK_TIMEOUT_MILLIS = 5_000;
    private static final long PENDING_QUERY_TIMEOUT_MILLIS = 2_000;
    private static final Object CURRENT_LOCK = new Object();
    private static JobBootstrap current;
    private static boolean resolved;

    private final JobEnvironment env;
    private final LauncherLink link;
    private final Duration allgatherTimeout;
    private final Object allgatherLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private int nextSequence;

    private JobBootstrap(final JobEnvironment env, final LauncherLink link, final Duration allgatherTimeout)
    {
        this.env = env;
        this.link = link;
        this.allgatherTimeout = allgatherTimeout;
    }

    /**
     * The process's bootstrap: connected to the launcher when started by mpirun, or null when the program runs on
     * its own (a one-rank "singleton" world). Idempotent: every call returns the same instance.
     *
     * @return the bootstrap, or null when {@link JobEnvironment#RENDEZVOUS} is not set.
     * @throws IllegalStateException when the process was launched but its environment is malformed or the
     *                               launcher cannot be reached (the message names the variable or address); a later
     *                               call tries again.
     */
    public static JobBootstrap current()
    {
        synchronized (CURRENT_LOCK)
        {
            if (!resolved)
            {
                final JobEnvironment env = JobEnvironment.fromEnvironment(System.getenv());
                current = env == null ? null : connect(env, mcaParameters(), JobBootstrap::haltOnLauncherLoss);
                resolved = true;
            }
            return current;
        }
    }

    /**
     * Connects a bootstrap; {@link #current()} is the public way in.
     *
     * @param env         the job environment.
     * @param mca         the MCA parameters (for {@link #ALLGATHER_TIMEOUT_PARAMETER}).
     * @param lossHandler what to do when the launcher goes away.
     * @return the connected bootstrap.
     * @throws IllegalStateException when the launcher cannot be reached or a parameter is malformed.
     */
    static JobBootstrap connect(final JobEnvironment env, final Map<String, String> mca,
        final LauncherLossHandler lossHandler)
    {
        final Duration timeout = allgatherTimeout(mca);
        try
        {
            return new JobBootstrap(env, LauncherLink.open(env, lossHandler), timeout);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    /**
     * MCA parameters from {@code X2MX_MCA_<key>} environment variables (keys without the prefix), e.g.
     * {@code "btl" -> "self,tcp"}. Also available without a launcher.
     *
     * @return an unmodifiable map sorted by key.
     */
    public static Map<String, String> mcaParameters()
    {
        return Collections.unmodifiableMap(JobEnvironment.mcaParameters(System.getenv()));
    }

    /** @return the verbosity from {@code mpirun -v} / {@code -vv} ({@link JobEnvironment#VERBOSE}), 0 by default. */
    public static int verbosity()
    {
        return JobEnvironment.verbosity(System.getenv());
    }

    /** @return this process's rank in MPI_COMM_WORLD. */
    public int rank()
    {
        return env.rank();
    }

    /** @return the size of MPI_COMM_WORLD. */
    public int size()
    {
        return env.size();
    }

    /** @return this process's rank among the job's ranks on this host. */
    public int localRank()
    {
        return env.localRank();
    }

    /** @return the number of the job's ranks on this host. */
    public int localSize()
    {
        return env.localSize();
    }

    /** @return the launcher's job id, safe to use in file names. */
    public String jobId()
    {
        return env.jobId();
    }

    /**
     * All-gather through the launcher's rendezvous service, with the configured timeout
     * ({@link #ALLGATHER_TIMEOUT_PARAMETER}, default {@link #DEFAULT_ALLGATHER_TIMEOUT}).
     *
     * @param mine this rank's bytes (copied).
     * @return every rank's bytes, index = rank.
     * @throws IOException when the connection fails, or on timeout naming the ranks that never published.
     * @see #allgather(byte[], Duration)
     */
    public byte[][] allgather(final byte[] mine) throws IOException
    {
        return allgather(mine, allgatherTimeout);
    }

    /**
     * All-gather through the launcher: publishes this rank's bytes, returns every rank's. Every rank must make
     * the same number of calls; the n-th call of each rank is matched with the n-th call of the others. Calls are
     * serialised within the process.
     *
     * @param mine    this rank's bytes (copied).
     * @param timeout how long to wait for the other ranks.
     * @return every rank's bytes, index = rank.
     * @throws IOException when the connection fails, or on timeout; then the message names the ranks that never
     *                     published, and this sequence number is abandoned.
     */
    public byte[][] allgather(final byte[] mine, final Duration timeout) throws IOException
    {
        synchronized (allgatherLock)
        {
            final int sequence = nextSequence++;
            link.send(new ControlMessage.AllgatherPut(sequence, mine.clone()));
            try
            {
                final byte[][] all = link.awaitResult(sequence, timeout.toMillis());
                if (all != null)
                {
                    return all;
                }
                link.send(new ControlMessage.AllgatherQuery(sequence));
                final int[] missing = link.awaitPending(sequence, PENDING_QUERY_TIMEOUT_MILLIS);
                throw new IOException("all-gather #" + sequence + " timed out after " + timeout.toMillis()
                    + " ms; ranks that never published: " + (missing == null ? "unknown (mpirun did not answer)"
                    : Arrays.stream(missing).mapToObj(Integer::toString).collect(Collectors.joining(", "))));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted in all-gather #" + sequence, ex);
            }
        }
    }

    /**
     * MPI_Abort: tells the launcher (which prints the banner, kills the other ranks and exits with {@code code}),
     * waits a bounded time for the launcher to record it, then halts this JVM with {@code code} without running
     * shutdown hooks. Never returns.
     *
     * @param code   the error code.
     * @param reason a human-readable reason, may be null.
     */
    public void abort(final int code, final String reason)
    {
        report(new ControlMessage.Abort(code, reason));
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    /** The rank reached MPI_Finalize cleanly; returns once the launcher recorded it (bounded wait). */
    public void finalized()
    {
        report(new ControlMessage.Finalized());
    }

    /**
     * Reports an uncaught exception; returns once the launcher recorded it (bounded wait).
     *
     * @param failure the exception that ended the user's main.
     */
    void reportFailure(final Throwable failure)
    {
        final StackTraceElement[] trace = failure.getStackTrace();
        reportFailure(failure.getClass().getName(), failure.getMessage(), trace.length == 0 ? null : trace[0].toString());
    }

    /**
     * Reports a failure that is not an exception of the user's; returns once the launcher recorded it.
     *
     * @param exceptionClass what failed, as a class name.
     * @param message        the message.
     * @param firstFrame     where, or null.
     */
    void reportFailure(final String exceptionClass, final String message, final String firstFrame)
    {
        report(new ControlMessage.Failure(exceptionClass, message, firstFrame));
    }

    /** Closes the connection and stops the watchdog; the JVM keeps running. Idempotent. */
    @Override
    public void close()
    {
        if (closed.compareAndSet(false, true))
        {
            link.close();
        }
    }

    /** @return the rank's place in the job, without the secret. */
    @Override
    public String toString()
    {
        return "JobBootstrap[" + env + "]";
    }

    private void report(final ControlMessage message)
    {
        try
        {
            link.send(message);
            link.awaitAck(message.type(), ACK_TIMEOUT_MILLIS);
        }
        catch (final IOException ex)
        {
            System.err.println("x2mx rank " + env.rank() + ": could not tell mpirun (" + ex.getMessage() + ")");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration allgatherTimeout(final Map<String, String> mca)
    {
        final String value = mca.get(ALLGATHER_TIMEOUT_PARAMETER);
        if (value == null)
        {
            return DEFAULT_ALLGATHER_TIMEOUT;
        }
        try
        {
            final long seconds = Long.parseLong(value.trim());
            if (seconds > 0)
            {
                return Duration.ofSeconds(seconds);
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below with the variable's name
        }
        throw new IllegalStateException(JobEnvironment.MCA_PREFIX + ALLGATHER_TIMEOUT_PARAMETER + "=" + value
            + " is not a positive number of seconds");
    }

    private static void haltOnLauncherLoss(final String why)
    {
        final JobEnvironment env = JobEnvironment.fromEnvironment(System.getenv());
        System.err.println("x2mx rank " + env.rank() + " (pid " + ProcessHandle.current().pid()
            + "): lost contact with mpirun at " + env.rendezvousAddress() + " (" + why + "); exiting with status "
            + LAUNCHER_LOST_EXIT_STATUS);
        System.err.flush();
        Runtime.getRuntime().halt(LAUNCHER_LOST_EXIT_STATUS);
    }
}
