package xen2mx.apps;

import mpi.MPI;
import mpi.MPIException;

/**
 * Each rank prints one line: its rank, the job size and its processor name.
 * <pre>
 *   mpirun -np 4 hello
 *   Hello from rank 2 of 4 on node1
 * </pre>
 */
public final class Hello
{
    private Hello()
    {
    }

    /**
     * @param args launcher arguments; no user arguments
     * @throws MPIException if MPI fails
     */
    public static void main(final String[] args) throws MPIException
    {
        MPI.Init(args);
        final int rank = MPI.COMM_WORLD.Rank();
        final int size = MPI.COMM_WORLD.Size();
        System.out.println(greeting(rank, size, MPI.Get_processor_name()));
        MPI.Finalize();
    }

    /**
     * @param rank      this rank
     * @param size      the number of ranks
     * @param processor the processor name
     * @return the line Hello prints
     */
    static String greeting(final int rank, final int size, final String processor)
    {
        return "Hello from rank " + rank + " of " + size + " on " + processor;
    }
}
