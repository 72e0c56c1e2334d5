package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.NackMcpFlyweight;
import xen2mx.btl.mx.protocol.PullReplyFlyweight;
import xen2mx.btl.mx.protocol.PullRequestFlyweight;

/**
 * The pull engine (Open-MX's {@code omx_pull.c}, re-thought): both sides of large message transfers.
 *
 * <p><b>Puller</b> ({@link #start}): a {@link PullHandle} from a table of {@value #HANDLES} slots, its wire id
 * made of slot and generation so that late replies to a reused slot are refused. It keeps up to
 * {@link DriverLimits#PULL_BLOCKS_IN_FLIGHT} blocks of up to {@code repliesPerBlock} frames requested, writes each
 * reply straight into the puller region at its message offset, and slides the window when the oldest block is
 * complete. Missing replies are requested again (the missing range of each incomplete block):
 * <ul>
 *   <li>by the retransmission timer, {@link DriverContext#pullRetransmitNanos()} after the last useful reply;</li>
 *   <li>early, once per timer period, when a later block completes while an earlier one is still incomplete.</li>
 * </ul>
 * The pull ends with one PULL_DONE: SUCCESS, the NACK_MCP type, ABORTED (region destroyed) or TIMEOUT (deadline).
 *
 * <p><b>Receive ring budget</b>: the replies of every block requested arrive as one burst into this board's receive
 * ring, and the library may start many pulls at once (a window of large receives). The frames requested and not yet
 * received, over all pulls, stay within {@link #replyBudget} (half the ring): a block that would exceed it waits,
 * and pulls that have no block in flight get the next free room first, one block each, in the order they waited.
 * Without it a window of 4 MiB receives asked for tens of megabytes at once, the ring overflowed, and the lost
 * replies came back only with the retransmission timer.
 *
 * <p><b>Pulled side</b> ({@link #onPullRequest}): no library involvement and no state. Checks the region (NACK_MCP
 * BAD_RDMAWIN) and the requested range (drop), then sends one PULL_REPLY per frame, read straight from the region.
 *
 * <p>Not thread-safe; the core's thread only.
 */
final class PullEngine
{
    /** Pull handles per board (the wire id has 10 bits of slot). */
    static final int HANDLES = 1024;
    /** Longest time between two checks of the pulls' timers (their precision). */
    private static final long SCAN_PERIOD_MAX_NANOS = 1_000_000L;

    private final DriverCore core;
    private final FrameTransmitter transmitter;
    private final DriverCounters counters;
    private final DriverLimits limits;
    private final long retransmitNanos;
    private final long defaultTimeoutNanos;
    private final int frameLength;
    private final int repliesPerBlock;
    private final PullHandle[] handles = new PullHandle[HANDLES];
    private final int[] active = new int[HANDLES];
    private final int[] activePosition = new int[HANDLES];
    private final DriverEvent done = new DriverEvent();
    private final int budget;
    private final ArrayDeque<PullHandle> waiting = new ArrayDeque<>();
    private int activeCount;
    private int nextFree;
    /** Reply frames requested and not yet received, over every pull's window. */
    private int outstanding;
    /** How often the timers of every pull are checked: every duty cycle cost a pass over all pulls (cache misses). */
    private final long scanPeriodNanos;
    private long nextScanNanos;

    PullEngine(
        final DriverCore core,
        final FrameTransmitter transmitter,
        final DriverCounters counters,
        final DriverLimits limits,
        final DriverContext context,
        final int budget)
    {
        this.budget = budget;
        this.core = core;
        this.transmitter = transmitter;
        this.counters = counters;
        this.limits = limits;
        this.retransmitNanos = context.pullRetransmitNanos();
        this.scanPeriodNanos = Math.max(1, Math.min(SCAN_PERIOD_MAX_NANOS, retransmitNanos / 4));
        this.defaultTimeoutNanos = context.pullTimeoutNanos();
        this.frameLength = limits.pullReplyLength();
        this.repliesPerBlock = limits.pullRepliesPerBlock();
        for (int i = 0; i < HANDLES; i++)
        {
            handles[i] = new PullHandle(i);
        }
    }

    /**
     * @param ringFrames      frames the board's receive ring holds.
     * @param repliesPerBlock frames of one block.
     * @return the reply frames all pulls may have requested and not received: half the ring, at least one block.
     */
    static int replyBudget(final int ringFrames, final int repliesPerBlock)
    {
        return Math.max(repliesPerBlock, ringFrames / 2);
    }

    /** @return reply frames requested and not yet received. */
    int outstandingReplies()
    {
        return outstanding;
    }

