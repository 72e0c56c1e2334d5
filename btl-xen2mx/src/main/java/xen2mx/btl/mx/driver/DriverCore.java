package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.protocol.EagerMessageFlyweight;
import xen2mx.btl.mx.protocol.MediumFragFlyweight;
import xen2mx.btl.mx.protocol.MxoeFrameDecoder;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeFrameEncoder;
import xen2mx.btl.mx.protocol.MxoeLayout;

/**
 * The driver core for one board (Open-MX's kernel driver, in Java): endpoints and sessions, the peer table, frame
 * building for every library command, validated reception with NACKs ({@link FrameReceiver}), and the pull engine
 * ({@link PullEngine}). The same class serves the {@link NativeDriver} (endpoints owned by the process itself) and
 * the backend (endpoints owned by guests): it sees an endpoint's owner only as an {@link EndpointOwner}.
 *
 * <p>Not thread-safe: one thread at a time (the caller serialises, as {@link NativeDriver} does with a lock). It
 * owns nothing it did not create: the channel stays the caller's.
 *
 * <p>Duty cycle ({@link #doWork()}): frames from the link (at most a batch), frames queued for the local loopback,
 * then pull timers. It never throws: an exception while handling one frame or timer is counted in
 * {@link DriverCounter#ERRORS} and given to the error handler, and the cycle goes on.
 */
public final class DriverCore implements Agent
{
    /** How often the link is asked how many frames it dropped for a full receive ring (a system call). */
    private static final long RING_DROP_CHECK_NANOS = 10_000_000L;

    private final EthernetChannel channel;
    private final DriverContext context;
    private final DriverLimits limits;
    private final DriverCounters counters;
    private final PeerTable peers;
    private final long boardAddress;
    private final LongSupplier clock;
    private final CoreEndpoint[] endpoints;
    private final int[] lastSession;
    private final boolean[] everOpened;
    private final SplittableRandom sessionRandom;
    private final LoopbackQueue loopback;
    private final FrameTransmitter transmitter;
    private final FrameReceiver receiver;
    private final PullEngine pulls;
    private final EthernetChannel.FrameHandler wireHandler;
    private final String roleName;
    private boolean closed;
    private long nextRingDropCheckNanos;

    /**
     * @param channel the board's link (not closed by the core).
     * @param context configuration, concluded here.
     * @throws IllegalArgumentException if the channel's MTU does not suit the layout or its MAC is not unicast.
     */
    public DriverCore(final EthernetChannel channel, final DriverContext context)
    {
        this(channel, context, context.conclude().countersBuffer() == null
            ? new DriverCounters() : new DriverCounters(context.countersBuffer()));
    }

