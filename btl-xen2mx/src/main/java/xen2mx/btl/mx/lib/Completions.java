package xen2mx.btl.mx.lib;

/**
 * The done queue (Open-MX's {@code done_req_q}) and the one place where requests complete.
 *
 * <p>Completing writes the status, sets {@link MxRequest#DONE}, queues the request for {@code test}/{@code peek}
 * unless the application already gave it up ({@link MxRequest#ZOMBIE}) or it is internal, and then releases the
 * request's volatile done flag. Threads parked in a blocking call are woken once per progress pass that completed
 * something (the end of the batch), not once per request. Guarded by the endpoint lock.
 */
final class Completions
{
    private final Chain<MxRequest> done = new Chain<>();
    private boolean completedSinceSignal;

    void complete(final MxRequest request, final MxStatusCode code)
    {
        if (request.has(MxRequest.DONE))
        {
            return;
        }
        request.status.code(code);
        if (request.partner != null && request.status.source() == null)
        {
            request.status.source(request.partner.address());
        }
        request.state |= MxRequest.DONE;
        if (!request.has(MxRequest.ZOMBIE | MxRequest.INTERNAL))
        {
            done.add(request.doneNode);
        }
        request.publishDone();
        completedSinceSignal = true;
    }

    /**
     * Hands a done request to the application: off the done queue, status copied, from now on a zombie.
     *
     * @return true if the request is done.
     */
    boolean consume(final MxRequest request, final MxStatus status)
    {
        if (!request.has(MxRequest.DONE))
        {
            return false;
        }
        request.doneNode.unlink();
        request.state |= MxRequest.ZOMBIE;
        if (status != null)
        {
            status.copyFrom(request.status);
        }
        return true;
    }

    /** The application gives the request up ({@code mx_forget}). */
    void forget(final MxRequest request)
    {
        request.doneNode.unlink();
        request.state |= MxRequest.ZOMBIE;
    }

    /** @return the oldest done request not yet consumed, or null. */
    MxRequest peek()
    {
        return done.peek();
    }

    /** @return the oldest done request whose match info matches, or null. */
    MxRequest first(final long info, final long mask)
    {
        for (Chain.Node<MxRequest> node = done.first(); node != null; node = node.next)
        {
            if ((node.item.status.matchInfo() & mask) == info)
            {
                return node.item;
            }
        }
        return null;
    }

    /** @return true once per batch in which something completed (then cleared). */
    boolean takeCompletedSinceSignal()
    {
        final boolean completed = completedSinceSignal;
        completedSinceSignal = false;
        return completed;
    }

    int size()
    {
        return done.size();
    }
}
