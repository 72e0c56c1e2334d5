package xen2mx.btl.mx.lib;

import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.DriverStatus;

/**
 * The connect handshake (Open-MX's {@code omx_partner.c}).
 *
 * <p>Requester: CONNECT request {own session (stamped by the driver), key, our next expected seqnum from the peer,
 * an 8-bit attempt counter}, resent every resend delay until a reply with our session and that counter arrives, or
 * the deadline passes (TIMEOUT).
 *
 * <p>Responder: replies to every request, with status BAD_KEY when the key differs from the endpoint key. On a good
 * key: a requester session different from the one we knew means a new incarnation, so the partner is cleaned and our
 * receive seqnums restart; if it differs from the session we send to, our send seqnums restart at the value the
 * requester asked for. Two extensions to Open-MX: a request with a bad key changes no partner state (keys gate
 * connections), and a request from the same incarnation whose starting seqnum carries another 2-bit session number
 * (the requester disconnected us locally, which bumps it) resynchronises both directions, so that a reconnect after
 * {@code disconnect} works.
 * Guarded by the endpoint lock.
 */
final class Connector
{
    private final MxEndpoint endpoint;
    private final DriverEndpoint driver;
    private final Chain<MxRequest> pending = new Chain<>();

    Connector(final MxEndpoint endpoint, final DriverEndpoint driver)
    {
        this.endpoint = endpoint;
        this.driver = driver;
    }

    /** Starts a connect to a partner other than the endpoint itself. */
    void start(final ConnectRequest connect)
    {
        pending.add(connect.queueNode);
        connect.partner.connects.add(connect.partnerNode);
        connect.state |= MxRequest.NEED_REPLY;
        send(connect, endpoint.now());
    }

