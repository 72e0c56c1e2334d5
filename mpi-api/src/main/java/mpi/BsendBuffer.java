package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * Accounting of the space attached with {@link MPI#Buffer_attach}: a buffered send reserves its packed size plus
 * {@link MPI#BSEND_OVERHEAD} and releases it when the underlying send completes. The data itself is held in a
 * private copy. Thread-safe.
 */
final class BsendBuffer
{
    private final List<Pending> pending = new ArrayList<>();
    private long capacity = -1;
    private long used;

    synchronized void attach(final long bytes)
    {
        if (capacity >= 0)
        {
            throw new MPIException(MPI.ERR_BUFFER, "a buffer is already attached (call MPI.Buffer_detach first)");
        }
        capacity = bytes;
    }

    /** One buffered send in flight and the space it holds. */
    private record Pending(Operation send, long bytes)
    {
    }

    /**
     * Reserves space for one buffered send, or says why there is none.
     *
     * @return the bytes reserved, to hand back to {@link #track}.
     */
    synchronized long reserve(final long bytes)
    {
        sweep();
        final long needed = bytes + MPI.BSEND_OVERHEAD;
        if (capacity < 0)
        {
            throw new MPIException(MPI.ERR_BUFFER, "Bsend of " + bytes + " bytes with no buffer attached: call "
                + "MPI.Buffer_attach(ByteBuffer.allocateDirect(size)) with room for each message + MPI.BSEND_OVERHEAD");
        }
        if (used + needed > capacity)
        {
            throw new MPIException(MPI.ERR_BUFFER, "Bsend of " + bytes + " bytes does not fit: attached buffer of "
                + capacity + " bytes has " + (capacity - used) + " free (each message also takes MPI.BSEND_OVERHEAD = "
                + MPI.BSEND_OVERHEAD + ")");
        }
        used += needed;
        return needed;
    }

    /** Holds {@code reserved} bytes until {@code send} completes. */
    synchronized void track(final Operation send, final long reserved)
    {
        pending.add(new Pending(send, reserved));
    }


    private void sweep()
    {
        for (int i = pending.size() - 1; i >= 0; i--)
        {
            if (pending.get(i).send().poll())
            {
                used -= pending.remove(i).bytes();
            }
        }
    }

    /** Waits for every buffered send, then forgets the attached space. */
    void detach()
    {
        final List<Pending> waiting;
        synchronized (this)
        {
            waiting = new ArrayList<>(pending);
        }
        for (final Pending op : waiting)
        {
            op.send().await();
        }
        synchronized (this)
        {
            sweep();
            capacity = -1;
        }
    }
}
