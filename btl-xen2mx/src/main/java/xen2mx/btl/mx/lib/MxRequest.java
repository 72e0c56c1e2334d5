package xen2mx.btl.mx.lib;

/**
 * A request handle ({@code mx_request_t}): a send, receive or connect in flight on one {@link MxEndpoint}.
 *
 * <p>Life cycle (Open-MX's): the library sets {@link #DONE} when the request is finished from the application's
 * point of view and queues it on the endpoint's done queue; {@link MxEndpoint#test} (or wait, test_any, ...) hands it
 * to the application, which then owns nothing more. A send reported done may still live inside the library as a
 * <em>zombie</em> until the peer acknowledges it (tiny, small and medium sends complete once their data is copied).
 *
 * <p>Memory ordering: completion writes the status and the receive buffer, then releases the {@code done} flag;
 * {@link #isDone()} is an acquire read, so a thread that sees true sees the status and the data.
 */
public abstract class MxRequest
{
    static final int NEED_RESOURCES = 1;
    static final int NEED_SEQNUM = 1 << 1;
    static final int NEED_ACK = 1 << 2;
    static final int NEED_REPLY = 1 << 3;
    static final int RECV_NEED_MATCHING = 1 << 4;
    static final int RECV_PARTIAL = 1 << 5;
    static final int PULLING = 1 << 6;
    static final int UNEXPECTED_RECV = 1 << 7;
    static final int UNEXPECTED_SELF_SEND = 1 << 8;
    static final int DONE = 1 << 9;
    static final int ZOMBIE = 1 << 10;
    static final int INTERNAL = 1 << 11;
    static final int SENDQ_PENDING = 1 << 12;

    /** Internal status, written under the endpoint lock. */
    final MxStatus status = new MxStatus();
    /** Membership of one endpoint-wide queue (posted, unexpected, need-resources, connects, large sends, pulls). */
    final Chain.Node<MxRequest> queueNode = new Chain.Node<>(this);
    /** Membership of one partner queue (non-acked, need-seqnum, partial mediums, connects). */
    final Chain.Node<MxRequest> partnerNode = new Chain.Node<>(this);
    /** Membership of the done queue. */
    final Chain.Node<MxRequest> doneNode = new Chain.Node<>(this);

    final MxEndpoint endpoint;
    Partner partner;
    int state;
    private volatile boolean done;

    MxRequest(final MxEndpoint endpoint, final Object context)
    {
        this.endpoint = endpoint;
        status.context(context);
    }

    /** @return the endpoint the request was posted on. */
    public final MxEndpoint endpoint()
    {
        return endpoint;
    }

    /** @return the context given when the request was posted ({@code mx_context}). */
    public final Object context()
    {
        return status.context();
    }

    /**
     * @return true once the request is finished (acquire). Does not progress the endpoint and does not consume the
     * request: use {@link MxEndpoint#test} for that.
     */
    public final boolean isDone()
    {
        return done;
    }

    /**
     * @return the request's status; stable once {@link #isDone()} returned true. For use by layers that
     * {@linkplain MxEndpoint#forget forget} their requests and watch {@link #isDone()} instead of testing.
     */
    public final MxStatus status()
    {
        return status;
    }

    /** Publishes completion; the caller wrote the status (and data) before. Under the endpoint lock. */
    final void publishDone()
    {
        done = true;
    }

    final boolean has(final int flags)
    {
        return (state & flags) != 0;
    }

    /** @return a short name of the request type for diagnostics. */
    abstract String type();

    @Override
    public String toString()
    {
        return type() + "[state=0x" + Integer.toHexString(state) + " " + status + "]";
    }
}