    /**
     * @param channel  the board's link (not closed by the core).
     * @param context  configuration, concluded here.
     * @param counters where to count (e.g. over a mapped file).
     * @throws IllegalArgumentException if the channel's MTU does not suit the layout or its MAC is not unicast.
     */
    public DriverCore(final EthernetChannel channel, final DriverContext context, final DriverCounters counters)
    {
        this.channel = channel;
        this.context = context.conclude();
        this.counters = counters;
        this.limits = new DriverLimits(channel.mtu(), this.context.wireCompat(), this.context.endpointMax(),
            this.context.peerMax(), this.context.queueSlots());
        this.boardAddress = MxoeFrameDescriptor.macToLong(channel.macAddress());
        if (!PeerTable.isUnicast(boardAddress))
        {
            throw new IllegalArgumentException("interface " + channel.interfaceName() + " has no unicast MAC");
        }
        this.clock = this.context.nanoClock();
        this.peers = new PeerTable(limits.peerMax());
        peers.indexOrAdd(boardAddress);
        peers.reverseIndex(0, 0); // we are peer 0 of our own table
        counters.increment(DriverCounter.PEERS_ADDED);
        this.endpoints = new CoreEndpoint[limits.endpointMax()];
        this.lastSession = new int[limits.endpointMax()];
        this.everOpened = new boolean[limits.endpointMax()];
        this.sessionRandom = new SplittableRandom(this.context.sessionSeed());
        final MxoeLayout layout = limits.layout();
        final int frameCapacity = limits.mtu() + EthernetChannel.ETHERNET_HEADER_LENGTH;
        this.loopback = new LoopbackQueue(256, frameCapacity);
        this.transmitter = new FrameTransmitter(channel, new MxoeFrameEncoder(layout, limits.mtu()), counters, peers,
            loopback, this::onError, boardAddress, frameCapacity);
        this.pulls = new PullEngine(this, transmitter, counters, limits, this.context,
            PullEngine.replyBudget(channel.receiveRingFrames(), limits.pullRepliesPerBlock()));
        this.receiver = new FrameReceiver(this, transmitter, pulls, counters, peers, limits,
            new MxoeFrameDecoder(layout, limits.mtu(), limits.endpointMax()),
            this.context.hostname().getBytes(StandardCharsets.UTF_8));
        this.wireHandler = frame -> receiver.onFrame(frame, false);
        this.roleName = "mx-driver-" + channel.interfaceName();
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /** @return the board's limits. */
    public DriverLimits limits()
    {
        return limits;
    }

    /** @return the counters. */
    public DriverCounters counters()
    {
        return counters;
    }

    /** @return the peer table (core's thread only). */
    public PeerTable peers()
    {
        return peers;
    }

    /** @return this board's address (its MAC as a 48-bit integer). */
    public long boardAddress()
    {
        return boardAddress;
    }

    /** @return the configuration. */
    public DriverContext context()
    {
        return context;
    }

    /**
     * Looks up or adds a peer.
     *
     * @param address board address.
     * @return its index, or {@link Driver#NO_PEER}.
     */
    public int addPeer(final long address)
    {
        final int before = peers.size();
        final int index = peers.indexOrAdd(address);
        if (peers.size() > before)
        {
            counters.increment(DriverCounter.PEERS_ADDED);
        }
        return index < 0 ? Driver.NO_PEER : index;
    }

    /**
     * Opens an endpoint with a fresh session id.
     *
     * @param index endpoint index, or {@link Driver#ANY_ENDPOINT}.
     * @param owner where its events go.
     * @return the endpoint.
     * @throws DriverException BAD_ENDPOINT, BUSY or CLOSED.
     */
    public CoreEndpoint openEndpoint(final int index, final EndpointOwner owner) throws DriverException
    {
        if (closed)
        {
            throw new DriverException(DriverStatus.CLOSED, "the driver is closed");
        }
        int chosen = index;
        if (index == Driver.ANY_ENDPOINT)
        {
            chosen = -1;
            for (int i = 0; i < endpoints.length && chosen < 0; i++)
            {
                if (endpoints[i] == null)
                {
                    chosen = i;
                }
            }
            if (chosen < 0)
            {
                throw new DriverException(DriverStatus.BUSY, "all " + endpoints.length + " endpoints of "
                    + channel.interfaceName() + " are open");
            }
        }
        else if (index < 0 || index >= endpoints.length)
        {
            throw new DriverException(DriverStatus.BAD_ENDPOINT, "endpoint index " + index + " is not in 0.."
                + (endpoints.length - 1));
        }
        else if (endpoints[index] != null)
        {
            throw new DriverException(DriverStatus.BUSY, "endpoint " + index + " of " + channel.interfaceName()
                + " is already open");
        }
        int session = sessionRandom.nextInt();
        while (session == lastSession[chosen])
        {
            session = sessionRandom.nextInt();
        }
        lastSession[chosen] = session;
        everOpened[chosen] = true;
        final CoreEndpoint endpoint = new CoreEndpoint(chosen, session, owner);
        endpoints[chosen] = endpoint;
        counters.increment(DriverCounter.ENDPOINTS_OPENED);
        return endpoint;
    }

    /**
     * Closes an endpoint: its pulls are abandoned without events, its regions forgotten; frames for it are NACKed
     * from now on. Idempotent.
     *
     * @param endpoint the endpoint.
     */
    public void closeEndpoint(final CoreEndpoint endpoint)
    {
        if (!endpoint.open)
        {
            return;
        }
        endpoint.open = false;
        pulls.abandon(endpoint);
        Arrays.fill(endpoint.regions, null);
        if (endpoints[endpoint.index] == endpoint)
        {
            endpoints[endpoint.index] = null;
        }
        counters.increment(DriverCounter.ENDPOINTS_CLOSED);
    }

    /** Closes every endpoint; the core does nothing afterwards. Idempotent. */
    public void close()
    {
        if (closed)
        {
            return;
        }
        for (final CoreEndpoint endpoint : endpoints)
        {
            if (endpoint != null)
            {
                closeEndpoint(endpoint);
            }
        }
        closed = true;
    }

    @Override
    public int doWork()
    {
        if (closed)
        {
            return 0;
        }
        int work = 0;
        try
        {
            work += channel.receive(wireHandler, context.receiveBatch());
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
        final int queued = loopback.size();
        for (int i = 0; i < queued; i++)
        {
            receiver.onFrame(loopback.poll(), true);
            work++;
        }
        final long now = clock.getAsLong();
        if (now - nextRingDropCheckNanos >= 0)
        {
            nextRingDropCheckNanos = now + RING_DROP_CHECK_NANOS;
            countRingDrops();
        }
        try
        {
            work += pulls.onTimer(now);
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
        return work;
    }

    /**
     * Feeds one received frame to the receive path, as the duty cycle does with frames from the link. Never throws.
     *
     * @param frame the frame from position to limit, Ethernet header included.
     */
    public void onFrame(final ByteBuffer frame)
    {
        receiver.onFrame(frame, false);
    }

    private void countRingDrops()
    {
        try
        {
            final long dropped = channel.takeRingDrops();
            if (dropped > 0)
            {
                counters.add(DriverCounter.DROP_RECEIVE_RING_FULL, dropped);
            }
        }
        catch (final RuntimeException ex)
        {
            onError(ex);
        }
    }

    /** @return nanoseconds until the next timer falls due (a long time if none). */
    public long nanosToNextTimer()
    {
        return loopback.size() > 0 ? 0 : pulls.nanosToNextTimer(clock.getAsLong());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands. Each validates, builds its frame(s) and transmits; see DriverEndpoint for the contract.

    /**
     * SEND_TINY or SEND_SMALL.
     *
     * @param endpoint     sender.
     * @param small        true for SMALL.
     * @param peerIndex    destination peer.
     * @param destEndpoint destination endpoint.
     * @param sessionId    destination session.
     * @param seqnum       16-bit seqnum.
     * @param piggyack     16-bit piggyack.
     * @param matchInfo    match info.
     * @param payload      position to limit.
     * @return the status.
     */
    public DriverStatus sendEager(
        final CoreEndpoint endpoint,
        final boolean small,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final ByteBuffer payload)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        final int length = payload.remaining();
        if (length > (small ? DriverLimits.SMALL_LENGTH_MAX : DriverLimits.TINY_LENGTH_MAX))
        {
            return DriverStatus.BAD_LENGTH;
        }
        final ByteBuffer tx = transmitter.buffer();
        final EagerMessageFlyweight frame = small
            ? transmitter.encoder().small(tx, 0) : transmitter.encoder().tiny(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).libSeqnum(seqnum & 0xFFFF)
            .libPiggyack(piggyack & 0xFFFF).matchInfo(matchInfo).session(sessionId)
            .payload(payload, payload.position(), length);
        transmitter.transmit(frame, small ? DriverCounter.SMALL_SENT : DriverCounter.TINY_SENT);
        return DriverStatus.SUCCESS;
    }

    /**
     * SEND_MEDIUMSQ_FRAG; posts SEND_MEDIUMSQ_FRAG_DONE once the bytes are copied into the frame.
     *
     * @param endpoint       sender.
     * @param peerIndex      destination peer.
     * @param destEndpoint   destination endpoint.
     * @param sessionId      destination session.
     * @param seqnum         16-bit seqnum.
     * @param piggyack       16-bit piggyack.
     * @param matchInfo      match info.
     * @param messageLength  whole message.
     * @param fragmentSeqnum fragment index.
     * @param sendQueue      the memory {@code sendqOffset} refers to.
     * @param sendqOffset    fragment start in {@code sendQueue}.
     * @param fragmentLength fragment bytes.
     * @return the status.
     */
    public DriverStatus sendMediumFragment(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final int messageLength,
        final int fragmentSeqnum,
        final ByteBuffer sendQueue,
        final int sendqOffset,
        final int fragmentLength)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        final int fragmentMax = limits.mediumFragmentLength();
        if (messageLength < 0 || messageLength > limits.mediumLengthMax()
            || fragmentLength < 0 || fragmentLength > fragmentMax)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (fragmentSeqnum < 0 || fragmentSeqnum >= limits.mediumFragmentsMax()
            || (long)fragmentSeqnum * fragmentMax + fragmentLength > messageLength
            || sendqOffset < 0 || (long)sendqOffset + fragmentLength > sendQueue.capacity())
        {
            return DriverStatus.BAD_PARAMETER;
        }
        if (!endpoint.owner.reserveExpected())
        {
            counters.increment(DriverCounter.NO_RESOURCES);
            return DriverStatus.NO_RESOURCES;
        }
        final ByteBuffer tx = transmitter.buffer();
        final MediumFragFlyweight frame = transmitter.encoder().mediumFrag(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).libSeqnum(seqnum & 0xFFFF)
            .libPiggyack(piggyack & 0xFFFF).matchInfo(matchInfo).session(sessionId);
        frame.msgLength(messageLength).fragSeqnum(fragmentSeqnum).payload(sendQueue, sendqOffset, fragmentLength);
        transmitter.transmit(frame, DriverCounter.MEDIUM_FRAG_SENT);
        final DriverEvent done = receiver.scratchEvent().reset(EventType.SEND_MEDIUMSQ_FRAG_DONE)
            .peerIndex(peerIndex).srcEndpoint(destEndpoint).sendqOffset(sendqOffset);
        endpoint.owner.postExpected(done);
        return DriverStatus.SUCCESS;
    }

    /**
     * SEND_RNDV.
     *
     * @param endpoint           sender.
     * @param peerIndex          destination peer.
     * @param destEndpoint       destination endpoint.
     * @param sessionId          destination session.
     * @param seqnum             16-bit seqnum.
     * @param piggyack           16-bit piggyack.
     * @param matchInfo          match info.
     * @param messageLength      message length.
     * @param pulledRegionId     region holding the message.
     * @param pulledRegionSeqnum 8-bit region use counter.
     * @return the status.
     */
    public DriverStatus sendRndv(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final long matchInfo,
        final int messageLength,
        final int pulledRegionId,
        final int pulledRegionSeqnum)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (messageLength < 0)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        final ByteBuffer tx = transmitter.buffer();
        final var frame = transmitter.encoder().rndv(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).libSeqnum(seqnum & 0xFFFF)
            .libPiggyack(piggyack & 0xFFFF).matchInfo(matchInfo).session(sessionId);
        frame.msgLength(messageLength).pulledRdmaId(pulledRegionId).pulledRdmaSeqnum(pulledRegionSeqnum & 0xFF)
            .pulledRdmaOffset(0);
        transmitter.transmit(frame, DriverCounter.RNDV_SENT);
        return DriverStatus.SUCCESS;
    }

    /**
     * PULL; see {@link DriverEndpoint#pull}.
     *
     * @param endpoint           puller.
     * @param peerIndex          pulled peer.
     * @param destEndpoint       pulled endpoint.
     * @param sessionId          pulled endpoint's session.
     * @param length             bytes.
     * @param pullerRegionId     local region.
     * @param pulledRegionId     remote region.
     * @param pulledRegionSeqnum remote region seqnum.
     * @param pulledRegionOffset remote region offset.
     * @param timeoutMillis      deadline, 0 for the default.
     * @param cookie             echoed by PULL_DONE.
     * @return the status.
     */
    public DriverStatus pull(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int length,
        final int pullerRegionId,
        final int pulledRegionId,
        final int pulledRegionSeqnum,
        final int pulledRegionOffset,
        final int timeoutMillis,
        final long cookie)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        return pulls.start(endpoint, peerIndex, destEndpoint, sessionId, length, pullerRegionId, pulledRegionId,
            pulledRegionSeqnum, pulledRegionOffset, timeoutMillis, cookie, clock.getAsLong());
    }

