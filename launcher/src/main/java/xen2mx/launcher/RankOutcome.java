package xen2mx.launcher;

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
    /**
     * @param rank      the world rank.
     * @param status    its exit status.
     * @param signalled whether mpirun had sent it SIGTERM/SIGKILL before it exited.
     * @return the outcome; a signalled rank still counts as failing on its own when its status is not the one
     *         mpirun's signals produce (143 or 137), e.g. it reached {@code System.exit(4)} at the same moment.
     */
    public static RankOutcome of(final int rank, final int status, final boolean signalled)
    {
        return new RankOutcome(rank, status, signalled && (status == 128 + 15 || status == 128 + 9));
    }
}
