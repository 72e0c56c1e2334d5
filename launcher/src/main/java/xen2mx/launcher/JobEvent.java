package xen2mx.launcher;

/** What the supervisor reacts to, in arrival order. */
sealed interface JobEvent
{
    /**
     * @param rank   the rank.
     * @param status its exit status.
     */
    record Exited(int rank, int status) implements JobEvent
    {
    }

    /**
     * @param rank   the rank.
     * @param code   the MPI_Abort code.
     * @param reason the reason, possibly null.
     */
    record Aborted(int rank, int code, String reason) implements JobEvent
    {
    }

    /**
     * @param rank           the rank.
     * @param exceptionClass the uncaught exception's class.
     * @param message        its message, possibly null.
     * @param firstFrame     its top frame, possibly null.
     */
    record Failed(int rank, String exceptionClass, String message, String firstFrame) implements JobEvent
    {
    }

    /** @param rank the rank that completed MPI_Finalize. */
    record Finalized(int rank) implements JobEvent
    {
    }
}