    /**
     * SEND_NOTIFY.
     *
     * @param endpoint           sender (the puller).
     * @param peerIndex          destination peer.
     * @param destEndpoint       destination endpoint.
     * @param sessionId          destination session.
     * @param seqnum             16-bit seqnum.
     * @param piggyack           16-bit piggyack.
     * @param totalLength        bytes pulled.
     * @param pulledRegionId     region id from the RNDV.
     * @param pulledRegionSeqnum region seqnum from the RNDV.
     * @return the status.
     */
    public DriverStatus sendNotify(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int seqnum,
        final int piggyack,
        final int totalLength,
        final int pulledRegionId,
        final int pulledRegionSeqnum)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (totalLength < 0)
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        final ByteBuffer tx = transmitter.buffer();
        final var frame = transmitter.encoder().notifyMessage(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).session(sessionId).totalLength(totalLength)
            .pulledRdmaId(pulledRegionId).pulledRdmaSeqnum(pulledRegionSeqnum & 0xFF).libSeqnum(seqnum & 0xFFFF)
            .libPiggyack(piggyack & 0xFFFF);
        transmitter.transmit(frame, DriverCounter.NOTIFY_SENT);
        return DriverStatus.SUCCESS;
    }

    /**
     * SEND_CONNECT_REQUEST or SEND_CONNECT_REPLY. The source session of a request and the target session of a reply
     * are the caller's business to fill with {@code endpoint}'s own session.
     *
     * @param endpoint              sender.
     * @param peerIndex             destination peer.
     * @param destEndpoint          destination endpoint.
     * @param reply                 true for a reply.
     * @param srcSessionId          request: own session; reply: the requester's session, echoed.
     * @param targetSessionId       reply: own session.
     * @param appKey                request: the key.
     * @param targetRecvSeqnumStart next expected receive seqnum.
     * @param connectSeqnum         8-bit attempt counter.
     * @param statusCode            reply: 0 or 11.
     * @return the status.
     */
    public DriverStatus sendConnect(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final boolean reply,
        final int srcSessionId,
        final int targetSessionId,
        final int appKey,
        final int targetRecvSeqnumStart,
        final int connectSeqnum,
        final int statusCode)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        if (reply && statusCode != DriverEndpoint.CONNECT_STATUS_SUCCESS
            && statusCode != DriverEndpoint.CONNECT_STATUS_BAD_KEY)
        {
            return DriverStatus.BAD_PARAMETER;
        }
        final ByteBuffer tx = transmitter.buffer();
        final var frame = reply ? transmitter.encoder().connectReply(tx, 0) : transmitter.encoder().connectRequest(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).srcDstPeerIndex(peerIndex)
            .srcSessionId(srcSessionId).targetRecvSeqnumStart(targetRecvSeqnumStart & 0xFFFF)
            .connectSeqnum(connectSeqnum & 0xFF);
        if (reply)
        {
            frame.targetSessionId(targetSessionId).statusCode(statusCode);
        }
        else
        {
            frame.appKey(appKey);
        }
        transmitter.transmit(frame, reply ? DriverCounter.CONNECT_REPLY_SENT : DriverCounter.CONNECT_REQUEST_SENT);
        return DriverStatus.SUCCESS;
    }

    /**
     * SEND_LIBACK.
     *
     * @param endpoint     sender.
     * @param peerIndex    destination peer.
     * @param destEndpoint destination endpoint.
     * @param sessionId    destination session.
     * @param ackUpTo      16-bit cumulative ack.
     * @param acknum       32-bit counter.
     * @return the status.
     */
    public DriverStatus sendLiback(
        final CoreEndpoint endpoint,
        final int peerIndex,
        final int destEndpoint,
        final int sessionId,
        final int ackUpTo,
        final int acknum)
    {
        final DriverStatus check = checkDestination(endpoint, peerIndex, destEndpoint);
        if (check != DriverStatus.SUCCESS)
        {
            return check;
        }
        final ByteBuffer tx = transmitter.buffer();
        final var frame = transmitter.encoder().liback(tx, 0);
        transmitter.addressToPeer(frame, peerIndex);
        frame.dstEndpoint(destEndpoint).srcEndpoint(endpoint.index).session(sessionId).libSeqnum(ackUpTo & 0xFFFF)
            .acknum(acknum & 0xFFFF_FFFFL).sendSeq(ackUpTo & 0xFFFF).resent(0);
        transmitter.transmit(frame, DriverCounter.LIBACK_SENT);
        return DriverStatus.SUCCESS;
    }

    /**
     * CREATE_USER_REGION.
     *
     * @param endpoint owner.
     * @param regionId 0..255, not created.
     * @param region   the memory.
     * @return the status.
     */
    public DriverStatus createRegion(final CoreEndpoint endpoint, final int regionId, final Region region)
    {
        if (!endpoint.open)
        {
            return DriverStatus.CLOSED;
        }
        if (regionId < 0 || regionId >= DriverLimits.REGION_MAX || endpoint.regions[regionId] != null)
        {
            return DriverStatus.BAD_REGION;
        }
        endpoint.regions[regionId] = region;
        return DriverStatus.SUCCESS;
    }

    /**
     * DESTROY_USER_REGION; pulls writing into it end with PULL_DONE ABORTED.
     *
     * @param endpoint owner.
     * @param regionId a created region.
     * @return the status.
     */
    public DriverStatus destroyRegion(final CoreEndpoint endpoint, final int regionId)
    {
        if (!endpoint.open)
        {
            return DriverStatus.CLOSED;
        }
        if (regionId < 0 || regionId >= DriverLimits.REGION_MAX || endpoint.regions[regionId] == null)
        {
            return DriverStatus.BAD_REGION;
        }
        pulls.abortRegion(endpoint, regionId);
        endpoint.regions[regionId] = null;
        return DriverStatus.SUCCESS;
    }

    /**
     * @param index an endpoint index from the wire.
     * @return the open endpoint at that index, or null.
     */
    CoreEndpoint endpoint(final int index)
    {
        return index >= 0 && index < endpoints.length ? endpoints[index] : null;
    }

    /**
     * @param index an endpoint index in range.
     * @return true if a frame for it, when not open, should be NACKed rather than dropped silently.
     */
    boolean nackClosed(final int index)
    {
        return context.nackUnknownEndpoints() || everOpened[index];
    }

    /** @return the clock. */
    long now()
    {
        return clock.getAsLong();
    }

    void onError(final Throwable error)
    {
        counters.increment(DriverCounter.ERRORS);
        try
        {
            context.errorHandler().accept(error);
        }
        catch (final RuntimeException ignored)
        {
            // the handler's own failure must not leave the duty cycle either
        }
    }

    private DriverStatus checkDestination(final CoreEndpoint endpoint, final int peerIndex, final int destEndpoint)
    {
        if (!endpoint.open)
        {
            return DriverStatus.CLOSED;
        }
        if (peers.address(peerIndex) < 0)
        {
            return DriverStatus.BAD_PEER;
        }
        if (destEndpoint < 0 || destEndpoint >= MxoeFrameDescriptor.ENDPOINT_INDEX_MAX)
        {
            return DriverStatus.BAD_ENDPOINT;
        }
        return DriverStatus.SUCCESS;
    }
}
