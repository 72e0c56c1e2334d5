package mpi;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/** A send of one or more BTL messages (OBJECT sends are a header and a payload); done when all are. */
final class SendOperation extends Operation
{
    private final BtlRequest first;
    private final BtlRequest second;
    private final int destination;

    SendOperation(final BtlRequest first, final BtlRequest second, final int destination)
    {
        this.first = first;
        this.second = second;
        this.destination = destination;
    }

    @Override
    boolean poll()
    {
        if (!first.isComplete() || (second != null && !second.isComplete()))
        {
            return false;
        }
        check(first.status());
        if (second != null)
        {
            check(second.status());
        }
        return true;
    }

    private void check(final BtlStatus status)
    {
        if (status.code() == BtlStatus.FAILED)
        {
            throw new MPIException(MPI.ERR_OTHER, "send to rank " + destination + " failed: " + status.errorMessage());
        }
    }

    @Override
    Status status()
    {
        return Status.empty();
    }
}
