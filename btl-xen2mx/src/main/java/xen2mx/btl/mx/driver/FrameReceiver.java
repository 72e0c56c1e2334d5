package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.Arrays;

import xen2mx.btl.mx.protocol.ConnectFlyweight;
import xen2mx.btl.mx.protocol.DecodedFrame;
import xen2mx.btl.mx.protocol.EagerMessageFlyweight;
import xen2mx.btl.mx.protocol.HostQueryFlyweight;
import xen2mx.btl.mx.protocol.MediumFragFlyweight;
import xen2mx.btl.mx.protocol.MxoeFrameDecoder;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeFrameFlyweight;
import xen2mx.btl.mx.protocol.MxoeLayout;
import xen2mx.btl.mx.protocol.MxoePacketType;
import xen2mx.btl.mx.protocol.NackLibFlyweight;
import xen2mx.btl.mx.protocol.NotifyFlyweight;
import xen2mx.btl.mx.protocol.RndvFlyweight;
import xen2mx.btl.mx.protocol.TrucFlyweight;

/**
 * The receive path: every frame is decoded and validated by the codec, then checked here as Open-MX's driver does
 * (in this order): addressed to this board, sender known (peer index from the head, cross-checked with the source
 * MAC, or the source MAC itself), destination endpoint open (else NACK_LIB ENDPT_CLOSED), session equal to the
 * endpoint's (else NACK_LIB BAD_SESSION; libacks are dropped without NACK), room in the endpoint's unexpected queue
 * (else dropped: the peer resends). Then it becomes an event, or goes to the {@link PullEngine}.
 *
 * <p>Every received frame ends in exactly one {@link DriverCounter.Kind#ACCEPTED} or
 * {@link DriverCounter.Kind#DROPPED} counter. Nothing here throws out of {@link #onFrame}. Not thread-safe; the core's
 * thread only.
 */
final class FrameReceiver
{
    private static final long GROUP_ADDRESS_BIT = 1L << 40;
    private static final DriverCounter[] DROP_COUNTERS = {
        DriverCounter.DROP_TOO_SHORT,
        DriverCounter.DROP_BAD_ETHERTYPE,
        DriverCounter.DROP_UNKNOWN_TYPE,
        DriverCounter.DROP_INVALID_TYPE,
        DriverCounter.DROP_BAD_DATA_LENGTH,
        DriverCounter.DROP_LENGTH_MISMATCH,
        DriverCounter.DROP_BAD_FIELD,
        DriverCounter.DROP_BAD_ENDPOINT,
    };

    private final DriverCore core;
    private final FrameTransmitter transmitter;
    private final PullEngine pulls;
    private final DriverCounters counters;
    private final PeerTable peers;
    private final DriverLimits limits;
    private final MxoeFrameDecoder decoder;
    private final byte[] hostname;
    private final long boardAddress;
    private final boolean wireCompat;
    private final DriverEvent event = new DriverEvent();
    private final DriverEvent scratch = new DriverEvent();

    FrameReceiver(
        final DriverCore core,
        final FrameTransmitter transmitter,
        final PullEngine pulls,
        final DriverCounters counters,
        final PeerTable peers,
        final DriverLimits limits,
        final MxoeFrameDecoder decoder,
        final byte[] hostname)
    {
        this.core = core;
        this.transmitter = transmitter;
        this.pulls = pulls;
        this.counters = counters;
        this.peers = peers;
        this.limits = limits;
        this.decoder = decoder;
        this.hostname = hostname.length > 79 ? Arrays.copyOf(hostname, 79) : hostname;
        this.boardAddress = core.boardAddress();
        this.wireCompat = decoder.layout() == MxoeLayout.MX_WIRE_COMPAT;
    }

    /** @return an event object for command completions built outside the receive path. */
    DriverEvent scratchEvent()
    {
        return scratch;
    }

    /**
     * Handles one frame. Never throws.
     *
     * @param frame        the frame from position to limit.
     * @param fromLoopback true if it came from this board's loopback queue (its source MAC is ours).
     */
    void onFrame(final ByteBuffer frame, final boolean fromLoopback)
    {
        try
        {
            receive(frame, fromLoopback);
        }
        catch (final RuntimeException ex)
        {
            core.onError(ex);
        }
    }

