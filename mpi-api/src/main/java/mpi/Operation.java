package mpi;

/**
 * One started communication behind a {@link Request}: polled without blocking until done. Errors found while
 * finishing (truncation, a failed peer) are thrown from {@link #poll()} as {@link MPIException}.
 */
abstract class Operation
{
    /** An operation that finished when it was started (PROC_NULL, empty messages to nobody). */
    static Operation done(final Status status)
    {
        return new Operation()
        {
            @Override
            boolean poll()
            {
                return true;
            }

            @Override
            Status status()
            {
                return status;
            }
        };
    }

    /**
     * Advances the operation without blocking (progress is driven by the caller).
     *
     * @return true once finished; {@link #status()} is then valid.
     */
    abstract boolean poll();

    /** @return the final status; valid once {@link #poll()} returned true. */
    abstract Status status();

    /** @return true if the operation was cancelled (a receive not yet matched); false if it will complete. */
    boolean cancel()
    {
        return false;
    }

    /** Blocks, driving progress, until the operation finishes. */
    final Status await()
    {
        if (!poll())
        {
            try (xen2mx.pml.Pml.Waiter waiter = MPI.pml().waiter())
            {
                while (!poll())
                {
                    waiter.round();
                }
            }
        }
        return status();
    }
}
