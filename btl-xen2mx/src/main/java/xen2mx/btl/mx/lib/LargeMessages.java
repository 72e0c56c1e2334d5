package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverLimits;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.driver.PullStatus;

/**
 * Large messages (Open-MX's {@code omx_large.c}): regions, RNDV/PULL/NOTIFY.
 *
 * <p>Sender: the message's segments become a region (8-bit id, 8-bit use counter); the RNDV names it; the send
 * completes when the NOTIFY naming the same id and counter arrives. Receiver: a matched RNDV gets a region over the
 * receive segments and a PULL; on PULL_DONE the receive completes and a NOTIFY (an ordinary seqnum'd message) tells
 * the sender. Sends may hold at most half the regions, so receives can always pull (Open-MX's deadlock rule).
 *
 * <p>Liveness (not in Open-MX, where such a send waits forever): while a large send waits for its NOTIFY, its RNDV
 * is sent again every resend delay. A live receiver drops it as a duplicate and acks again; a closed or reopened
 * receiving endpoint makes its driver answer with a NACK, which fails the send; silence (the receiver's host or
 * process is gone) fails it as unreachable after {@code resendsMax} probes without any packet from the partner in
 * between. A receiver that is merely slow to post its receive keeps acking, so the send waits as long as needed.
 * Guarded by the endpoint lock.
 */
final class LargeMessages
{
    private static final int SEND_REGIONS_MAX = DriverLimits.REGION_MAX / 2;

    private final MxEndpoint endpoint;
    private final DriverEndpoint driver;
    private final MxRequest[] owners = new MxRequest[DriverLimits.REGION_MAX];
    private final int[] useCounters = new int[DriverLimits.REGION_MAX];
    private final Chain<MxRequest> awaitingNotify = new Chain<>();
    private int sendRegions;
    private int nextRegion;

    LargeMessages(final MxEndpoint endpoint, final DriverEndpoint driver)
    {
        this.endpoint = endpoint;
        this.driver = driver;
    }

    /** @return true if the send got a region over its segments. */
    boolean registerSend(final SendRequest send)
    {
        if (sendRegions >= SEND_REGIONS_MAX)
        {
            return false;
        }
        final int id = allocate(send);
        if (id < 0)
        {
            return false;
        }
        if (create(id, send.segments, send.length) != DriverStatus.SUCCESS)
        {
            owners[id] = null;
            return false;
        }
        sendRegions++;
        send.regionId = id;
        send.regionSeq = useCounters[id];
        return true;
    }

    /** Releases a large send's region (it failed or completed). */
    void abandonSend(final SendRequest send)
    {
        send.state &= ~MxRequest.NEED_REPLY;
        send.queueNode.unlink();
        if (send.regionId >= 0)
        {
            release(send.regionId);
            send.regionId = -1;
            sendRegions--;
            endpoint.sender.retryNeedResources();
        }
    }

    /** The RNDV was acknowledged; the send now waits for the NOTIFY. */
    void awaitNotify(final SendRequest send)
    {
        awaitingNotify.add(send.queueNode);
    }

    /** A NOTIFY from {@code partner} arrived in order. */
    void onNotify(final Partner partner, final int regionId, final int regionSeq, final int pulled)
    {
        if (regionId >= owners.length || !(owners[regionId] instanceof SendRequest send) || send.partner != partner
            || send.regionSeq != regionSeq || !send.has(MxRequest.NEED_REPLY))
        {
            endpoint.counters.increment(MxCounter.DUPLICATES);
            return;
        }
        if (send.has(MxRequest.NEED_ACK))
        {
            send.partnerNode.unlink();
            send.state &= ~MxRequest.NEED_ACK;
        }
        send.status.lengths(send.length, pulled);
        abandonSend(send);
        endpoint.completions.complete(send, MxStatusCode.SUCCESS);
    }

    /** Sends the liveness probes that are due. */
    int probe(final long now)
    {
        final long delay = endpoint.config.resendDelayNanos();
        int probes = 0;
        for (Chain.Node<MxRequest> node = awaitingNotify.first(); node != null; node = node.next)
        {
            final SendRequest send = (SendRequest)node.item;
            if (now - send.lastSendNanos < delay)
            {
                continue;
            }
            send.resends = send.partner.lastHeardNanos - send.lastSendNanos > 0 ? 0 : send.resends + 1;
            if (send.resends > send.resendsMax)
            {
                endpoint.partnerUnreachable(send.partner);
                return probes;
            }
            endpoint.sender.transmit(send, now);
            endpoint.counters.increment(MxCounter.LIVENESS_PROBES);
            probes++;
        }
        return probes;
    }

    /** @return the large send to {@code partner} with seqnum {@code seqnum} waiting for its NOTIFY, or null. */
    SendRequest awaitingNotify(final Partner partner, final int seqnum)
    {
        for (Chain.Node<MxRequest> node = awaitingNotify.first(); node != null; node = node.next)
        {
            final SendRequest send = (SendRequest)node.item;
            if (send.partner == partner && send.seqnum == seqnum)
            {
                return send;
            }
        }
        return null;
    }

