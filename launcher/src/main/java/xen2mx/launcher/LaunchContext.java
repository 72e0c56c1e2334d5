package xen2mx.launcher;

import java.time.Duration;

import xen2mx.boot.JobEnvironment;

/**
 * Names and defaults of the launcher: environment variables it reads, system properties the scripts set, and
 * fixed timings. The variables every rank sees are named in {@link JobEnvironment}.
 */
public final class LaunchContext
{
    /** System property set by {@code bin/mpirun}: the directory holding every runtime jar. */
    public static final String RUNTIME_LIB_PROPERTY = "xen2mx.runtime.lib";
    /** Seconds after which the job is aborted with status 110, when {@code --timeout} is not given. */
    public static final String TIMEOUT_ENV = "MPIEXEC_TIMEOUT";
    /** {@code 1}, {@code true} or {@code yes}: allow more ranks than slots, like {@code --oversubscribe}. */
    public static final String OVERSUBSCRIBE_ENV = "X2MX_OVERSUBSCRIBE";
    /** The user's classpath when {@code -cp} is not given, as for {@code java}. */
    public static final String CLASSPATH_ENV = "CLASSPATH";
    /** The class every rank JVM runs. */
    public static final String RANK_MAIN_CLASS = "xen2mx.boot.RankMain";
    /** Classpath resource mapping bundled program names to classes, e.g. {@code osu_latency=...OsuLatency}. */
    public static final String COMMANDS_RESOURCE = "META-INF/xen2mx/commands.properties";
    /** MCA parameter set by {@code --btl}. */
    public static final String BTL_PARAMETER = "btl";
    /** Interval of the launcher's heartbeats to the ranks. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** Time between SIGTERM and SIGKILL when the job is torn down. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** How long a connection may take to present a valid HELLO. */
    public static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    /** How long mpirun waits for a finished rank's output to drain. */
    public static final Duration OUTPUT_DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private LaunchContext()
    {
    }
}
