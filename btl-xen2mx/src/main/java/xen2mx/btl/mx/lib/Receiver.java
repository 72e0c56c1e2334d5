package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.EventType;

/**
 * The receive side of the reliability protocol (Open-MX's {@code omx__process_recv}): classifies each message packet
 * of a partner by its seqnum {@code S}, relative to {@code frag = nextFragRecvSeq} and
 * {@code match = nextMatchRecvSeq}:
 * <ul>
 * <li>{@code S == match}: the next message in order: match it (posted receive, unexpected handler, or the unexpected
 * queue), then replay early packets that became in order;</li>
 * <li>{@code frag <= S < match}: a fragment of a medium matched earlier and still incomplete (a duplicate fragment is
 * recognised by its bit in the fragment mask); any other type is a duplicate;</li>
 * <li>{@code match < S <= match + 255}: early: a copy waits on the partner's sorted early queue (a second copy of
 * the same seqnum and fragment is dropped);</li>
 * <li>otherwise: obsolete, dropped, and acknowledged again at once: the sender resent it, so our ack was lost (or it
 * is a liveness probe of a large send, see {@link LargeMessages}). Open-MX re-acks only {@code frag - 1}.</li>
 * </ul>
 * A message counts as received (and becomes ackable) when all its bytes arrived. Guarded by the endpoint lock.
 */
final class Receiver
{
    /** Early packets one partner may have queued; beyond, arrivals are dropped and will be resent. */
    private static final int EARLY_QUEUE_MAX = 4096;

    private final MxEndpoint endpoint;
    private final int fragmentLength;
    private final int fragmentsMax;

    Receiver(final MxEndpoint endpoint, final int fragmentLength, final int fragmentsMax)
    {
        this.endpoint = endpoint;
        this.fragmentLength = fragmentLength;
        this.fragmentsMax = Math.min(fragmentsMax, Long.SIZE);
    }

    /** A TINY, SMALL, MEDIUM_FRAG, RNDV or NOTIFY event. */
    void onMessage(final DriverEvent event)
    {
        final Partner partner = endpoint.partners.get(event.peerIndex(), event.srcEndpoint());
        if (partner == null || partner.self)
        {
            endpoint.counters.increment(MxCounter.UNKNOWN_PARTNER);
            return;
        }
        final int seqnum = event.seqnum();
        if (SeqNum.session(seqnum) != SeqNum.session(partner.nextFragRecvSeq))
        {
            endpoint.counters.increment(MxCounter.STALE_SESSION);
            return;
        }
        if (!wellFormed(event))
        {
            endpoint.counters.increment(MxCounter.DUPLICATES);
            return;
        }
        partner.lastHeardNanos = endpoint.now();
        endpoint.acker.onAck(partner, event.piggyack());
        final int index = SeqNum.distance(seqnum, partner.nextFragRecvSeq);
        final int matchIndex = SeqNum.distance(partner.nextMatchRecvSeq, partner.nextFragRecvSeq);
        if (index < matchIndex)
        {
            if (event.type() != EventType.RECV_MEDIUM_FRAG || !continuePartial(partner, event))
            {
                endpoint.counters.increment(MxCounter.DUPLICATES);
            }
        }
        else if (index == matchIndex)
        {
            processInOrder(partner, event);
            replayEarly(partner);
        }
        else if (SeqNum.distance(seqnum, partner.nextMatchRecvSeq) <= SeqNum.EARLY_WINDOW)
        {
            queueEarly(partner, event);
        }
        else
        {
            endpoint.counters.increment(MxCounter.DUPLICATES);
            endpoint.acker.sendAck(partner);
        }
    }

    private boolean wellFormed(final DriverEvent event)
    {
        if (event.type() != EventType.RECV_MEDIUM_FRAG)
        {
            return true;
        }
        final int fragments = Math.max(1, (event.messageLength() + fragmentLength - 1) / fragmentLength);
        return event.fragmentSeqnum() < fragments && fragments <= fragmentsMax
            && event.fragmentOffset() == event.fragmentSeqnum() * fragmentLength
            && event.fragmentLength() == Math.min(fragmentLength, event.messageLength() - event.fragmentOffset())
            && event.payload().remaining() == event.fragmentLength();
    }

