package xen2mx.btl.mx.lib;

import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverStatus;

/**
 * Acknowledgements (Open-MX's {@code omx_ack.c}): cumulative acks in both directions.
 *
 * <p>Receive side: every seqnum'd packet we send carries {@code piggyack = nextFragRecvSeq}; when nothing goes the
 * other way, a standalone liback (TRUC) goes at once if {@code ackImmediate} messages are owed, else after
 * {@code ackDelay}. Send side: an ack {@code X} is valid if it lies in {@code (nextAckedSendSeq, nextSendSeq]}; it
 * releases every non-acked send below {@code X}. Libacks carry an increasing {@code acknum}; older ones are ignored.
 * Guarded by the endpoint lock.
 */
final class Acker
{
    private final MxEndpoint endpoint;
    private final DriverEndpoint driver;
    /** Partners owing a delayed ack, by increasing deadline (the delay is constant, so FIFO order). */
    private final Chain<Partner> delayed = new Chain<>();

    Acker(final MxEndpoint endpoint, final DriverEndpoint driver)
    {
        this.endpoint = endpoint;
        this.driver = driver;
    }

    /** @return the ack to piggyback on a packet to {@code partner}; that packet acknowledges everything owed. */
    int piggyack(final Partner partner)
    {
        final int value = partner.nextFragRecvSeq;
        partner.lastAckedRecvSeq = value;
        partner.ackNode.unlink();
        return value;
    }

    /** A message from {@code partner} was fully received: schedule or send its ack. */
    void onReceived(final Partner partner)
    {
        final int owed = partner.unackedReceived();
        if (owed >= endpoint.config.ackImmediate())
        {
            sendAck(partner);
        }
        else if (owed > 0 && !partner.ackNode.linked())
        {
            partner.ackDeadline = endpoint.now() + endpoint.config.ackDelayNanos();
            delayed.add(partner.ackNode);
        }
    }

    /** Sends a standalone ack now (our previous ack was probably lost). */
    void sendAck(final Partner partner)
    {
        partner.ackNode.unlink();
        if (partner.backSessionId == Partner.UNKNOWN_SESSION)
        {
            return;
        }
        final int ack = partner.nextFragRecvSeq;
        partner.acknumSent++;
        final DriverStatus result = driver.sendLiback(partner.peerIndex, partner.endpointIndex,
            partner.backSessionId, ack, partner.acknumSent);
        if (result == DriverStatus.SUCCESS)
        {
            partner.lastAckedRecvSeq = ack;
            endpoint.counters.increment(MxCounter.ACKS_SENT);
        }
        else if (result != DriverStatus.NO_RESOURCES)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
        }
    }

    /** Sends the delayed acks whose deadline passed. */
    int sendDue(final long now)
    {
        int sent = 0;
        Partner head;
        while ((head = delayed.peek()) != null && now - head.ackDeadline >= 0)
        {
            sendAck(head);
            sent++;
        }
        return sent;
    }

    /** Sends every delayed ack now (before closing). */
    void flush()
    {
        Partner head;
        while ((head = delayed.peek()) != null)
        {
            sendAck(head);
        }
    }

    /** A liback arrived. */
    void onLiback(final Partner partner, final int ack, final int acknum)
    {
        endpoint.counters.increment(MxCounter.ACKS_RECEIVED);
        partner.lastHeardNanos = endpoint.now();
        if (partner.acknumSeen && acknum - partner.acknumReceived <= 0)
        {
            return;
        }
        partner.acknumSeen = true;
        partner.acknumReceived = acknum;
        onAck(partner, ack);
    }

    /** A cumulative ack arrived (piggybacked or standalone). */
    void onAck(final Partner partner, final int ack)
    {
        if (SeqNum.session(ack) != SeqNum.session(partner.nextAckedSendSeq))
        {
            return;
        }
        final int advance = SeqNum.distance(ack, partner.nextAckedSendSeq);
        if (advance == 0 || advance > partner.unackedSent())
        {
            return;
        }
        MxRequest head;
        while ((head = partner.nonAcked.peek()) != null
            && SeqNum.distance(((SendRequest)head).seqnum, partner.nextAckedSendSeq) < advance)
        {
            partner.nonAcked.poll();
            endpoint.sender.acked((SendRequest)head, MxStatusCode.SUCCESS);
        }
        partner.nextAckedSendSeq = ack;
        endpoint.sender.releaseThrottled(partner);
    }
}
