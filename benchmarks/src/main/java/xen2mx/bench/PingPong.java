package xen2mx.bench;

import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * The blocking ping-pong of {@code osu_latency} and {@code osu_multi_lat} between this rank and {@code peer}:
 * <pre>
 *   initiator                   responder
 *   Send(size) ───────────────► Recv(size)
 *   Recv(size) ◄─────────────── Send(size)
 * </pre>
 * Per size: {@code skip} untimed iterations, then {@code iterations} timed ones; with {@code -c} each iteration
 * refills the send buffer, repeats its exchange {@code -u} times untimed first, and checks what arrived. The
 * initiator times each round trip on its own; latency = total / (2 × iterations) (OMB 7.x).
 */
final class PingPong
{
    private PingPong()
    {
    }

    /**
     * @param run             the size, options and buffers
     * @param peer            the other rank of the pair
     * @param initiator       whether this rank sends first (and times)
     * @param barrierPerRound whether every exchange starts with a barrier of the whole communicator, as in
     *                        {@code osu_multi_lat} (all ranks call it, so idle ranks must too)
     * @param tag             the tag of both directions
     * @return on the initiator the one-way latency in µs; on the responder 0
     * @throws MPIException if a communication call fails
     */
    static double measure(final SizeRun run, final int peer, final boolean initiator, final boolean barrierPerRound,
        final int tag) throws MPIException
    {
        final Intracomm comm = run.comm();
        final int size = run.size();
        final int iterations = run.iterations();
        final int skip = run.skip();
        final int exchanges = run.exchangesPerIteration();
        final boolean validate = run.options().validate();
        final byte[] s = run.buffers().send();
        final byte[] r = run.buffers().receive();
        long total = 0;
        for (int i = 0; i < iterations + skip; i++)
        {
            if (validate)
            {
                DataPattern.fill(s, size, i, run.rank());
                DataPattern.clear(r, size);
            }
            for (int k = 0; k < exchanges; k++)
            {
                if (barrierPerRound)
                {
                    comm.Barrier();
                }
                final long start = System.nanoTime();
                if (initiator)
                {
                    comm.Send(s, 0, size, MPI.BYTE, peer, tag);
                    comm.Recv(r, 0, size, MPI.BYTE, peer, tag);
                    if (i >= skip && k == exchanges - 1)
                    {
                        final long elapsed = System.nanoTime() - start;
                        total += elapsed;
                        run.samples().record(elapsed / 2e3);
                    }
                }
                else
                {
                    comm.Recv(r, 0, size, MPI.BYTE, peer, tag);
                    comm.Send(s, 0, size, MPI.BYTE, peer, tag);
                }
            }
            if (validate)
            {
                run.addErrors(DataPattern.errors(r, size, i, peer));
            }
        }
        return initiator ? OmbMetrics.latencyMicros(total, iterations) : 0;
    }
}
