package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverStatus;

/**
 * The send side of the reliability protocol (Open-MX's {@code omx_send.c} and the send half of {@code omx_ack.c}):
 * resources, seqnums, throttling, transmission, resends and what an ack releases.
 *
 * <p>A send goes through, in order: the endpoint's need-resources FIFO (payload copy, send queue slots or a region),
 * the partner's need-seqnum FIFO (throttling: at most {@link SeqNum#THROTTLE_MAX} unacknowledged seqnums), then
 * transmission with a seqnum onto the partner's non-acked queue, where it stays until a cumulative ack covers it.
 * Both FIFOs preserve posting order, so seqnums follow posting order. Tiny, small and medium sends are reported
 * done once transmitted (their data is copied); large sends once the receiver's NOTIFY arrives. Guarded by the
 * endpoint lock.
 */
final class Sender
{
    private final MxEndpoint endpoint;
    private final DriverEndpoint driver;
    private final Chain<MxRequest> needResources = new Chain<>();
    private final SendQueueSlots slots;
    private final ByteBuffer sendQueue;
    private final int fragmentLength;

    Sender(final MxEndpoint endpoint, final DriverEndpoint driver)
    {
        this.endpoint = endpoint;
        this.driver = driver;
        this.fragmentLength = driver.limits().mediumFragmentLength();
        this.slots = new SendQueueSlots(driver.limits().queueSlots(), driver.limits().sendQueueSlotLength());
        this.sendQueue = driver.sendQueue().duplicate();
    }

    /** Starts a send whose partner is not this endpoint; completes it at once if the partner has failed. */
    void post(final SendRequest send)
    {
        final Partner partner = send.partner;
        if (partner.failure != null && send.kind != SendRequest.Kind.NOTIFY)
        {
            endpoint.completions.complete(send, partner.failure);
            return;
        }
        if (!needResources.isEmpty() || !acquireResources(send))
        {
            send.state |= MxRequest.NEED_RESOURCES;
            needResources.add(send.queueNode);
            endpoint.counters.increment(MxCounter.NEED_RESOURCES);
            return;
        }
        afterResources(send);
    }

    /** Retries the need-resources FIFO in order after slots, regions or driver resources were released. */
    void retryNeedResources()
    {
        MxRequest head;
        while ((head = needResources.peek()) != null)
        {
            if (head instanceof RecvRequest receive)
            {
                if (!endpoint.large.tryStartPull(receive))
                {
                    return;
                }
                needResources.poll();
                receive.state &= ~MxRequest.NEED_RESOURCES;
                continue;
            }
            final SendRequest send = (SendRequest)head;
            if (!acquireResources(send))
            {
                return;
            }
            needResources.poll();
            send.state &= ~MxRequest.NEED_RESOURCES;
            afterResources(send);
        }
    }

    /** Queues a pull that found no region or driver resources behind the other waiting requests. */
    void deferPull(final RecvRequest receive)
    {
        receive.state |= MxRequest.NEED_RESOURCES;
        needResources.add(receive.queueNode);
        endpoint.counters.increment(MxCounter.NEED_RESOURCES);
    }

    boolean hasNeedResources()
    {
        return !needResources.isEmpty();
    }

    private boolean acquireResources(final SendRequest send)
    {
        switch (send.kind)
        {
            case TINY:
            case SMALL:
                send.copy = send.segments.copy(send.length);
                return true;
            case MEDIUM:
                final int fragments = fragments(send.length);
                if (slots.available() < fragments)
                {
                    return false;
                }
                send.slots = slots.take(send, fragments);
                for (int i = 0; i < fragments; i++)
                {
                    final int from = i * fragmentLength;
                    send.segments.gather(from, sendQueue, slots.offset(send.slots[i]),
                        Math.min(fragmentLength, send.length - from));
                }
                return true;
            case LARGE:
                return endpoint.large.registerSend(send);
            default:
                return true;
        }
    }

    private void afterResources(final SendRequest send)
    {
        final Partner partner = send.partner;
        if (!partner.needSeqnum.isEmpty() || partner.unackedSent() >= SeqNum.THROTTLE_MAX)
        {
            send.state |= MxRequest.NEED_SEQNUM;
            partner.needSeqnum.add(send.partnerNode);
            endpoint.counters.increment(MxCounter.THROTTLED);
            return;
        }
        assignAndTransmit(send);
    }

    /** Gives throttled sends their seqnums once acks made room. */
    void releaseThrottled(final Partner partner)
    {
        MxRequest head;
        while ((head = partner.needSeqnum.peek()) != null && partner.unackedSent() < SeqNum.THROTTLE_MAX)
        {
            partner.needSeqnum.poll();
            head.state &= ~MxRequest.NEED_SEQNUM;
            assignAndTransmit((SendRequest)head);
        }
    }

    private void assignAndTransmit(final SendRequest send)
    {
        final Partner partner = send.partner;
        send.seqnum = partner.nextSendSeq;
        partner.nextSendSeq = SeqNum.increment(partner.nextSendSeq);
        send.state |= MxRequest.NEED_ACK;
        partner.nonAcked.add(send.partnerNode);
        send.buffered = send.kind != SendRequest.Kind.LARGE;
        transmit(send, endpoint.now());
        endpoint.counters.increment(MxCounter.MESSAGES_SENT);
        switch (send.kind)
        {
            case TINY:
            case SMALL:
            case MEDIUM:
                endpoint.completions.complete(send, MxStatusCode.SUCCESS);
                break;
            case LARGE:
                send.state |= MxRequest.NEED_REPLY;
                break;
            default:
                break;
        }
    }

