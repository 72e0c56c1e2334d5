package xen2mx.btl;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * One process's instance of a byte-transfer layer: a <em>matching</em> transport with MX semantics.
 *
 * <p>Messages carry a 64-bit match info (the PML's layout, see {@code xen2mx.pml.MatchInfo}); receives give a
 * match info and a mask, and match the first message in arrival order whose {@code (info & mask) == (recv & mask)}.
 * Messages from one sender are matched in the order that sender posted them (non-overtaking). Receives are
 * matched in posting order. A message longer than the receive buffer is truncated: the request completes with
 * {@link BtlStatus#TRUNCATED}, {@code transferLength} = buffer length and {@code messageLength} = the sent length.
 *
 * <p>Progress: every method may be called from any thread; {@link #progress()} must be called for requests to
 * complete unless the module says it progresses in the background. Completion is observed with
 * {@link BtlRequest#isComplete()}, which has acquire semantics: everything the BTL wrote into the receive buffer
 * and the status is visible once it returns true.
 *
 * <p>Matching domains: modules whose {@link #matchingDomain()} is the same object share one posted-receive queue
 * and one unexpected queue (the non-MX modules share one {@code MatchEngine}). A receive is posted on exactly one
 * domain, so the PML requires all peers of a process to be reached through modules of one domain.
 */
public interface Btl extends AutoCloseable
{
    /** @return the component name, e.g. {@code tcp}. */
    String name();

    /** @return eager threshold and maximum message size of this module. */
    BtlLimits limits();

    /** @return this process's opaque address for the module, exchanged through the launcher's rendezvous. */
    byte[] localAddress();

    /**
     * Learns the addresses of all ranks of the world.
     *
     * @param addresses indexed by world rank; {@code null} where that rank did not open this module.
     * @return the world ranks this module can reach from here (may include this process itself).
     */
    BitSet connect(byte[][] addresses);

    /** @return identity of the matching domain; see the class comment. */
    Object matchingDomain();

    /**
     * Describes how rank {@code peer} is reached, for {@code mpirun -v}: e.g. {@code tcp 127.0.0.1:40211}.
     *
     * @param peer a world rank this module reaches.
     * @return one line, no newline.
     */
    String describePeer(int peer);

    /**
     * Starts a send. The BTL reads {@code payload} from its position to its limit and does not modify it; the caller
     * does not touch it until the request completes.
     *
     * @param destination world rank, reachable by this module.
     * @param matchInfo   match info carried with the message.
     * @param payload     the bytes to send (heap or direct).
     * @param synchronous when true, the request completes only once a receive has matched the message.
     * @return the request; complete once the payload may be reused (and, if synchronous, matched).
     */
    BtlRequest isend(int destination, long matchInfo, ByteBuffer payload, boolean synchronous);

    /**
     * Posts a receive. On completion the message bytes are at {@code destination.position()} onwards
     * ({@code transferLength} of them); the buffer's position and limit are not changed.
     *
     * @return the request; its status names the source world rank and the message's match info.
     */
    BtlRequest irecv(long matchInfo, long matchMask, ByteBuffer destination);

    /**
     * Looks for an unexpected message without receiving it.
     *
     * @return its status (source, match info, message length), or {@code null} when none matches.
     */
    BtlStatus iprobe(long matchInfo, long matchMask);

    /**
     * Cancels a receive that has not matched yet.
     *
     * @return true if cancelled (the request is then complete with {@link BtlStatus#isCancelled()}), false if it had
     * already matched and will complete normally. Sends are never cancelled.
     */
    boolean cancel(BtlRequest request);

    /**
     * Drives the module: moves bytes, matches, completes requests. Never blocks.
     *
     * @return the amount of work done; 0 when there was nothing to do.
     */
    int progress();

    /** Releases sockets, threads and memory. Outstanding requests are abandoned. */
    @Override
    void close();
}