    private void processInOrder(final Partner partner, final DriverEvent event)
    {
        partner.nextMatchRecvSeq = SeqNum.increment(partner.nextMatchRecvSeq);
        endpoint.counters.increment(MxCounter.MESSAGES_RECEIVED);
        switch (event.type())
        {
            case RECV_TINY:
            case RECV_SMALL:
                deliverEager(partner, event);
                break;
            case RECV_MEDIUM_FRAG:
                startMedium(partner, event);
                break;
            case RECV_RNDV:
                deliverRndv(partner, event);
                break;
            case RECV_NOTIFY:
                endpoint.large.onNotify(partner, event.regionId(), event.regionSeqnum(), event.messageLength());
                break;
            default:
                break;
        }
        updateFrag(partner);
    }

    private void deliverEager(final Partner partner, final DriverEvent event)
    {
        final long info = event.matchInfo();
        final ByteBuffer payload = event.payload();
        final int length = payload.remaining();
        RecvRequest receive = endpoint.matcher.matchPosted(info);
        if (receive == null)
        {
            if (endpoint.callUnexpectedHandler(partner, info, length, payload) == MxUnexpectedHandler.Action.FINISHED)
            {
                return;
            }
            receive = endpoint.matcher.matchPosted(info);
        }
        if (receive != null)
        {
            receive.matched(partner, info, length);
            receive.segments.scatter(0, payload, payload.position(), receive.xferLength);
            completeReceive(receive);
            return;
        }
        final RecvRequest message = RecvRequest.unexpected(endpoint, partner, info, length);
        message.data = ByteBuffer.allocate(length);
        message.data.put(0, payload, payload.position(), length);
        endpoint.matcher.addUnexpected(message);
        endpoint.counters.increment(MxCounter.UNEXPECTED);
        endpoint.completions.complete(message, MxStatusCode.SUCCESS);
    }

    private void startMedium(final Partner partner, final DriverEvent event)
    {
        final long info = event.matchInfo();
        final int length = event.messageLength();
        final int fragments = Math.max(1, (length + fragmentLength - 1) / fragmentLength);
        RecvRequest target = endpoint.matcher.matchPosted(info);
        if (target == null)
        {
            final ByteBuffer data = fragments == 1 ? event.payload() : null;
            if (endpoint.callUnexpectedHandler(partner, info, length, data) == MxUnexpectedHandler.Action.FINISHED)
            {
                return;
            }
            target = endpoint.matcher.matchPosted(info);
        }
        if (target != null)
        {
            target.matched(partner, info, length);
        }
        else
        {
            target = RecvRequest.unexpected(endpoint, partner, info, length);
            target.data = ByteBuffer.allocate(length);
            endpoint.matcher.addUnexpected(target);
            endpoint.counters.increment(MxCounter.UNEXPECTED);
        }
        target.seqnum = event.seqnum();
        target.fragments = fragments;
        acceptFragment(target, event);
        if (mediumComplete(target))
        {
            finishMedium(target);
        }
        else
        {
            target.state |= MxRequest.RECV_PARTIAL;
            partner.partials.add(target.partnerNode);
        }
    }

    private boolean continuePartial(final Partner partner, final DriverEvent event)
    {
        for (Chain.Node<MxRequest> node = partner.partials.first(); node != null; node = node.next)
        {
            final RecvRequest target = (RecvRequest)node.item;
            if (target.seqnum != event.seqnum())
            {
                continue;
            }
            if (!acceptFragment(target, event))
            {
                return false;
            }
            if (mediumComplete(target))
            {
                partner.partials.remove(node);
                target.state &= ~MxRequest.RECV_PARTIAL;
                finishMedium(target);
                updateFrag(partner);
            }
            return true;
        }
        return false;
    }

    /** @return false for a duplicate fragment (or one that disagrees with the message). */
    private boolean acceptFragment(final RecvRequest target, final DriverEvent event)
    {
        final long bit = 1L << event.fragmentSeqnum();
        if ((target.fragmentMask & bit) != 0 || event.messageLength() != target.msgLength)
        {
            return false;
        }
        target.fragmentMask |= bit;
        target.received += event.fragmentLength();
        final ByteBuffer payload = event.payload();
        final int offset = event.fragmentOffset();
        if (target.segments == null)
        {
            target.data.put(offset, payload, payload.position(), event.fragmentLength());
        }
        else if (offset < target.xferLength)
        {
            final int count = Math.min(event.fragmentLength(), target.xferLength - offset);
            target.segments.scatter(offset, payload, payload.position(), count);
        }
        return true;
    }