    /** @return pulls in progress. */
    int activePulls()
    {
        return activeCount;
    }

    DriverStatus start(
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
        final long cookie,
        final long now)
    {
        if (pullerRegionId < 0 || pullerRegionId >= DriverLimits.REGION_MAX || endpoint.regions[pullerRegionId] == null
            || pulledRegionId < 0 || pulledRegionId >= DriverLimits.REGION_MAX)
        {
            return DriverStatus.BAD_REGION;
        }
        final Region region = endpoint.regions[pullerRegionId];
        if (length < 0 || length > region.length() || pulledRegionOffset < 0
            || (long)pulledRegionOffset + length > 0xFFFF_FFFFL
            || (limits.wireCompat() && pulledRegionOffset > 0xFFFF))
        {
            return DriverStatus.BAD_LENGTH;
        }
        if (activeCount == HANDLES || !endpoint.owner.reserveExpected())
        {
            counters.increment(DriverCounter.NO_RESOURCES);
            return DriverStatus.NO_RESOURCES;
        }
        counters.increment(DriverCounter.PULLS_STARTED);
        if (length == 0)
        {
            done.reset(EventType.PULL_DONE).peerIndex(peerIndex).srcEndpoint(destEndpoint).cookie(cookie)
                .region(pullerRegionId, 0, 0).status(PullStatus.SUCCESS);
            endpoint.owner.postExpected(done);
            counters.increment(DriverCounter.PULLS_COMPLETED);
            return DriverStatus.SUCCESS;
        }
        final PullHandle handle = allocate();
        handle.endpoint = endpoint;
        handle.peerIndex = peerIndex;
        handle.destEndpoint = destEndpoint;
        handle.sessionId = sessionId;
        handle.length = length;
        handle.pullerRegionId = pullerRegionId;
        handle.region = region;
        handle.pulledRegionId = pulledRegionId;
        handle.pulledRegionSeqnum = pulledRegionSeqnum & 0xFF;
        handle.pulledOffset = pulledRegionOffset;
        handle.cookie = cookie;
        handle.frameLength = frameLength;
        handle.firstFrameOffset = pulledRegionOffset % frameLength;
        handle.frameCount = PullGeometry.frameCount(length, handle.firstFrameOffset, frameLength);
        handle.repliesPerBlock = repliesPerBlock;
        handle.nextFrame = 0;
        handle.framesReceived = 0;
        handle.windowStart = 0;
        handle.windowSize = 0;
        handle.deadlineNanos = now + (timeoutMillis > 0 ? timeoutMillis * 1_000_000L : defaultTimeoutNanos);
        handle.retransmitDueNanos = now + retransmitNanos;
        if (waiting.isEmpty())
        {
            fillWindow(handle, now);
        }
        else
        {
            wait(handle); // behind the pulls already waiting for room
        }
        return DriverStatus.SUCCESS;
    }

    /**
     * A PULL_REPLY arrived (the codec checked its lengths and magic range).
     *
     * @param reply the frame.
     * @param now   the clock.
     */
    void onPullReply(final PullReplyFlyweight reply, final long now)
    {
        final PullHandle handle = handleFor(reply.dstEndpoint(), reply.dstPullHandle());
        if (handle == null)
        {
            return;
        }
        final long msgOffset = reply.msgOffset();
        final int length = reply.payloadLength();
        final int first = handle.firstFrameOffset;
        final long frameGuess = (msgOffset + first) / handle.frameLength;
        if (frameGuess >= handle.frameCount)
        {
            counters.increment(DriverCounter.DROP_PULL_REPLY_BAD_FRAME);
            return;
        }
        final int frame = (int)frameGuess;
        final long start = PullGeometry.frameStart(frame, first, handle.frameLength);
        final long end = PullGeometry.frameEnd(frame, handle.length, first, handle.frameLength);
        if (start != msgOffset || end - start != length || (frame & 0xFF) != reply.frameSeqnum())
        {
            counters.increment(DriverCounter.DROP_PULL_REPLY_BAD_FRAME);
            return;
        }
        final int block = handle.blockOf(frame);
        if (block < 0)
        {
            counters.increment(frame < handle.nextFrame
                ? DriverCounter.DROP_PULL_REPLY_DUPLICATE : DriverCounter.DROP_PULL_REPLY_OUT_OF_WINDOW);
            return;
        }
        final long bit = 1L << (frame - handle.blockFirst[block]);
        if ((handle.blockMissing[block] & bit) == 0)
        {
            counters.increment(DriverCounter.DROP_PULL_REPLY_DUPLICATE);
            return;
        }
        handle.region.write((int)msgOffset, reply.buffer(), reply.payloadOffset(), length);
        handle.blockMissing[block] &= ~bit;
        handle.framesReceived++;
        outstanding--;
        handle.retransmitDueNanos = now + retransmitNanos;
        counters.increment(DriverCounter.PULL_REPLY_RECEIVED);
        if (handle.blockMissing[block] == 0)
        {
            onBlockComplete(handle, block, now);
        }
    }

