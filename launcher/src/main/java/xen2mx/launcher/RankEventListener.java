package xen2mx.launcher;

/**
 * What the rendezvous service reports from the ranks' control connections. Called on connection threads; each
 * call returns before the rank gets its ACK, so a rank's exit is always seen after its report.
 */
public interface RankEventListener
{
    /**
     * @param rank   the rank that called MPI_Abort.
     * @param code   its error code.
     * @param reason its reason, possibly null.
     */
    void onAbort(int rank, int code, String reason);

    /**
     * @param rank           the rank whose main threw.
     * @param exceptionClass the exception's class.
     * @param message        its message, possibly null.
     * @param firstFrame     its top stack frame, possibly null.
     */
    void onFailure(int rank, String exceptionClass, String message, String firstFrame);

    /** @param rank the rank that completed MPI_Finalize. */
    void onFinalized(int rank);

    /**
     * A rank's control connection was admitted.
     *
     * @param rank the rank.
     * @param pid  its process id on its own host, as it reported it.
     */
    default void onConnected(final int rank, final long pid)
    {
    }
}
