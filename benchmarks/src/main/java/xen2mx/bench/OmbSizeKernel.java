package xen2mx.bench;

import mpi.MPIException;

/**
 * The timed part of one benchmark for one message size, called on every rank after a barrier with the buffers
 * prepared. The timing rank records one value per timed iteration in {@link SizeRun#samples()}; checking ranks add
 * the wrong bytes they found to {@link SizeRun#addErrors} when {@code -c} is on.
 */
@FunctionalInterface
public interface OmbSizeKernel
{
    /**
     * @param run the size, rank, options and buffers
     * @return on rank 0 the figure to print for this size; on other ranks any value, it is ignored
     * @throws MPIException if a communication call fails
     */
    double measure(SizeRun run) throws MPIException;
}
