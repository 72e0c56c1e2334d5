package xen2mx.launcher;

/**
 * How one rank ended.
 *
 * @param rank             the world rank.
 * @param status           its exit status ({@code 128 + n} after signal n).
 * @param killedByLauncher true when mpirun had already signalled it to end the job before it exited, so its
 *                         status says nothing about the program.
 */
public record RankOutcome(int rank, int status, boolean killedByLauncher)
{
}
