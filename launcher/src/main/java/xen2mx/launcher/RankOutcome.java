package xen2mx.launcher;

import xen2mx.boot.JobBootstrap;

/**
 * How one rank ended.
 *
 * @param rank             the world rank.
 * @param status           its exit status ({@code 128 + n} after signal n).
 * @param killedByLauncher true when it died of mpirun's own SIGTERM or SIGKILL while the job was torn down, so its
 *                         status says nothing about the program.
 */
public record RankOutcome(int rank, int status, boolean killedByLauncher)
{
    /** The status of an ssh client that was signalled or lost its connection. */
    public static final int SSH_ERROR_STATUS = 255;

    /**
     * @param rank      the world rank.
     * @param status    its exit status.
     * @param signalled whether mpirun had sent it SIGTERM/SIGKILL before it exited.
     * @return the outcome; a signalled rank still counts as failing on its own when its status is not the one
     *         mpirun's signals produce (143 or 137), e.g. it reached {@code System.exit(4)} at the same moment.
     */
    public static RankOutcome of(final int rank, final int status, final boolean signalled)
    {
        return of(rank, status, signalled, false);
    }

    /**
     * @param rank      the world rank.
     * @param status    its exit status (for a remote rank, its ssh's).
     * @param signalled whether mpirun had ended it before it exited.
     * @param remote    true for a rank started over ssh: ending it also gives ssh's own status on a signal (255)
     *                  and the status of a rank whose control connection mpirun closed
     *                  ({@link JobBootstrap#LAUNCHER_LOST_EXIT_STATUS}).
     * @return the outcome.
     */
    public static RankOutcome of(final int rank, final int status, final boolean signalled, final boolean remote)
    {
        final boolean teardownStatus = status == 128 + 15 || status == 128 + 9
            || remote && (status == SSH_ERROR_STATUS || status == JobBootstrap.LAUNCHER_LOST_EXIT_STATUS);
        return new RankOutcome(rank, status, signalled && teardownStatus);
    }
}