    private static boolean mediumComplete(final RecvRequest target)
    {
        return Long.bitCount(target.fragmentMask) == target.fragments && target.received == target.msgLength;
    }

    private void finishMedium(final RecvRequest target)
    {
        if (target.segments != null)
        {
            completeReceive(target);
        }
        else if (target.owner != null)
        {
            endpoint.deliverUnexpected(target, target.owner);
        }
        else
        {
            endpoint.completions.complete(target, MxStatusCode.SUCCESS);
        }
    }

    private void deliverRndv(final Partner partner, final DriverEvent event)
    {
        final long info = event.matchInfo();
        final int length = event.messageLength();
        RecvRequest receive = endpoint.matcher.matchPosted(info);
        if (receive == null)
        {
            if (endpoint.callUnexpectedHandler(partner, info, length, null) == MxUnexpectedHandler.Action.FINISHED)
            {
                endpoint.large.notifySender(partner, 0, event.regionId(), event.regionSeqnum());
                return;
            }
            receive = endpoint.matcher.matchPosted(info);
        }
        if (receive == null)
        {
            receive = RecvRequest.unexpected(endpoint, partner, info, length);
            endpoint.matcher.addUnexpected(receive);
            endpoint.counters.increment(MxCounter.UNEXPECTED);
        }
        else
        {
            receive.matched(partner, info, length);
        }
        receive.rndv = true;
        receive.remoteRegionId = event.regionId();
        receive.remoteRegionSeq = event.regionSeqnum();
        receive.remoteRegionOffset = event.regionOffset();
        if (receive.segments != null)
        {
            endpoint.large.startPull(receive);
        }
    }

    /** Completes an application receive whose bytes are all in place. */
    void completeReceive(final RecvRequest receive)
    {
        endpoint.completions.complete(receive,
            receive.msgLength > receive.xferLength ? MxStatusCode.TRUNCATED : MxStatusCode.SUCCESS);
    }

    private void updateFrag(final Partner partner)
    {
        final MxRequest oldest = partner.partials.peek();
        partner.nextFragRecvSeq = oldest == null ? partner.nextMatchRecvSeq : ((RecvRequest)oldest).seqnum;
        endpoint.acker.onReceived(partner);
    }

    private void queueEarly(final Partner partner, final DriverEvent event)
    {
        if (partner.early.size() >= EARLY_QUEUE_MAX)
        {
            endpoint.counters.increment(MxCounter.EARLY_DROPPED);
            return;
        }
        final int key = earlyKey(partner, event.seqnum(), event.fragmentSeqnum());
        Chain.Node<EarlyPacket> node = partner.early.first();
        while (node != null)
        {
            final int other = earlyKey(partner, node.item.seqnum(), node.item.fragment());
            if (other == key)
            {
                endpoint.counters.increment(MxCounter.DUPLICATES);
                return;
            }
            if (other > key)
            {
                break;
            }
            node = node.next;
        }
        partner.early.insertBefore(new EarlyPacket(event).node, node);
        endpoint.counters.increment(MxCounter.EARLY_QUEUED);
    }

    private static int earlyKey(final Partner partner, final int seqnum, final int fragment)
    {
        return SeqNum.distance(seqnum, partner.nextFragRecvSeq) * Long.SIZE + fragment;
    }

    private void replayEarly(final Partner partner)
    {
        EarlyPacket head;
        while ((head = partner.early.peek()) != null)
        {
            final int index = SeqNum.distance(head.seqnum(), partner.nextFragRecvSeq);
            final int matchIndex = SeqNum.distance(partner.nextMatchRecvSeq, partner.nextFragRecvSeq);
            if (index == matchIndex)
            {
                partner.early.poll();
                processInOrder(partner, head.event);
            }
            else if (index < matchIndex)
            {
                partner.early.poll();
                if (head.event.type() != EventType.RECV_MEDIUM_FRAG || !continuePartial(partner, head.event))
                {
                    endpoint.counters.increment(MxCounter.DUPLICATES);
                }
            }
            else
            {
                return;
            }
        }
    }
}
