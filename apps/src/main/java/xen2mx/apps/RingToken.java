package xen2mx.apps;

/**
 * The arithmetic of {@link Ring}: on every lap each rank {@code r} adds {@code r + 1} to the token, so after
 * {@code laps} laps of a ring of {@code size} ranks the token is {@code laps * size * (size + 1) / 2}.
 */
public final class RingToken
{
    private RingToken()
    {
    }

    /**
     * @param rank a rank
     * @return what that rank adds to the token on each pass
     */
    public static long contribution(final int rank)
    {
        return rank + 1L;
    }

    /**
     * @param size the number of ranks, at least 1
     * @param laps the number of laps, at least 0
     * @return the token rank 0 must hold after the last lap
     */
    public static long expected(final int size, final int laps)
    {
        return (long)laps * size * (size + 1) / 2;
    }

    /**
     * @param rank a rank
     * @param size the number of ranks
     * @return the next rank clockwise
     */
    public static int next(final int rank, final int size)
    {
        return (rank + 1) % size;
    }

    /**
     * @param rank a rank
     * @param size the number of ranks
     * @return the previous rank
     */
    public static int previous(final int rank, final int size)
    {
        return (rank + size - 1) % size;
    }
}
