package xen2mx.launcher;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * mpirun's exit status, by Open MPI's rules, in this order:
 * <ol>
 *   <li>{@link #TIMEOUT} (110, ETIMEDOUT) when {@code --timeout} expired;</li>
 *   <li>the code of the first MPI_Abort, reduced to 8 bits; a code whose low 8 bits are 0 gives 1, so an abort
 *       never looks like success;</li>
 *   <li>the status of the lowest rank that failed on its own (non-zero status, not killed by mpirun);</li>
 *   <li>{@link #FAILURE} when ranks only failed because mpirun ended them (e.g. mpirun was interrupted);</li>
 *   <li>0.</li>
 * </ol>
 * Refusals before any rank starts (bad command line, not enough slots, no runtime) use {@link #USAGE}; a rank
 * that cannot be started uses {@link #FAILURE}.
 */
public final class ExitStatus
{
    /** Everything went well. */
    public static final int SUCCESS = 0;
    /** A launch or job failure without a more specific status. */
    public static final int FAILURE = 1;
    /** The job was refused before any rank started: bad command line or environment, not enough slots. */
    public static final int USAGE = 2;
    /** {@code --timeout} / {@code MPIEXEC_TIMEOUT} expired (ETIMEDOUT on Linux). */
    public static final int TIMEOUT = 110;

    private ExitStatus()
    {
    }

    /**
     * @param outcomes  every rank's outcome.
     * @param abortCode the code of the first MPI_Abort, or null when none.
     * @param timedOut  whether the time limit expired.
     * @return mpirun's exit status.
     */
    public static int of(final List<RankOutcome> outcomes, final Integer abortCode, final boolean timedOut)
    {
        if (timedOut)
        {
            return TIMEOUT;
        }
        if (abortCode != null)
        {
            final int low = abortCode & 0xff;
            return low == 0 ? FAILURE : low;
        }
        final Optional<RankOutcome> firstFailure = outcomes.stream()
            .filter(o -> o.status() != 0 && !o.killedByLauncher())
            .min(Comparator.comparingInt(RankOutcome::rank));
        if (firstFailure.isPresent())
        {
            return firstFailure.get().status();
        }
        return outcomes.stream().anyMatch(o -> o.status() != 0) ? FAILURE : SUCCESS;
    }
}