    /**
     * A NACK_MCP arrived: the pulled side refused one of our PULLs.
     *
     * @param nack the frame.
     */
    void onNackMcp(final NackMcpFlyweight nack)
    {
        final PullHandle handle = handleFor(nack.dstEndpoint(), nack.srcPullHandle());
        if (handle == null)
        {
            return;
        }
        counters.increment(DriverCounter.NACK_MCP_RECEIVED);
        final int type = nack.nackTypeCode();
        finish(handle, type >= PullStatus.BAD_ENDPT && type <= PullStatus.BAD_RDMAWIN ? type : PullStatus.ABORTED);
    }

    /**
     * A PULL arrived for an open endpoint with the right session: answer it from the region.
     *
     * @param endpoint the pulled endpoint.
     * @param pull     the frame.
     * @param peer     the puller's peer index.
     * @param source   the puller's MAC.
     */
    void onPullRequest(final CoreEndpoint endpoint, final PullRequestFlyweight pull, final int peer, final long source)
    {
        final long regionId = pull.pulledRdmaId();
        final Region region = regionId < DriverLimits.REGION_MAX ? endpoint.regions[(int)regionId] : null;
        if (region == null)
        {
            counters.increment(DriverCounter.DROP_PULL_BAD_REGION);
            sendNackMcp(source, peer, pull.srcEndpoint(), NackType.BAD_RDMAWIN, pull.srcPullHandle(), pull.srcMagic());
            return;
        }
        final long pulledOffset = pull.pulledRdmaOffset();
        final long blockFirstOffset = pull.firstFrameOffset();
        final long blockLength = pull.blockLength();
        final long frameIndex = pull.frameIndex();
        final long msgStart = frameIndex * frameLength - pulledOffset % frameLength + blockFirstOffset;
        if (blockLength == 0 || msgStart < 0 || msgStart + blockLength > pull.totalLength()
            || pulledOffset + msgStart + blockLength > region.length())
        {
            counters.increment(DriverCounter.DROP_PULL_BAD_OFFSET_LENGTH);
            return;
        }
        counters.increment(DriverCounter.PULL_RECEIVED);
        final int handle = pull.srcPullHandle();
        final int magic = pull.srcMagic();
        long sent = 0;
        long frame = frameIndex;
        int chunk = (int)Math.min(frameLength - blockFirstOffset, blockLength);
        while (sent < blockLength)
        {
            final long msgOffset = msgStart + sent;
            final ByteBuffer tx = transmitter.buffer();
            final PullReplyFlyweight reply = transmitter.encoder().pullReply(tx, 0);
            transmitter.addressToMac(reply, source, peer);
            reply.frameSeqnum((int)(frame & 0xFF)).msgOffset(msgOffset).dstPullHandle(handle).dstMagic(magic)
                .payloadLength(chunk);
            region.read((int)(pulledOffset + msgOffset), tx, reply.payloadOffset(), chunk);
            transmitter.transmit(reply, DriverCounter.PULL_REPLY_SENT);
            sent += chunk;
            frame++;
            chunk = (int)Math.min(frameLength, blockLength - sent);
        }
    }

    /**
     * Runs the timers of every active pull.
     *
     * @param now the clock.
     * @return work done (PULLs re-sent, pulls ended).
     */
    int onTimer(final long now)
    {
        int work = 0;
        serveWaiting(now); // room freed by pulls abandoned with their endpoint
        if (now - nextScanNanos < 0)
        {
            return work;
        }
        nextScanNanos = now + scanPeriodNanos;
        for (int i = activeCount - 1; i >= 0; i--)
        {
            final PullHandle handle = handles[active[i]];
            if (now - handle.deadlineNanos >= 0)
            {
                counters.increment(DriverCounter.PULL_TIMEOUTS);
                finish(handle, PullStatus.TIMEOUT);
                work++;
            }
            else if (now - handle.retransmitDueNanos >= 0)
            {
                for (int w = 0; w < handle.windowSize; w++)
                {
                    final int block = handle.block(w);
                    handle.blockResentEarly[block] = false;
                    if (handle.blockMissing[block] != 0)
                    {
                        requestMissing(handle, block);
                        counters.increment(DriverCounter.PULL_TIMEOUT_RETRANSMITS);
                        work++;
                    }
                }
                handle.retransmitDueNanos = now + retransmitNanos;
            }
        }
        return work;
    }

