package xen2mx.bench;

import java.nio.charset.StandardCharsets;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * Collects small per-rank facts on rank 0 with point-to-point calls only (so that the benchmarks need no
 * collective but {@code Barrier}), outside every timed region: error counts, host names, startup times. All ranks
 * of the communicator call each method together.
 */
public final class RootGather
{
    /** The tag of these messages; benchmark traffic uses small tags. */
    static final int TAG = 30_001;

    private RootGather()
    {
    }

    /**
     * @param comm  the communicator
     * @param rank  this rank
     * @param value this rank's value
     * @return on rank 0 every rank's value by rank; elsewhere an array holding only this rank's value
     * @throws MPIException if a communication call fails
     */
    public static long[] longs(final Intracomm comm, final int rank, final long value) throws MPIException
    {
        final int ranks = comm.Size();
        if (rank != 0)
        {
            comm.Send(new long[] {value}, 0, 1, MPI.LONG, 0, TAG);
            return new long[] {value};
        }
        final long[] all = new long[ranks];
        all[0] = value;
        for (int r = 1; r < ranks; r++)
        {
            comm.Recv(all, r, 1, MPI.LONG, r, TAG);
        }
        return all;
    }

    /**
     * @param comm  the communicator
     * @param rank  this rank
     * @param value this rank's value
     * @return on rank 0 the sum over all ranks; elsewhere this rank's value
     * @throws MPIException if a communication call fails
     */
    public static long sum(final Intracomm comm, final int rank, final long value) throws MPIException
    {
        long sum = 0;
        for (final long v : longs(comm, rank, value))
        {
            sum += v;
        }
        return sum;
    }

    /**
     * @param comm  the communicator
     * @param rank  this rank
     * @param value this rank's value
     * @return the sum over all ranks, on every rank (rank 0 adds, then sends the sum back)
     * @throws MPIException if a communication call fails
     */
    public static long total(final Intracomm comm, final int rank, final long value) throws MPIException
    {
        final long[] sum = {sum(comm, rank, value)};
        if (rank == 0)
        {
            for (int r = 1; r < comm.Size(); r++)
            {
                comm.Send(sum, 0, 1, MPI.LONG, r, TAG);
            }
        }
        else
        {
            comm.Recv(sum, 0, 1, MPI.LONG, 0, TAG);
        }
        return sum[0];
    }

    /**
     * @param comm  the communicator
     * @param rank  this rank
     * @param value this rank's text
     * @return on rank 0 every rank's text by rank; elsewhere an array holding only this rank's text
     * @throws MPIException if a communication call fails
     */
    public static String[] strings(final Intracomm comm, final int rank, final String value) throws MPIException
    {
        final byte[] mine = value.getBytes(StandardCharsets.UTF_8);
        final long[] lengths = longs(comm, rank, mine.length);
        if (rank != 0)
        {
            comm.Send(mine, 0, mine.length, MPI.BYTE, 0, TAG);
            return new String[] {value};
        }
        final String[] all = new String[lengths.length];
        all[0] = value;
        for (int r = 1; r < all.length; r++)
        {
            final byte[] bytes = new byte[(int)lengths[r]];
            comm.Recv(bytes, 0, bytes.length, MPI.BYTE, r, TAG);
            all[r] = new String(bytes, StandardCharsets.UTF_8);
        }
        return all;
    }
}
