package xen2mx.coll;

/**
 * What collective algorithms need from the point-to-point layer: ranks of one communicator, and messages on its
 * collective context (which never matches point-to-point traffic) addressed by rank and tag.
 *
 * <p>A message is a run of elements of one Java array ({@code byte[]} ... {@code double[]}, or {@code Object[]});
 * the transport turns it into bytes (packing, or serializing objects) and back. Messages between one pair of ranks
 * with one tag are received in the order they were sent (MPI's non-overtaking rule); algorithms rely on it.
 */
public interface CollTransport
{
    /** @return this process's rank, {@code 0 <= rank() < size()} */
    int rank();

    /** @return the number of ranks */
    int size();

    /**
     * Starts sending {@code count} elements of {@code array} from index {@code offset} to rank {@code dest}.
     * The elements must not change until the returned handle completes.
     */
    Pending send(int dest, int tag, Object array, int offset, int count);

    /**
     * Starts receiving at most {@code count} elements from rank {@code source} into {@code array} from index
     * {@code offset}; the elements are valid once the returned handle completes.
     */
    Pending recv(int source, int tag, Object array, int offset, int count);

    /** A started send or receive. */
    interface Pending
    {
        /** Blocks, driving progress, until the transfer is complete; rethrows its failure. */
        void await();
    }

    /**
     * @return a fresh array holding {@code count} elements of {@code array} from {@code offset} as a message to
     * oneself would deliver them: objects are copies, so that an operation updating them in place updates one
     * copy only. This default copies references, which suits immutable elements.
     */
    default Object duplicate(final Object array, final int offset, final int count)
    {
        return ElementArrays.copyOf(array, offset, count);
    }

    /** Sends to {@code dest} and receives from {@code source} at once (no order between the two), then waits. */
    default void sendRecv(final int dest, final int tag, final Object sendArray, final int sendOffset,
        final int sendCount, final int source, final Object recvArray, final int recvOffset, final int recvCount)
    {
        final Pending recv = recv(source, tag, recvArray, recvOffset, recvCount);
        send(dest, tag, sendArray, sendOffset, sendCount).await();
        recv.await();
    }
}
