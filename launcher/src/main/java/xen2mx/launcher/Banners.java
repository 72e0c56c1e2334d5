package xen2mx.launcher;

/**
 * Every failure text mpirun prints, in one place. The line starting {@code mpirun noticed} or
 * {@code MPI_ABORT was invoked} is a stable interface (scripts grep it); its wording changes only with a
 * documented reason. Each banner is framed by rule lines.
 */
public final class Banners
{
    private static final String RULE = "-".repeat(74);

    private Banners()
    {
    }

    /**
     * @param rank   the rank.
     * @param pid    its pid.
     * @param host   its host.
     * @param signal the signal that ended it.
     * @return {@code mpirun noticed that process rank 1 with PID 1234 on node h exited on signal 9 (Killed).}
     */
    public static String signalled(final int rank, final long pid, final String host, final int signal)
    {
        return frame(noticed(rank, pid, host) + " exited on signal " + signal + " (" + Signals.describe(signal) + ").");
    }

    /**
     * @param rank      the rank.
     * @param pid       its pid.
     * @param host      its host.
     * @param status    its exit status.
     * @param finalized whether it had completed MPI_Finalize.
     * @return {@code mpirun noticed that process rank 1 with PID 1234 on node h exited with status 3.}
     */
    public static String exited(final int rank, final long pid, final String host, final int status,
        final boolean finalized)
    {
        return frame(noticed(rank, pid, host) + " exited with status " + status
            + (finalized ? " after MPI_Finalize." : "."));
    }

    /**
     * @param rank           the rank.
     * @param pid            its pid.
     * @param host           its host.
     * @param exceptionClass the exception's class.
     * @param message        its message, possibly null.
     * @param firstFrame     its top frame, possibly null.
     * @return {@code mpirun noticed that process rank 1 with PID 1234 on node h exited on an uncaught exception:
     *         java.lang.IllegalStateException: boom} and the frame on the next line.
     */
    public static String uncaught(final int rank, final long pid, final String host, final String exceptionClass,
        final String message, final String firstFrame)
    {
        return frame(noticed(rank, pid, host) + " exited on an uncaught exception: " + exceptionClass
            + (message == null ? "" : ": " + message)
            + (firstFrame == null ? "" : System.lineSeparator() + "    at " + firstFrame));
    }

    /**
     * @param rank   the rank.
     * @param pid    its pid.
     * @param host   its host.
     * @param code   the error code.
     * @param reason the reason, possibly null.
     * @return {@code MPI_ABORT was invoked on rank 0 in communicator MPI_COMM_WORLD with errorcode 3.} and a line
     *         naming pid, host and reason.
     */
    public static String aborted(final int rank, final long pid, final String host, final int code,
        final String reason)
    {
        return frame("MPI_ABORT was invoked on rank " + rank + " in communicator MPI_COMM_WORLD with errorcode " + code
            + "." + System.lineSeparator() + "Rank " + rank + " (PID " + pid + " on node " + host + ")"
            + (reason == null || reason.isEmpty() ? " gave no reason." : " gave the reason: " + reason));
    }

    /**
     * @param jobId   the job.
     * @param seconds the limit.
     * @param live    ranks still running.
     * @return the time-limit banner.
     */
    public static String timedOut(final String jobId, final int seconds, final int live)
    {
        return frame("mpirun: job " + jobId + " reached its time limit of " + seconds + " s (--timeout or "
            + LaunchContext.TIMEOUT_ENV + "); killing " + live + " running rank(s); exit status "
            + ExitStatus.TIMEOUT + ".");
    }

    /**
     * @param rank  the rank.
     * @param cause why it could not start.
     * @return the launch-failure banner.
     */
    public static String launchFailed(final int rank, final String cause)
    {
        return frame("mpirun was unable to start rank " + rank + ": " + cause);
    }

    /**
     * @param jobId the job.
     * @param live  ranks still running.
     * @return the line printed when mpirun itself is told to stop.
     */
    public static String interrupted(final String jobId, final int live)
    {
        return "mpirun: received a termination signal; killing " + live + " running rank(s) of job " + jobId + ".";
    }

    /**
     * @param message what is wrong with the command line.
     * @return the usage error: one line, then the message's detail lines if any.
     */
    public static String usage(final String message)
    {
        final int nl = message.indexOf('\n');
        final String first = nl < 0 ? message : message.substring(0, nl).stripTrailing();
        return "mpirun: " + first + " (see mpirun --help)" + (nl < 0 ? "" : message.substring(nl));
    }

    private static String noticed(final int rank, final long pid, final String host)
    {
        return "mpirun noticed that process rank " + rank + " with PID " + pid + " on node " + host;
    }

    private static String frame(final String text)
    {
        final String nl = System.lineSeparator();
        return RULE + nl + text + nl + RULE;
    }
}
