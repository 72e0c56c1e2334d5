package xen2mx.btl.mx.lib;

/**
 * The endpoint's two matching queues (MX semantics): posted receives in posting order, and unexpected messages in
 * arrival order. A message with match info {@code m} matches a receive {@code (info, mask)} iff
 * {@code (m & mask) == info}; {@code info} never has bits outside {@code mask} (checked when posting).
 *
 * <p>Arrival order is the order in which the library processes messages: per partner that is the sender's order
 * (sequence numbers), between partners it is the order of arrival. Guarded by the endpoint lock. Queues are scanned
 * linearly: MPI keeps few receives posted and few messages unexpected at once.
 */
final class Matcher
{
    private final Chain<MxRequest> posted = new Chain<>();
    private final Chain<MxRequest> unexpected = new Chain<>();

    /** Appends a receive that matched nothing unexpected. */
    void post(final RecvRequest receive)
    {
        receive.state |= MxRequest.RECV_NEED_MATCHING;
        posted.add(receive.queueNode);
    }

    /** @return the first posted receive matching {@code info}, removed, or null. */
    RecvRequest matchPosted(final long info)
    {
        for (Chain.Node<MxRequest> node = posted.first(); node != null; node = node.next)
        {
            final RecvRequest receive = (RecvRequest)node.item;
            if (receive.matches(info))
            {
                posted.remove(node);
                receive.state &= ~MxRequest.RECV_NEED_MATCHING;
                return receive;
            }
        }
        return null;
    }

    /** @return true if the receive was still posted and is now removed. */
    boolean unpost(final RecvRequest receive)
    {
        if (receive.queueNode.chain != posted)
        {
            return false;
        }
        posted.remove(receive.queueNode);
        receive.state &= ~MxRequest.RECV_NEED_MATCHING;
        return true;
    }

    /** Appends an unexpected message. */
    void addUnexpected(final RecvRequest message)
    {
        unexpected.add(message.queueNode);
    }

    /**
     * @param remove true to take the message off the queue (a receive matched it), false to only look (probe).
     * @return the earliest unexpected message with {@code (m & mask) == info}, or null.
     */
    RecvRequest matchUnexpected(final long info, final long mask, final boolean remove)
    {
        for (Chain.Node<MxRequest> node = unexpected.first(); node != null; node = node.next)
        {
            final RecvRequest message = (RecvRequest)node.item;
            if ((message.status.matchInfo() & mask) == info)
            {
                if (remove)
                {
                    unexpected.remove(node);
                }
                return message;
            }
        }
        return null;
    }

    /** Drops every unexpected message from {@code partner} (it was cleaned up). */
    void dropUnexpectedFrom(final Partner partner)
    {
        Chain.Node<MxRequest> node = unexpected.first();
        while (node != null)
        {
            final Chain.Node<MxRequest> next = node.next;
            if (node.item.partner == partner)
            {
                unexpected.remove(node);
            }
            node = next;
        }
    }

    int postedCount()
    {
        return posted.size();
    }

    int unexpectedCount()
    {
        return unexpected.size();
    }
}
