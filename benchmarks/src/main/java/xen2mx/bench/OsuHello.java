package xen2mx.bench;

import mpi.MPI;
import mpi.MPIException;

/**
 * {@code osu_hello}: every rank initialises and finalises; rank 0 prints the title and
 * {@code This is a test with %d processes}.
 */
public final class OsuHello
{
    private OsuHello()
    {
    }

    /**
     * @param args launcher and user arguments ({@code -h}, {@code -v})
     * @throws MPIException if a communication call fails
     */
    public static void main(final String[] args) throws MPIException
    {
        final boolean mpjExpress = RuntimeTag.isMpjExpress();
        final String[] userArgs = MPI.Init(args);
        final int rank = MPI.COMM_WORLD.Rank();
        int status = StartupBenchmark.HELLO.earlyExitStatus(userArgs, rank == 0, System.out, System.err);
        if (status < 0)
        {
            if (rank == 0)
            {
                System.out.print(StartupBenchmark.HELLO.titleLine() + "# " + RuntimeTag.detect(args, mpjExpress)
                    + "\nThis is a test with " + MPI.COMM_WORLD.Size() + " processes\n");
                System.out.flush();
            }
            status = 0;
        }
        MPI.Finalize();
        if (status != 0)
        {
            System.exit(status);
        }
    }
}