    private void receive(final ByteBuffer frame, final boolean fromLoopback)
    {
        counters.increment(DriverCounter.FRAMES_RECEIVED);
        counters.add(DriverCounter.BYTES_RECEIVED, frame.remaining());
        final DecodedFrame decoded = decoder.decode(frame);
        if (!decoded.isAccepted())
        {
            onDecodeDrop(decoded, fromLoopback);
            return;
        }
        final MxoeFrameFlyweight<?> flyweight = decoded.flyweight();
        final long source = flyweight.sourceMac();
        final long destination = flyweight.destinationMac();
        if (!fromLoopback && source == boardAddress)
        {
            counters.increment(DriverCounter.DROP_OWN_FRAME);
            return;
        }
        if (destination != boardAddress && (destination & GROUP_ADDRESS_BIT) == 0)
        {
            counters.increment(DriverCounter.DROP_NOT_FOR_US);
            return;
        }
        switch (decoded.packetType())
        {
            case TINY:
            case SMALL:
                onEager(decoded, source);
                break;
            case MEDIUM:
                onMedium(decoded, source);
                break;
            case RNDV:
                onRndv(decoded, source);
                break;
            case NOTIFY:
                onNotify(decoded, source);
                break;
            case CONNECT:
                onConnect(decoded, source);
                break;
            case TRUC:
                onLiback(decoded, source);
                break;
            case NACK_LIB:
                onNackLib(decoded, source);
                break;
            case PULL:
                onPull(decoded, source);
                break;
            case PULL_REPLY:
                pulls.onPullReply(decoded.pullReply(), core.now());
                break;
            case NACK_MCP:
                pulls.onNackMcp(decoded.nackMcp());
                break;
            case HOST_QUERY:
                onHostQuery(decoded, source);
                break;
            case HOST_REPLY:
                onHostReply(decoded, source);
                break;
            default:
                counters.increment(DriverCounter.DROP_INVALID_TYPE); // RAW: no raw endpoints here
                break;
        }
    }

    private void onDecodeDrop(final DecodedFrame decoded, final boolean fromLoopback)
    {
        counters.increment(DROP_COUNTERS[decoded.dropReason().ordinal()]);
        final MxoePacketType nack = decoded.requiredNack();
        if (nack == MxoePacketType.NONE || nack == null)
        {
            return;
        }
        final MxoeFrameFlyweight<?> flyweight = decoded.flyweight();
        final long source = flyweight.sourceMac();
        if (!PeerTable.isUnicast(source) || (!fromLoopback && source == boardAddress))
        {
            return;
        }
        final int peer = resolvePeer(flyweight, source);
        if (peer < 0 && decoded.packetType() != MxoePacketType.CONNECT)
        {
            return; // as Open-MX: the sender must be known before its endpoint is even looked at
        }
        if (nack == MxoePacketType.NACK_LIB)
        {
            sendNackLib(source, peer, decoded.dstEndpoint(), decoded.srcEndpoint(), flyweight.peerIndex(),
                decoded.libSeqnum(), NackType.BAD_ENDPT);
        }
        else
        {
            pulls.sendNackMcp(source, peer, decoded.pull().srcEndpoint(), NackType.BAD_ENDPT,
                decoded.pull().srcPullHandle(), decoded.pull().srcMagic());
        }
    }