    /** Fails the large sends to {@code partner} waiting for a NOTIFY (cleanup). */
    void dropAwaiting(final Partner partner, final MxStatusCode code)
    {
        Chain.Node<MxRequest> node = awaitingNotify.first();
        while (node != null)
        {
            final Chain.Node<MxRequest> next = node.next;
            final SendRequest send = (SendRequest)node.item;
            if (send.partner == partner)
            {
                abandonSend(send);
                endpoint.completions.complete(send, code);
            }
            node = next;
        }
    }

    /**
     * Starts pulling the large message a receive matched, or queues the receive until a region is free.
     */
    void startPull(final RecvRequest receive)
    {
        if (endpoint.sender.hasNeedResources() || !tryStartPull(receive))
        {
            endpoint.sender.deferPull(receive);
        }
    }

    /** @return false if no region or pull resources are available now (nothing changed). */
    boolean tryStartPull(final RecvRequest receive)
    {
        final Partner partner = receive.partner;
        if (receive.xferLength == 0)
        {
            finishReceive(receive, PullStatus.SUCCESS);
            return true;
        }
        final int id = allocate(receive);
        if (id < 0)
        {
            return false;
        }
        if (create(id, receive.segments, receive.xferLength) != DriverStatus.SUCCESS)
        {
            owners[id] = null;
            return false;
        }
        final DriverStatus result = driver.pull(partner.peerIndex, partner.endpointIndex, partner.backSessionId,
            receive.xferLength, id, receive.remoteRegionId, receive.remoteRegionSeq, receive.remoteRegionOffset, 0,
            id);
        if (result == DriverStatus.NO_RESOURCES)
        {
            release(id);
            return false;
        }
        if (result != DriverStatus.SUCCESS)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
            release(id);
            finishReceive(receive, PullStatus.ABORTED);
            return true;
        }
        receive.regionId = id;
        receive.state |= MxRequest.PULLING;
        endpoint.counters.increment(MxCounter.PULLS);
        return true;
    }

    /** A PULL_DONE event for the pull whose cookie (our region id) is {@code regionId}. */
    void onPullDone(final int regionId, final int pullStatus)
    {
        if (regionId < 0 || regionId >= owners.length || !(owners[regionId] instanceof RecvRequest receive)
            || !receive.has(MxRequest.PULLING))
        {
            return;
        }
        receive.state &= ~MxRequest.PULLING;
        release(regionId);
        receive.regionId = -1;
        finishReceive(receive, pullStatus);
        endpoint.sender.retryNeedResources();
    }

    private void finishReceive(final RecvRequest receive, final int pullStatus)
    {
        if (pullStatus != PullStatus.SUCCESS)
        {
            endpoint.completions.complete(receive, fromPullStatus(pullStatus));
            return;
        }
        notifySender(receive.partner, receive.xferLength, receive.remoteRegionId, receive.remoteRegionSeq);
        endpoint.completions.complete(receive,
            receive.msgLength > receive.xferLength ? MxStatusCode.TRUNCATED : MxStatusCode.SUCCESS);
    }

    /** Sends a NOTIFY (also the zero-length one for a message the unexpected handler discarded). */
    void notifySender(final Partner partner, final int pulled, final int regionId, final int regionSeq)
    {
        endpoint.sender.post(SendRequest.notify(endpoint, partner, pulled, regionId, regionSeq));
    }

    /** Destroys every region still created (closing). */
    void releaseAll()
    {
        for (int id = 0; id < owners.length; id++)
        {
            if (owners[id] != null)
            {
                driver.destroyRegion(id);
                owners[id] = null;
            }
        }
    }

    private int allocate(final MxRequest owner)
    {
        for (int i = 0; i < owners.length; i++)
        {
            final int id = (nextRegion + i) & (owners.length - 1);
            if (owners[id] == null)
            {
                owners[id] = owner;
                useCounters[id] = (useCounters[id] + 1) & 0xFF;
                nextRegion = id + 1;
                return id;
            }
        }
        return -1;
    }

    private DriverStatus create(final int id, final Segments segments, final int length)
    {
        final ByteBuffer[] slices = segments.slices(length);
        final DriverStatus result = slices.length == 1 ? driver.createRegion(id, slices[0])
            : driver.createRegion(id, slices, slices.length);
        if (result != DriverStatus.SUCCESS)
        {
            endpoint.counters.increment(MxCounter.DRIVER_ERRORS);
        }
        return result;
    }

    private void release(final int id)
    {
        driver.destroyRegion(id);
        owners[id] = null;
    }

    static MxStatusCode fromPullStatus(final int pullStatus)
    {
        switch (pullStatus)
        {
            case PullStatus.BAD_ENDPT:
                return MxStatusCode.BAD_ENDPOINT;
            case PullStatus.ENDPT_CLOSED:
                return MxStatusCode.ENDPOINT_CLOSED;
            case PullStatus.BAD_SESSION:
                return MxStatusCode.BAD_SESSION;
            case PullStatus.BAD_RDMAWIN:
                return MxStatusCode.BAD_RDMAWIN;
            case PullStatus.ABORTED:
                return MxStatusCode.ABORTED;
            default:
                return MxStatusCode.ENDPOINT_UNREACHABLE;
        }
    }
}
