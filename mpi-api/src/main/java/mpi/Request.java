package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * A non-blocking communication. Once {@link #Wait()} or a successful {@link #Test()} has returned its status, a
 * request becomes null ({@link #Is_null()}), as {@code MPI_REQUEST_NULL} in C; a {@link Prequest} becomes inactive
 * and can be started again. Not for concurrent use by several threads (MPI's rule for one request).
 */
public class Request
{
    Operation operation;
    /** Whose error handler reports a failed completion (truncation, a lost peer); null: COMM_WORLD's. */
    final Comm comm;

    Request(final Operation operation)
    {
        this(operation, null);
    }

    Request(final Operation operation, final Comm comm)
    {
        this.operation = operation;
        this.comm = comm;
    }

    /** Java binding of {@code MPI_WAIT}: blocks until the operation completes. */
    public Status Wait()
    {
        final Operation op = operation;
        if (op == null)
        {
            return Status.empty();
        }
        try
        {
            return op.await();
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(comm, e);
        }
        finally
        {
            retire();
        }
    }

    /** Java binding of {@code MPI_TEST}: the status if complete, else {@code null}. */
    public Status Test()
    {
        final Operation op = operation;
        if (op == null)
        {
            return Status.empty();
        }
        MPI.pml().progress();
        return finishIfDone(op);
    }

    /** @return the status and retires the request when {@code op} is done, else null. */
    private Status finishIfDone(final Operation op)
    {
        boolean done = false;
        try
        {
            done = op.poll();
            return done ? op.status() : null;
        }
        catch (final MPIException e)
        {
            done = true;
            throw ErrorHandling.raise(comm, e);
        }
        finally
        {
            if (done)
            {
                retire();
            }
        }
    }

    /** The operation finished and its status was returned. */
    void retire()
    {
        operation = null;
    }

    /** @return true for a null request (never started, or completed and returned). */
    public boolean Is_null()
    {
        return operation == null;
    }

    /**
     * Java binding of {@code MPI_CANCEL}: cancels a receive that has not matched yet. Complete the request with
     * {@link #Wait()} afterwards; {@link Status#Test_cancelled()} says whether the cancel took effect. Sends are not
     * cancelled (they complete normally).
     */
    public void Cancel()
    {
        final Operation op = operation;
        if (op != null)
        {
            op.cancel();
        }
    }

    /** Java binding of {@code MPI_REQUEST_FREE}: forgets the request; the operation still completes. */
    public void Free()
    {
        final Operation op = operation;
        if (op != null)
        {
            MPI.detached(op);
        }
        retire();
    }

    /** Java binding of {@code MPI_WAITANY}: waits for one request; its status has {@code index} set. */
    public static Status Waitany(final Request[] array_of_requests)
    {
        check(array_of_requests);
        try (xen2mx.pml.Pml.Waiter waiter = MPI.pml().waiter())
        {
            while (true)
            {
                final Status status = scanAny(array_of_requests);
                if (status != null)
                {
                    return status;
                }
                waiter.round();
            }
        }
    }

    /** Java binding of {@code MPI_TESTANY}: the status (with {@code index}) of a completed request, or null. */
    public static Status Testany(final Request[] array_of_requests)
    {
        check(array_of_requests);
        MPI.pml().progress();
        return scanAny(array_of_requests);
    }

    /** @return the first completed request's status, an UNDEFINED-index status when all are null, or null. */
    private static Status scanAny(final Request[] requests)
    {
        final List<Status> done = new ArrayList<>(1);
        final boolean anyActive = scan(requests, true, done);
        return !done.isEmpty() ? done.get(0) : anyActive ? null : Status.empty();
    }

    /**
     * Polls the active requests in order, retiring the completed ones and adding their statuses (index set) to
     * {@code done}; stops at the first completed one when {@code firstOnly}.
     *
     * @return true if any request was active.
     */
    private static boolean scan(final Request[] requests, final boolean firstOnly, final List<Status> done)
    {
        boolean anyActive = false;
        for (int i = 0; i < requests.length; i++)
        {
            final Request request = requests[i];
            if (request == null || request.operation == null)
            {
                continue;
            }
            anyActive = true;
            final Status status = request.finishIfDone(request.operation);
            if (status != null)
            {
                status.index = i;
                done.add(status);
                if (firstOnly)
                {
                    break;
                }
            }
        }
        return anyActive;
    }

    /** Java binding of {@code MPI_WAITALL}: waits for every request; statuses in request order. */
    public static Status[] Waitall(final Request[] array_of_requests)
    {
        check(array_of_requests);
        final Status[] statuses = new Status[array_of_requests.length];
        for (int i = 0; i < array_of_requests.length; i++)
        {
            final Request request = array_of_requests[i];
            statuses[i] = request == null ? Status.empty() : request.Wait();
            statuses[i].index = i;
        }
        return statuses;
    }

    /** Java binding of {@code MPI_TESTALL}: all statuses if every request is complete, else null (none retired). */
    public static Status[] Testall(final Request[] array_of_requests)
    {
        check(array_of_requests);
        MPI.pml().progress();
        for (final Request request : array_of_requests)
        {
            if (request != null && request.operation != null && !request.operation.poll())
            {
                return null;
            }
        }
        return Waitall(array_of_requests);
    }

    /** Java binding of {@code MPI_WAITSOME}: waits until at least one completes; returns the completed ones. */
    public static Status[] Waitsome(final Request[] array_of_requests)
    {
        check(array_of_requests);
        try (xen2mx.pml.Pml.Waiter waiter = MPI.pml().waiter())
        {
            while (true)
            {
                final Status[] done = scanSome(array_of_requests);
                if (done == null || done.length > 0)
                {
                    return done == null ? new Status[0] : done;
                }
                waiter.round();
            }
        }
    }

    /** Java binding of {@code MPI_TESTSOME}: the statuses of the requests that are complete (maybe none). */
    public static Status[] Testsome(final Request[] array_of_requests)
    {
        check(array_of_requests);
        MPI.pml().progress();
        final Status[] done = scanSome(array_of_requests);
        return done == null ? new Status[0] : done;
    }

    /** @return statuses of completed requests, or null when every request is null. */
    private static Status[] scanSome(final Request[] requests)
    {
        final List<Status> done = new ArrayList<>();
        return scan(requests, false, done) ? done.toArray(new Status[0]) : null;
    }

    private static void check(final Request[] requests)
    {
        if (requests == null)
        {
            throw new MPIException(MPI.ERR_REQUEST, "array_of_requests is null");
        }
        MPI.pml();
    }
}
