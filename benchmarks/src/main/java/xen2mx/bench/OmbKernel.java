package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPIException;

/**
 * The timed part of one benchmark for one message size. Called on both ranks after a barrier, with the buffers
 * already prepared for the size.
 */
@FunctionalInterface
public interface OmbKernel
{
    /**
     * @param comm    a two-rank communicator
     * @param rank    this rank in {@code comm}, 0 or 1
     * @param size    the message size in bytes
     * @param options the parsed options (iterations, warm-up, window)
     * @param buffers the send and receive buffers
     * @return on rank 0 the figure to print for this size; on rank 1 any value, it is ignored
     * @throws MPIException if a communication call fails
     */
    double measure(Intracomm comm, int rank, int size, OmbOptions options, MessageBuffers buffers)
        throws MPIException;
}
