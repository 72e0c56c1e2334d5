package mpi;

/**
 * An intra-communicator: one group whose processes talk among themselves.
 */
public class Intracomm extends Comm
{
    /** Reserved tag of the barrier's messages on the collective context. */
    private static final int BARRIER_TAG = 1;
    private static final byte[] EMPTY = new byte[0];

    Intracomm(final Group group, final int contextBase)
    {
        super(group, contextBase);
    }

    /**
     * Java binding of {@code MPI_BARRIER}: the dissemination algorithm, ceil(log2 n) rounds of zero-byte messages;
     * in round k each rank signals rank + 2^k and waits for rank - 2^k (mod n).
     */
    public void Barrier()
    {
        checkUsable();
        final int size = group.Size();
        for (int distance = 1; distance < size; distance <<= 1)
        {
            final int to = (myRank + distance) % size;
            final int from = (myRank - distance + size) % size;
            final Operation recv = startRecv(EMPTY, 0, 0, MPI.BYTE, from, BARRIER_TAG, COLLECTIVE);
            startSend(EMPTY, 0, 0, MPI.BYTE, to, BARRIER_TAG, SendMode.STANDARD, COLLECTIVE).await();
            recv.await();
        }
    }
}
