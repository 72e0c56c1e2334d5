package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

/**
 * The windowed stream of {@code osu_bw} and {@code osu_mbw_mr} from this rank to {@code peer} or back:
 * <pre>
 *   sender                          receiver
 *   Isend × W ──── size bytes ────► Irecv × W
 *   Waitall                         Waitall
 *   Recv(4)   ◄──── ack ─────────── Send(4)
 * </pre>
 * Per size: {@code skip} untimed windows, then {@code iterations} timed ones, each timed on the sender from the
 * first Isend to the acknowledgement. One buffer for all messages of a window (OMB's {@code -b single}); with
 * {@code -c} the sender refills it per iteration, the receiver checks it after each iteration's last window, and
 * each iteration repeats its window {@code -u} times untimed first. Data tag 100, acknowledgement tag 101.
 */
final class WindowStream
{
    /** Tag of the data messages. */
    static final int DATA_TAG = 100;
    /** Tag of the acknowledgement. */
    static final int ACK_TAG = 101;

    private WindowStream()
    {
    }

    /**
     * @param run                 the size, options and buffers
     * @param peer                the other rank of the pair
     * @param sender              whether this rank sends the data (and times)
     * @param streams             how many pairs stream at once; the bandwidth counts all of them
     * @param barrierPerIteration whether every iteration starts with a barrier of the whole communicator, as in
     *                            {@code osu_mbw_mr}
     * @return on the sender the bandwidth in MB/s of all {@code streams} pairs; on the receiver 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run, final int peer, final boolean sender, final int streams,
        final boolean barrierPerIteration) throws MPIException
    {
        final Intracomm comm = run.comm();
        final int size = run.size();
        final int iterations = run.iterations();
        final int skip = run.skip();
        final int exchanges = run.exchangesPerIteration();
        final int window = run.window();
        final boolean validate = run.options().validate();
        final Request[] requests = new Request[window];
        final byte[] s = run.buffers().send();
        final byte[] r = run.buffers().receive();
        final double bytesPerIteration = (double)size * window * streams;
        long total = 0;
        for (int i = 0; i < iterations + skip; i++)
        {
            if (validate)
            {
                DataPattern.fill(s, size, i, run.rank());
                DataPattern.clear(r, size);
            }
            if (barrierPerIteration)
            {
                comm.Barrier();
            }
            for (int k = 0; k < exchanges; k++)
            {
                if (sender)
                {
                    final long start = System.nanoTime();
                    for (int j = 0; j < window; j++)
                    {
                        requests[j] = comm.Isend(s, 0, size, MPI.BYTE, peer, DATA_TAG);
                    }
                    Request.Waitall(requests);
                    comm.Recv(r, 0, MessageBuffers.ACK_LENGTH, MPI.BYTE, peer, ACK_TAG);
                    if (i >= skip && k == exchanges - 1)
                    {
                        final long elapsed = System.nanoTime() - start;
                        total += elapsed;
                        run.samples().record(bytesPerIteration * 1e3 / elapsed);
                    }
                }
                else
                {
                    for (int j = 0; j < window; j++)
                    {
                        requests[j] = comm.Irecv(r, 0, size, MPI.BYTE, peer, DATA_TAG);
                    }
                    Request.Waitall(requests);
                    comm.Send(s, 0, MessageBuffers.ACK_LENGTH, MPI.BYTE, peer, ACK_TAG);
                }
            }
            if (validate && !sender)
            {
                run.addErrors(DataPattern.errors(r, size, i, peer));
            }
        }
        return sender ? OmbMetrics.bandwidthMBps((long)size * streams, iterations, window, 1, total) : 0;
    }
}