    /**
     * @param now the clock.
     * @return nanoseconds until the earliest pull timer, {@link Long#MAX_VALUE} if none.
     */
    long nanosToNextTimer(final long now)
    {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < activeCount; i++)
        {
            final PullHandle handle = handles[active[i]];
            earliest = Math.min(earliest, Math.min(handle.retransmitDueNanos, handle.deadlineNanos) - now);
        }
        return Math.max(0, earliest);
    }

    /**
     * Ends, with ABORTED, the pulls of {@code endpoint} writing into {@code regionId}.
     *
     * @param endpoint the puller endpoint.
     * @param regionId its region being destroyed.
     */
    void abortRegion(final CoreEndpoint endpoint, final int regionId)
    {
        for (int i = activeCount - 1; i >= 0; i--)
        {
            final PullHandle handle = handles[active[i]];
            if (handle.endpoint == endpoint && handle.pullerRegionId == regionId)
            {
                finish(handle, PullStatus.ABORTED);
            }
        }
    }

    /**
     * Drops every pull of a closing endpoint without events.
     *
     * @param endpoint the endpoint.
     */
    void abandon(final CoreEndpoint endpoint)
    {
        for (int i = activeCount - 1; i >= 0; i--)
        {
            final PullHandle handle = handles[active[i]];
            if (handle.endpoint == endpoint)
            {
                endpoint.owner.releaseExpected();
                deactivate(handle);
            }
        }
    }

    /**
     * Sends a NACK_MCP refusing a PULL.
     *
     * @param destination the puller's MAC.
     * @param peer        its peer index, or -1.
     * @param endpoint    the puller endpoint (from the PULL).
     * @param nackType    why.
     * @param pullHandle  the PULL's handle, echoed.
     * @param magic       the PULL's magic, echoed.
     */
    void sendNackMcp(
        final long destination,
        final int peer,
        final int endpoint,
        final int nackType,
        final int pullHandle,
        final int magic)
    {
        if (endpoint < 0 || endpoint > 0xFF)
        {
            return;
        }
        final NackMcpFlyweight nack = transmitter.encoder().nackMcp(transmitter.buffer(), 0);
        transmitter.addressToMac(nack, destination, peer);
        nack.srcEndpoint(endpoint).nackTypeCode(nackType).srcPullHandle(pullHandle).srcMagic(magic);
        transmitter.transmit(nack, DriverCounter.NACK_MCP_SENT);
    }

    private PullHandle handleFor(final long endpointIndex, final int wireHandle)
    {
        final CoreEndpoint endpoint = endpointIndex < Integer.MAX_VALUE ? core.endpoint((int)endpointIndex) : null;
        if (endpoint == null)
        {
            counters.increment(DriverCounter.DROP_PULL_REPLY_BAD_MAGIC);
            return null;
        }
        final int slot = wireHandle >>> PullHandle.GENERATION_BITS;
        final PullHandle handle = slot < HANDLES ? handles[slot] : null;
        if (handle == null || !handle.busy || handle.endpoint != endpoint
            || handle.generation != (wireHandle & PullHandle.GENERATION_MASK))
        {
            counters.increment(DriverCounter.DROP_PULL_REPLY_BAD_HANDLE);
            return null;
        }
        return handle;
    }

    private void onBlockComplete(final PullHandle handle, final int block, final long now)
    {
        if (block == handle.block(0))
        {
            handle.popCompleted();
            if (handle.complete())
            {
                finish(handle, PullStatus.SUCCESS);
                return;
            }
            serveWaiting(now);
            fillWindow(handle, now);
            return;
        }
        // a later block finished first: the earlier incomplete ones probably lost replies
        for (int w = 0; w < handle.windowSize; w++)
        {
            final int earlier = handle.block(w);
            if (earlier == block)
            {
                break;
            }
            if (handle.blockMissing[earlier] != 0 && !handle.blockResentEarly[earlier])
            {
                handle.blockResentEarly[earlier] = true;
                requestMissing(handle, earlier);
                counters.increment(DriverCounter.PULL_EARLY_RETRANSMITS);
            }
        }
    }

    /**
     * Requests the next blocks of a pull while its window and the budget have room (while pulls wait for room, only
     * a pull with nothing in flight may take it); a pull left with nothing in flight waits for room.
     */
    private void fillWindow(final PullHandle handle, final long now)
    {
        while (handle.windowSize < DriverLimits.PULL_BLOCKS_IN_FLIGHT && handle.nextFrame < handle.frameCount)
        {
            if (!fits(handle) || (handle.windowSize > 0 && !waiting.isEmpty()))
            {
                if (handle.windowSize == 0)
                {
                    wait(handle);
                }
                return;
            }
            requestBlock(handle, now);
        }
    }

    /** Gives the pulls that wait for room one block each, in order, while the budget allows. */
    private void serveWaiting(final long now)
    {
        PullHandle head;
        while ((head = waiting.peek()) != null && fits(head))
        {
            waiting.poll();
            head.waiting = false;
            requestBlock(head, now);
        }
    }

    /** @return true if the pull's next block fits the budget (always when nothing is outstanding). */
    private boolean fits(final PullHandle handle)
    {
        final int frames = Math.min(handle.repliesPerBlock, handle.frameCount - handle.nextFrame);
        return outstanding == 0 || outstanding + frames <= budget;
    }

    private void requestBlock(final PullHandle handle, final long now)
    {
        if (handle.windowSize == 0)
        {
            handle.retransmitDueNanos = now + retransmitNanos; // its replies are due from now on
        }
        final int block = handle.pushBlock();
        outstanding += handle.blockFrames[block];
        requestMissing(handle, block);
    }

    private void wait(final PullHandle handle)
    {
        if (!handle.waiting)
        {
            handle.waiting = true;
            waiting.add(handle);
            counters.increment(DriverCounter.PULL_BLOCKS_DEFERRED);
        }
    }

    /** Sends one PULL covering the frames from the first to the last missing one of a block. */
    private void requestMissing(final PullHandle handle, final int block)
    {
        final long missing = handle.blockMissing[block];
        final int firstFrame = handle.blockFirst[block] + Long.numberOfTrailingZeros(missing);
        final int lastFrame = handle.blockFirst[block] + 63 - Long.numberOfLeadingZeros(missing);
        final int ffo = handle.firstFrameOffset;
        final long start = PullGeometry.frameStart(firstFrame, ffo, handle.frameLength);
        final long end = PullGeometry.frameEnd(lastFrame, handle.length, ffo, handle.frameLength);
        final CoreEndpoint endpoint = handle.endpoint;
        final PullRequestFlyweight pull = transmitter.encoder().pullRequest(transmitter.buffer(), 0);
        transmitter.addressToPeer(pull, handle.peerIndex);
        pull.dstEndpoint(handle.destEndpoint).srcEndpoint(endpoint.index).session(handle.sessionId)
            .totalLength(handle.length).pulledRdmaId(handle.pulledRegionId)
            .pulledRdmaSeqnum(handle.pulledRegionSeqnum).pulledRdmaOffset(handle.pulledOffset)
            .srcPullHandle(handle.wireHandle()).srcMagic(MxoeFrameDescriptor.pullMagic(endpoint.index))
            .firstFrameOffset(firstFrame == 0 ? ffo : 0).blockLength(end - start).frameIndex(firstFrame);
        transmitter.transmit(pull, DriverCounter.PULL_SENT);
    }

    private void finish(final PullHandle handle, final int status)
    {
        final CoreEndpoint endpoint = handle.endpoint;
        done.reset(EventType.PULL_DONE).peerIndex(handle.peerIndex).srcEndpoint(handle.destEndpoint)
            .cookie(handle.cookie).region(handle.pullerRegionId, 0, 0).status(status)
            .messageLength(status == PullStatus.SUCCESS ? handle.length : 0);
        counters.increment(status == PullStatus.SUCCESS ? DriverCounter.PULLS_COMPLETED : DriverCounter.PULLS_FAILED);
        deactivate(handle);
        endpoint.owner.postExpected(done);
        serveWaiting(core.now());
    }

    private PullHandle allocate()
    {
        while (handles[nextFree].busy)
        {
            nextFree = (nextFree + 1) & (HANDLES - 1);
        }
        final PullHandle handle = handles[nextFree];
        nextFree = (nextFree + 1) & (HANDLES - 1);
        handle.busy = true;
        activePosition[handle.slot] = activeCount;
        active[activeCount++] = handle.slot;
        return handle;
    }

    private void deactivate(final PullHandle handle)
    {
        for (int w = 0; w < handle.windowSize; w++)
        {
            outstanding -= Long.bitCount(handle.blockMissing[handle.block(w)]);
        }
        if (handle.waiting)
        {
            handle.waiting = false;
            waiting.remove(handle);
        }
        final int position = activePosition[handle.slot];
        final int last = active[--activeCount];
        active[position] = last;
        activePosition[last] = position;
        handle.release();
    }
}
