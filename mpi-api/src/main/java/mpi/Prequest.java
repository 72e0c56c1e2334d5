package mpi;

import java.util.function.Supplier;

/**
 * A persistent request ({@code MPI_SEND_INIT}, {@code MPI_RECV_INIT}, ...): {@link #Start()} begins one instance of
 * the communication; completing it makes the request inactive, ready to start again.
 */
public class Prequest extends Request
{
    private final Supplier<Operation> starter;

    Prequest(final Supplier<Operation> starter, final Comm comm)
    {
        super(null, comm);
        this.starter = starter;
    }

    /** Java binding of {@code MPI_START}. */
    public void Start()
    {
        if (operation != null)
        {
            throw new MPIException(MPI.ERR_REQUEST, "Start on a persistent request that is still active");
        }
        operation = starter.get();
    }

    /** Java binding of {@code MPI_STARTALL}. */
    public static void Startall(final Prequest[] array_of_requests)
    {
        if (array_of_requests == null)
        {
            throw new MPIException(MPI.ERR_REQUEST, "array_of_requests is null");
        }
        for (final Prequest request : array_of_requests)
        {
            if (request != null)
            {
                request.Start();
            }
        }
    }

    /** A persistent request is never null until freed, only inactive. */
    @Override
    public boolean Is_null()
    {
        return false;
    }
}