    private void send(final ConnectRequest connect, final long now)
    {
        final Partner partner = connect.partner;
        final DriverStatus result = driver.sendConnectRequest(partner.peerIndex, partner.endpointIndex, connect.key,
            partner.nextMatchRecvSeq, connect.connectSeq);
        if (result != DriverStatus.SUCCESS && result != DriverStatus.NO_RESOURCES)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
        }
        connect.lastSendNanos = now;
    }

    /** Resends due connect requests; fails those past their deadline. */
    int timers(final long now)
    {
        int work = 0;
        Chain.Node<MxRequest> node = pending.first();
        while (node != null)
        {
            final Chain.Node<MxRequest> next = node.next;
            final ConnectRequest connect = (ConnectRequest)node.item;
            if (now - connect.deadlineNanos >= 0)
            {
                finish(connect, MxStatusCode.TIMEOUT);
                work++;
            }
            else if (now - connect.lastSendNanos >= endpoint.config.resendDelayNanos())
            {
                send(connect, now);
                endpoint.counters.increment(MxCounter.RESENDS);
                work++;
            }
            node = next;
        }
        return work;
    }

    /** Completes a connect and takes it off both queues. */
    void finish(final ConnectRequest connect, final MxStatusCode code)
    {
        connect.queueNode.unlink();
        connect.partnerNode.unlink();
        connect.state &= ~MxRequest.NEED_REPLY;
        if (code == MxStatusCode.SUCCESS)
        {
            connect.status.source(connect.partner.address());
        }
        endpoint.completions.complete(connect, code);
    }

    /** Cancels a connect still waiting for its reply. */
    boolean cancel(final ConnectRequest connect)
    {
        if (!connect.has(MxRequest.NEED_REPLY))
        {
            return false;
        }
        connect.queueNode.unlink();
        connect.partnerNode.unlink();
        connect.state &= ~MxRequest.NEED_REPLY;
        return true;
    }

    void onRequest(final DriverEvent event)
    {
        endpoint.counters.increment(MxCounter.CONNECT_REQUESTS);
        final Partner partner = endpoint.partners.getOrCreate(event.peerIndex(), event.srcEndpoint());
        if (partner == null)
        {
            endpoint.counters.increment(MxCounter.UNKNOWN_PARTNER);
            return;
        }
        final int requesterSession = event.sessionId();
        final boolean keyOk = event.appKey() == endpoint.key();
        if (keyOk)
        {
            final int target = event.targetRecvSeqnumStart() & 0xFFFF;
            final boolean restarted = partner.backSessionId != requesterSession;
            final boolean resynced = !restarted && partner.trueSessionId == requesterSession
                && SeqNum.session(target) != SeqNum.session(partner.nextSendSeq);
            if (restarted || resynced)
            {
                if (partner.backSessionId != Partner.UNKNOWN_SESSION)
                {
                    endpoint.cleanupPartner(partner, MxStatusCode.ENDPOINT_UNREACHABLE, false);
                }
                partner.nextMatchRecvSeq = SeqNum.reset(partner.nextMatchRecvSeq);
                partner.nextFragRecvSeq = partner.nextMatchRecvSeq;
                partner.lastAckedRecvSeq = partner.nextMatchRecvSeq;
            }
            if (partner.trueSessionId != requesterSession || resynced)
            {
                partner.nextSendSeq = target;
                partner.nextAckedSendSeq = target;
            }
            partner.trueSessionId = requesterSession;
            partner.backSessionId = requesterSession;
            partner.failure = null;
        }
        else
        {
            endpoint.counters.increment(MxCounter.BAD_KEYS);
        }
        final DriverStatus result = driver.sendConnectReply(partner.peerIndex, partner.endpointIndex,
            requesterSession, partner.nextMatchRecvSeq, event.connectSeqnum(),
            keyOk ? DriverEndpoint.CONNECT_STATUS_SUCCESS : DriverEndpoint.CONNECT_STATUS_BAD_KEY);
        if (result != DriverStatus.SUCCESS && result != DriverStatus.NO_RESOURCES)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
        }
    }

    void onReply(final DriverEvent event)
    {
        final Partner partner = endpoint.partners.get(event.peerIndex(), event.srcEndpoint());
        if (partner == null || event.sessionId() != driver.sessionId())
        {
            return;
        }
        final MxStatusCode code;
        if (event.connectStatus() == DriverEndpoint.CONNECT_STATUS_SUCCESS)
        {
            code = MxStatusCode.SUCCESS;
        }
        else if (event.connectStatus() == DriverEndpoint.CONNECT_STATUS_BAD_KEY)
        {
            code = MxStatusCode.BAD_KEY;
        }
        else
        {
            return;
        }
        for (Chain.Node<MxRequest> node = partner.connects.first(); node != null; node = node.next)
        {
            final ConnectRequest connect = (ConnectRequest)node.item;
            if (connect.connectSeq != event.connectSeqnum())
            {
                continue;
            }
            if (code == MxStatusCode.SUCCESS)
            {
                connect.queueNode.unlink();
                connect.partnerNode.unlink();
                final int target = event.targetSessionId();
                if (partner.backSessionId != target && partner.backSessionId != Partner.UNKNOWN_SESSION)
                {
                    endpoint.cleanupPartner(partner, MxStatusCode.ENDPOINT_UNREACHABLE, false);
                }
                if (partner.trueSessionId != target)
                {
                    partner.nextSendSeq = event.targetRecvSeqnumStart() & 0xFFFF;
                    partner.nextAckedSendSeq = partner.nextSendSeq;
                }
                partner.trueSessionId = target;
                if (partner.backSessionId == Partner.UNKNOWN_SESSION)
                {
                    partner.backSessionId = target;
                }
                partner.failure = null;
            }
            finish(connect, code);
            return;
        }
    }

    /** Fails the oldest connect to {@code partner} (a NACK answered it). */
    boolean failOldest(final Partner partner, final MxStatusCode code)
    {
        final MxRequest oldest = partner.connects.peek();
        if (oldest == null)
        {
            return false;
        }
        finish((ConnectRequest)oldest, code);
        return true;
    }

    /** Fails every connect to {@code partner} (cleanup). */
    void dropAll(final Partner partner, final MxStatusCode code)
    {
        MxRequest connect;
        while ((connect = partner.connects.peek()) != null)
        {
            finish((ConnectRequest)connect, code);
        }
    }
}