    /** Hands the message to the driver (first time or resend), with a fresh piggybacked ack. */
    void transmit(final SendRequest send, final long now)
    {
        final Partner partner = send.partner;
        final int piggyack = endpoint.acker.piggyack(partner);
        final int session = partner.trueSessionId;
        DriverStatus result = DriverStatus.SUCCESS;
        switch (send.kind)
        {
            case TINY:
                result = driver.sendTiny(partner.peerIndex, partner.endpointIndex, session, send.seqnum, piggyack,
                    send.matchInfo, send.copy.duplicate());
                break;
            case SMALL:
                result = driver.sendSmall(partner.peerIndex, partner.endpointIndex, session, send.seqnum, piggyack,
                    send.matchInfo, send.copy.duplicate());
                break;
            case MEDIUM:
                for (int i = 0; i < send.slots.length && result == DriverStatus.SUCCESS; i++)
                {
                    result = driver.sendMediumFragment(partner.peerIndex, partner.endpointIndex, session, send.seqnum,
                        piggyack, send.matchInfo, send.length, i, slots.offset(send.slots[i]),
                        Math.min(fragmentLength, send.length - i * fragmentLength));
                    if (result == DriverStatus.SUCCESS)
                    {
                        send.fragmentsInDriver++;
                        send.state |= MxRequest.SENDQ_PENDING;
                    }
                }
                break;
            case LARGE:
                result = driver.sendRndv(partner.peerIndex, partner.endpointIndex, session, send.seqnum, piggyack,
                    send.matchInfo, send.length, send.regionId, send.regionSeq);
                break;
            case NOTIFY:
                result = driver.sendNotify(partner.peerIndex, partner.endpointIndex, partner.backSessionId,
                    send.seqnum, piggyack, send.notifyLength, send.notifyRegionId, send.notifyRegionSeq);
                break;
            default:
                break;
        }
        if (result != DriverStatus.SUCCESS && result != DriverStatus.NO_RESOURCES)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
        }
        send.lastSendNanos = now;
    }

    /** A SEND_MEDIUMSQ_FRAG_DONE event: the driver gave a fragment's send queue bytes back. */
    void onFragmentDone(final int sendqOffset)
    {
        final SendRequest send = slots.ownerAt(sendqOffset);
        if (send == null || send.fragmentsInDriver == 0)
        {
            return;
        }
        send.fragmentsInDriver--;
        if (send.fragmentsInDriver == 0)
        {
            send.state &= ~MxRequest.SENDQ_PENDING;
            if (!send.has(MxRequest.NEED_ACK))
            {
                releaseSlots(send);
            }
        }
    }

    /**
     * The peer acknowledged {@code send} (status SUCCESS), or it is being dropped with an error status (NACK,
     * unreachable, disconnect). The caller has taken it off the non-acked queue.
     */
    void acked(final SendRequest send, final MxStatusCode code)
    {
        send.state &= ~MxRequest.NEED_ACK;
        switch (send.kind)
        {
            case TINY:
            case SMALL:
                send.copy = null;
                break;
            case MEDIUM:
                if (send.fragmentsInDriver == 0)
                {
                    releaseSlots(send);
                }
                break;
            case LARGE:
                if (code != MxStatusCode.SUCCESS)
                {
                    endpoint.large.abandonSend(send);
                    endpoint.completions.complete(send, code);
                    return;
                }
                if (send.has(MxRequest.NEED_REPLY))
                {
                    endpoint.large.awaitNotify(send);
                    return;
                }
                break;
            default:
                return;
        }
        if (!send.has(MxRequest.DONE))
        {
            endpoint.completions.complete(send, code);
        }
    }

    private void releaseSlots(final SendRequest send)
    {
        if (send.slots != null)
        {
            slots.release(send.slots);
            send.slots = null;
            retryNeedResources();
        }
    }

    /**
     * Resends what has waited too long for an ack; declares a partner unreachable after too many resends.
     *
     * @return the number of messages resent.
     */
    int resend(final Partner partner, final long now)
    {
        final long delay = endpoint.config.resendDelayNanos();
        int resent = 0;
        for (Chain.Node<MxRequest> node = partner.nonAcked.first(); node != null; node = node.next)
        {
            final SendRequest send = (SendRequest)node.item;
            if (now - send.lastSendNanos < delay || send.fragmentsInDriver > 0)
            {
                continue;
            }
            if (++send.resends > send.resendsMax)
            {
                endpoint.partnerUnreachable(partner);
                return resent;
            }
            transmit(send, now);
            endpoint.counters.increment(MxCounter.RESENDS);
            resent++;
        }
        return resent;
    }

    /** Fails every send to {@code partner} that has no seqnum yet (cleanup). */
    void dropUnsent(final Partner partner, final MxStatusCode code)
    {
        MxRequest request;
        while ((request = partner.needSeqnum.poll()) != null)
        {
            request.state &= ~MxRequest.NEED_SEQNUM;
            failUnsent((SendRequest)request, code);
        }
        Chain.Node<MxRequest> node = needResources.first();
        while (node != null)
        {
            final Chain.Node<MxRequest> next = node.next;
            if (node.item.partner == partner && node.item instanceof SendRequest send)
            {
                needResources.remove(node);
                send.state &= ~MxRequest.NEED_RESOURCES;
                failUnsent(send, code);
            }
            node = next;
        }
    }

    private void failUnsent(final SendRequest send, final MxStatusCode code)
    {
        if (send.kind == SendRequest.Kind.MEDIUM && send.slots != null)
        {
            slots.release(send.slots);
            send.slots = null;
        }
        if (send.kind == SendRequest.Kind.LARGE)
        {
            endpoint.large.abandonSend(send);
        }
        if (!send.has(MxRequest.DONE))
        {
            endpoint.completions.complete(send, code);
        }
    }

    int fragments(final int length)
    {
        return Math.max(1, (length + fragmentLength - 1) / fragmentLength);
    }
}
