package xen2mx.btl.match;

/**
 * The transport hook a message carries when matching must reach back to its sender: the acknowledgement of a
 * synchronous eager send, or the data transfer of a rendezvous send.
 *
 * <p>Called exactly once per message, by the thread that matched it (the arriving transport's thread, or a thread
 * posting a receive), never with the engine's lock held, so the callback may take transport locks.
 */
@FunctionalInterface
public interface MatchCallback
{
    /**
     * A receive matched the message.
     *
     * <p>Eager message (synchronous send): the receive is already complete; tell the sender.
     * Rendezvous message: the receive knows source, match info and lengths, and holds the prefix the transport
     * delivered with the descriptor; the callback transfers bytes {@code [prefixLength, receive.transferLength())}
     * into {@link RecvRequest#buffer()} and completes the receive (or fails it).
     *
     * @param receive the matched receive.
     * @param cookie  the value the transport gave when delivering the message, e.g. the sender's request id.
     */
    void onMatch(RecvRequest receive, long cookie);
}
