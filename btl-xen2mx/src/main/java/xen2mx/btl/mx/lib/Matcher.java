package xen2mx.btl.mx.lib;

/**
 * The endpoint's two matching queues (MX semantics): posted receives in posting order, and unexpected messages in
 * arrival order. A message with match info {@code m} matches a receive {@code (info, mask)} iff
 * {@code (m & mask) == info}; {@code info} never has bits outside {@code mask} (checked when posting).
 *
 * <p>Arrival order is the order in which the library processes messages: per partner that is the sender's order
 * (sequence numbers), between partners it is the order of arrival. Guarded by the endpoint lock. Queues are scanned
 * linearly: MPI keeps few receives posted and few messages unexpected at once.
 *
 * <p>With {@link ContextIds} on, each context id has its own pair of queues (created on first use), so traffic of
 * one context is never scanned by another; every mask covers the context field then (checked when posting).
 */
final class Matcher
{
    private final ContextIds contextIds;
    private final Chain<MxRequest>[] posted;
    private final Chain<MxRequest>[] unexpected;
    private int postedCount;
    private int unexpectedCount;

    @SuppressWarnings("unchecked")
    Matcher(final ContextIds contextIds)
    {
        this.contextIds = contextIds;
        this.posted = new Chain[contextIds.count()];
        this.unexpected = new Chain[contextIds.count()];
    }

    private static Chain<MxRequest> queue(final Chain<MxRequest>[] queues, final int context)
    {
        Chain<MxRequest> queue = queues[context];
        if (queue == null)
        {
            queue = new Chain<>();
            queues[context] = queue;
        }
        return queue;
    }

    /** Appends a receive that matched nothing unexpected. */
    void post(final RecvRequest receive)
    {
        receive.state |= MxRequest.RECV_NEED_MATCHING;
        queue(posted, contextIds.of(receive.matchInfo)).add(receive.queueNode);
        postedCount++;
    }

    /** @return the first posted receive matching {@code info}, removed, or null. */
    RecvRequest matchPosted(final long info)
    {
        final Chain<MxRequest> queue = posted[contextIds.of(info)];
        if (queue == null)
        {
            return null;
        }
        for (Chain.Node<MxRequest> node = queue.first(); node != null; node = node.next)
        {
            final RecvRequest receive = (RecvRequest)node.item;
            if (receive.matches(info))
            {
                queue.remove(node);
                postedCount--;
                receive.state &= ~MxRequest.RECV_NEED_MATCHING;
                return receive;
            }
        }
        return null;
    }

    /** @return true if the receive was still posted and is now removed. */
    boolean unpost(final RecvRequest receive)
    {
        final Chain<MxRequest> queue = posted[contextIds.of(receive.matchInfo)];
        if (queue == null || receive.queueNode.chain != queue)
        {
            return false;
        }
        queue.remove(receive.queueNode);
        postedCount--;
        receive.state &= ~MxRequest.RECV_NEED_MATCHING;
        return true;
    }

    /** Appends an unexpected message. */
    void addUnexpected(final RecvRequest message)
    {
        queue(unexpected, contextIds.of(message.matchInfo)).add(message.queueNode);
        unexpectedCount++;
    }

    /**
     * @param remove true to take the message off the queue (a receive matched it), false to only look (probe).
     * @return the earliest unexpected message with {@code (m & mask) == info}, or null.
     */
    RecvRequest matchUnexpected(final long info, final long mask, final boolean remove)
    {
        final Chain<MxRequest> queue = unexpected[contextIds.of(info)];
        if (queue == null)
        {
            return null;
        }
        for (Chain.Node<MxRequest> node = queue.first(); node != null; node = node.next)
        {
            final RecvRequest message = (RecvRequest)node.item;
            if ((message.status.matchInfo() & mask) == info)
            {
                if (remove)
                {
                    queue.remove(node);
                    unexpectedCount--;
                }
                return message;
            }
        }
        return null;
    }

    /** Drops every unexpected message from {@code partner} (it was cleaned up). */
    void dropUnexpectedFrom(final Partner partner)
    {
        for (final Chain<MxRequest> queue : unexpected)
        {
            Chain.Node<MxRequest> node = queue == null ? null : queue.first();
            while (node != null)
            {
                final Chain.Node<MxRequest> next = node.next;
                if (node.item.partner == partner)
                {
                    queue.remove(node);
                    unexpectedCount--;
                }
                node = next;
            }
        }
    }

    int postedCount()
    {
        return postedCount;
    }

    int unexpectedCount()
    {
        return unexpectedCount;
    }
}