    private void onEager(final DecodedFrame decoded, final long source)
    {
        final EagerMessageFlyweight eager = decoded.eager();
        final int peer = knownPeer(eager, source);
        if (peer < 0)
        {
            return;
        }
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, true, true);
        if (endpoint == null)
        {
            return;
        }
        final boolean small = decoded.packetType() == MxoePacketType.SMALL;
        final int length = eager.payloadLength();
        event.reset(small ? EventType.RECV_SMALL : EventType.RECV_TINY).peerIndex(peer)
            .srcEndpoint(eager.srcEndpoint()).seqnum(eager.libSeqnum()).piggyack(eager.libPiggyack())
            .matchInfo(eager.matchInfo()).messageLength(length);
        deliver(endpoint, eager.buffer(), eager.payloadOffset(), length,
            small ? DriverCounter.SMALL_RECEIVED : DriverCounter.TINY_RECEIVED);
    }

    private void onMedium(final DecodedFrame decoded, final long source)
    {
        final MediumFragFlyweight medium = decoded.medium();
        final int peer = knownPeer(medium, source);
        if (peer < 0)
        {
            return;
        }
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, true, true);
        if (endpoint == null)
        {
            return;
        }
        final int fragSeqnum = medium.fragSeqnum();
        final int fragLength = medium.fragLength();
        final int offset = wireCompat ? fragSeqnum << medium.fragPipeline() : fragSeqnum * limits.mediumFragmentLength();
        event.reset(EventType.RECV_MEDIUM_FRAG).peerIndex(peer).srcEndpoint(medium.srcEndpoint())
            .seqnum(medium.libSeqnum()).piggyack(medium.libPiggyack()).matchInfo(medium.matchInfo())
            .messageLength((int)medium.msgLength()).fragment(fragSeqnum, fragLength, offset);
        deliver(endpoint, medium.buffer(), medium.payloadOffset(), fragLength, DriverCounter.MEDIUM_FRAG_RECEIVED);
    }

    private void onRndv(final DecodedFrame decoded, final long source)
    {
        final RndvFlyweight rndv = decoded.rndv();
        final int peer = knownPeer(rndv, source);
        if (peer < 0)
        {
            return;
        }
        if (rndv.msgLength() > Integer.MAX_VALUE)
        {
            counters.increment(DriverCounter.DROP_BAD_DATA_LENGTH);
            return;
        }
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, true, true);
        if (endpoint == null)
        {
            return;
        }
        event.reset(EventType.RECV_RNDV).peerIndex(peer).srcEndpoint(rndv.srcEndpoint()).seqnum(rndv.libSeqnum())
            .piggyack(rndv.libPiggyack()).matchInfo(rndv.matchInfo()).messageLength((int)rndv.msgLength())
            .region(rndv.pulledRdmaId(), rndv.pulledRdmaSeqnum(), rndv.pulledRdmaOffset());
        deliver(endpoint, null, 0, 0, DriverCounter.RNDV_RECEIVED);
    }

    private void onNotify(final DecodedFrame decoded, final long source)
    {
        final NotifyFlyweight notify = decoded.notifyMessage();
        final int peer = knownPeer(notify, source);
        if (peer < 0)
        {
            return;
        }
        if (notify.totalLength() > Integer.MAX_VALUE)
        {
            counters.increment(DriverCounter.DROP_BAD_DATA_LENGTH);
            return;
        }
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, true, true);
        if (endpoint == null)
        {
            return;
        }
        event.reset(EventType.RECV_NOTIFY).peerIndex(peer).srcEndpoint(notify.srcEndpoint())
            .seqnum(notify.libSeqnum()).piggyack(notify.libPiggyack()).messageLength((int)notify.totalLength())
            .region(notify.pulledRdmaId(), notify.pulledRdmaSeqnum(), 0);
        deliver(endpoint, null, 0, 0, DriverCounter.NOTIFY_RECEIVED);
    }

    private void onConnect(final DecodedFrame decoded, final long source)
    {
        final ConnectFlyweight connect = decoded.connect();
        if (!PeerTable.isUnicast(source))
        {
            counters.increment(DriverCounter.DROP_BAD_PEER);
            return;
        }
        final int peer = core.addPeer(source); // connects find their peer by MAC and may introduce it
        if (peer < 0)
        {
            counters.increment(DriverCounter.DROP_PEER_TABLE_FULL);
            return;
        }
        peers.reverseIndex(peer, connect.srcDstPeerIndex());
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, false, true);
        if (endpoint == null)
        {
            return;
        }
        final boolean reply = connect.isReply();
        event.reset(reply ? EventType.RECV_CONNECT_REPLY : EventType.RECV_CONNECT_REQUEST).peerIndex(peer)
            .srcEndpoint(connect.srcEndpoint()).seqnum(connect.libSeqnum());
        if (reply)
        {
            event.connect(connect.srcSessionId(), connect.targetSessionId(), 0, connect.targetRecvSeqnumStart(),
                connect.connectSeqnum(), connect.statusCode());
        }
        else
        {
            event.connect(connect.srcSessionId(), 0, connect.appKey(), connect.targetRecvSeqnumStart(),
                connect.connectSeqnum(), 0);
        }
        deliver(endpoint, null, 0, 0,
            reply ? DriverCounter.CONNECT_REPLY_RECEIVED : DriverCounter.CONNECT_REQUEST_RECEIVED);
    }

    private void onLiback(final DecodedFrame decoded, final long source)
    {
        final TrucFlyweight truc = decoded.truc();
        final int peer = knownPeer(truc, source);
        if (peer < 0)
        {
            return;
        }
        final CoreEndpoint endpoint = acceptEndpoint(decoded, source, peer, true, false);
        if (endpoint == null)
        {
            return;
        }
        event.reset(EventType.RECV_LIBACK).peerIndex(peer).srcEndpoint(truc.srcEndpoint()).seqnum(truc.libSeqnum())
            .liback((int)truc.acknum(), truc.sendSeq(), truc.resent());
        deliver(endpoint, null, 0, 0, DriverCounter.LIBACK_RECEIVED);
    }

    private void onNackLib(final DecodedFrame decoded, final long source)
    {
        final NackLibFlyweight nack = decoded.nackLib();
        final int peer = resolvePeer(nack, source);
        if (peer < 0)
        {
            counters.increment(DriverCounter.DROP_BAD_PEER);
            return;
        }
        final CoreEndpoint endpoint = core.endpoint(nack.dstEndpoint());
        if (endpoint == null)
        {
            counters.increment(DriverCounter.DROP_NACK_BAD_ENDPOINT);
            return;
        }
        event.reset(EventType.RECV_NACK_LIB).peerIndex(peer).srcEndpoint(nack.srcEndpoint())
            .nackType(nack.nackTypeCode()).seqnum(nack.libSeqnum());
        deliver(endpoint, null, 0, 0, DriverCounter.NACK_LIB_RECEIVED);
    }

    private void onPull(final DecodedFrame decoded, final long source)
    {
        final var pull = decoded.pull();
        final int peer = knownPeer(pull, source);
        if (peer < 0)
        {
            return;
        }
        final CoreEndpoint endpoint = core.endpoint(pull.dstEndpoint());
        if (endpoint == null)
        {
            counters.increment(DriverCounter.DROP_ENDPOINT_CLOSED);
            if (core.nackClosed(pull.dstEndpoint()))
            {
                pulls.sendNackMcp(source, peer, pull.srcEndpoint(), NackType.ENDPT_CLOSED, pull.srcPullHandle(),
                    pull.srcMagic());
            }
            return;
        }
        if (pull.session() != endpoint.sessionId)
        {
            counters.increment(DriverCounter.DROP_BAD_SESSION);
            pulls.sendNackMcp(source, peer, pull.srcEndpoint(), NackType.BAD_SESSION, pull.srcPullHandle(),
                pull.srcMagic());
            return;
        }
        pulls.onPullRequest(endpoint, pull, peer, source);
    }

    private void onHostQuery(final DecodedFrame decoded, final long source)
    {
        final HostQueryFlyweight query = decoded.host();
        if (!PeerTable.isUnicast(source))
        {
            counters.increment(DriverCounter.DROP_BAD_PEER);
            return;
        }
        final int peer = peers.index(source);
        if (peer >= 0)
        {
            peers.reverseIndex(peer, query.srcDstPeerIndex());
        }
        counters.increment(DriverCounter.HOST_QUERY_RECEIVED);
        final HostQueryFlyweight reply = transmitter.encoder().hostReply(transmitter.buffer(), 0);
        transmitter.addressToMac(reply, source, peer);
        reply.srcDstPeerIndex(peer < 0 ? PeerTable.UNKNOWN_INDEX : peer)
            .magic(MxoeFrameDescriptor.HOST_QUERY_MAGIC).hostname(hostname, 0, hostname.length);
        transmitter.transmit(reply, DriverCounter.HOST_REPLY_SENT);
    }

    private void onHostReply(final DecodedFrame decoded, final long source)
    {
        final HostQueryFlyweight reply = decoded.host();
        final int peer = PeerTable.isUnicast(source) ? peers.index(source) : -1;
        if (peer < 0)
        {
            counters.increment(DriverCounter.DROP_BAD_PEER);
            return;
        }
        peers.reverseIndex(peer, reply.srcDstPeerIndex());
        counters.increment(DriverCounter.HOST_REPLY_RECEIVED);
    }

    /**
     * Resolves the sender of a frame that must come from a known peer, counting a drop if none.
     */
    private int knownPeer(final MxoeFrameFlyweight<?> frame, final long source)
    {
        final int peer = resolvePeer(frame, source);
        if (peer < 0)
        {
            counters.increment(DriverCounter.DROP_BAD_PEER);
        }
        return peer;
    }

    /**
     * The head's peer index is the sender's index in our table; trust it only if our table has the frame's source MAC
     * there, else look the MAC up (a stale or unknown reverse index on the sender's side).
     */
    private int resolvePeer(final MxoeFrameFlyweight<?> frame, final long source)
    {
        final int index = frame.peerIndex();
        if (index != PeerTable.UNKNOWN_INDEX && peers.address(index) == source)
        {
            return index;
        }
        final int byMac = peers.index(source);
        if (byMac >= 0)
        {
            counters.increment(DriverCounter.PEER_INDEX_FALLBACKS);
        }
        return byMac;
    }

    /**
     * Finds the open destination endpoint and checks the session, counting and NACKing refusals.
     *
     * @return the endpoint, or null if the frame was refused.
     */
    private CoreEndpoint acceptEndpoint(
        final DecodedFrame decoded,
        final long source,
        final int peer,
        final boolean checkSession,
        final boolean nack)
    {
        final int index = decoded.dstEndpoint();
        final CoreEndpoint endpoint = core.endpoint(index);
        if (endpoint == null)
        {
            counters.increment(DriverCounter.DROP_ENDPOINT_CLOSED);
            if (nack && core.nackClosed(index))
            {
                sendNackLib(source, peer, index, decoded.srcEndpoint(), decoded.flyweight().peerIndex(),
                    decoded.libSeqnum(), NackType.ENDPT_CLOSED);
            }
            return null;
        }
        if (checkSession && decoded.session() != endpoint.sessionId)
        {
            counters.increment(DriverCounter.DROP_BAD_SESSION);
            if (nack)
            {
                sendNackLib(source, peer, index, decoded.srcEndpoint(), decoded.flyweight().peerIndex(),
                    decoded.libSeqnum(), NackType.BAD_SESSION);
            }
            return null;
        }
        return endpoint;
    }

    private void deliver(
        final CoreEndpoint endpoint,
        final ByteBuffer payload,
        final int payloadIndex,
        final int payloadLength,
        final DriverCounter accepted)
    {
        if (endpoint.owner.offerUnexpected(event, payload, payloadIndex, payloadLength))
        {
            counters.increment(accepted);
        }
        else
        {
            counters.increment(DriverCounter.DROP_UNEXP_EVENTQ_FULL);
        }
    }

    private void sendNackLib(
        final long destination,
        final int peer,
        final int refusedEndpoint,
        final int senderEndpoint,
        final int headPeerIndex,
        final int seqnum,
        final int nackType)
    {
        if (senderEndpoint < 0 || refusedEndpoint < 0 || refusedEndpoint > 0xFF)
        {
            return;
        }
        final NackLibFlyweight nack = transmitter.encoder().nackLib(transmitter.buffer(), 0);
        transmitter.addressToMac(nack, destination, peer);
        nack.srcEndpoint(refusedEndpoint).nackTypeCode(nackType).dstEndpoint(senderEndpoint)
            .dstSrcPeerIndex(headPeerIndex).libSeqnum(Math.max(0, seqnum));
        transmitter.transmit(nack, DriverCounter.NACK_LIB_SENT);
    }
}
