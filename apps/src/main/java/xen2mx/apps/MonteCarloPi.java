package xen2mx.apps;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * Estimates π with {@link PiSampler}: each rank draws {@code samples} points (first argument, default 1,000,000)
 * from its own seed; workers {@code Isend} their hit count to rank 0, which posts one {@code Irecv} per worker,
 * waits for all, and prints the estimate and its error. Point-to-point only, no collectives.
 */
public final class MonteCarloPi
{
    private static final long DEFAULT_SAMPLES = 1_000_000L;
    private static final int TAG = 3;

    private MonteCarloPi()
    {
    }

    /**
     * @param args launcher arguments, then optionally the samples per rank
     * @throws MPIException if MPI fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final String[] userArgs = MPI.Init(args);
        final long samples = userArgs.length > 0 ? Long.parseLong(userArgs[0]) : DEFAULT_SAMPLES;
        final Intracomm comm = MPI.COMM_WORLD;
        final int rank = comm.Rank();
        final int size = comm.Size();
        final double start = MPI.Wtime();
        final long[] mine = {PiSampler.hits(PiSampler.seedFor(rank), samples)};
        if (rank == 0)
        {
            final long hits = mine[0] + collect(comm, size);
            final long total = samples * size;
            final double pi = PiSampler.estimate(hits, total);
            System.out.printf("pi ~ %.10f, error %.3e (%d samples on %d ranks, %.3f s)%n",
                pi, Math.abs(pi - Math.PI), total, size, MPI.Wtime() - start);
        }
        else
        {
            comm.Isend(mine, 0, 1, MPI.LONG, 0, TAG).Wait();
        }
        MPI.Finalize();
    }

    private static long collect(final Intracomm comm, final int size) throws MPIException
    {
        final long[] counts = new long[size];
        final Request[] requests = new Request[size - 1];
        for (int worker = 1; worker < size; worker++)
        {
            requests[worker - 1] = comm.Irecv(counts, worker, 1, MPI.LONG, worker, TAG);
        }
        if (requests.length > 0)
        {
            Request.Waitall(requests);
        }
        long sum = 0;
        for (int worker = 1; worker < size; worker++)
        {
            sum += counts[worker];
        }
        return sum;
    }
}
