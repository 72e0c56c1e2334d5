package xen2mx.btl.mx.driver;

/**
 * State of one pull on the puller side: what to fetch, where to put it, and the window of requested blocks with one
 * bit per missing reply frame (Open-MX's pull handle and block descriptors).
 *
 * <p>The window holds up to {@link DriverLimits#PULL_BLOCKS_IN_FLIGHT} consecutive blocks, oldest first; a block is
 * up to {@code repliesPerBlock} (&lt;= 64) consecutive frames. Invariant: every frame below
 * {@code blockFirst[window start]} has arrived; no frame at or above {@link #nextFrame} has been requested.
 * Not thread-safe; the core's thread only.
 */
final class PullHandle
{
    /** Bits of the wire handle that carry the generation; the slot index sits above them. */
    static final int GENERATION_BITS = 22;
    static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;
    private static final int FIRST_GENERATION = 0x23;

    final int slot;
    int generation = FIRST_GENERATION;
    boolean busy;
    /** In the engine's queue of pulls waiting for receive ring budget (nothing in flight). */
    boolean waiting;

    CoreEndpoint endpoint;
    int peerIndex;
    int destEndpoint;
    int sessionId;
    int length;
    int pullerRegionId;
    Region region;
    int pulledRegionId;
    int pulledRegionSeqnum;
    int pulledOffset;
    long cookie;
    int frameLength;
    int firstFrameOffset;
    int frameCount;
    int repliesPerBlock;
    int nextFrame;
    int framesReceived;
    long deadlineNanos;
    long retransmitDueNanos;

    final int[] blockFirst = new int[DriverLimits.PULL_BLOCKS_IN_FLIGHT];
    final int[] blockFrames = new int[DriverLimits.PULL_BLOCKS_IN_FLIGHT];
    final long[] blockMissing = new long[DriverLimits.PULL_BLOCKS_IN_FLIGHT];
    final boolean[] blockResentEarly = new boolean[DriverLimits.PULL_BLOCKS_IN_FLIGHT];
    int windowStart;
    int windowSize;

    /**
     * @param slot index in the handle table.
     */
    PullHandle(final int slot)
    {
        this.slot = slot;
    }

    /** @return the handle as written in PULL frames: slot in the top bits, generation below. */
    int wireHandle()
    {
        return (slot << GENERATION_BITS) | generation;
    }

    /** Frees the handle for reuse; the next use gets a new generation, so late replies to this one are refused. */
    void release()
    {
        busy = false;
        endpoint = null;
        region = null;
        generation = (generation + 1) & GENERATION_MASK;
        if (generation == 0)
        {
            generation = 1;
        }
        windowSize = 0;
    }

    /** @return true if every frame has arrived. */
    boolean complete()
    {
        return framesReceived == frameCount;
    }

    /**
     * @param i position in the window, 0 = oldest.
     * @return the block's ring position in the arrays.
     */
    int block(final int i)
    {
        return (windowStart + i) % DriverLimits.PULL_BLOCKS_IN_FLIGHT;
    }

    /**
     * Appends the next block of frames to the window.
     *
     * @return its ring position.
     */
    int pushBlock()
    {
        final int b = block(windowSize++);
        final int frames = Math.min(repliesPerBlock, frameCount - nextFrame);
        blockFirst[b] = nextFrame;
        blockFrames[b] = frames;
        blockMissing[b] = frames == 64 ? -1L : (1L << frames) - 1;
        blockResentEarly[b] = false;
        nextFrame += frames;
        return b;
    }

    /** Drops completed blocks from the front of the window. */
    void popCompleted()
    {
        while (windowSize > 0 && blockMissing[windowStart] == 0)
        {
            windowStart = (windowStart + 1) % DriverLimits.PULL_BLOCKS_IN_FLIGHT;
            windowSize--;
        }
    }

    /**
     * @param frame a frame index.
     * @return the ring position of the window block holding it, or -1.
     */
    int blockOf(final int frame)
    {
        for (int i = 0; i < windowSize; i++)
        {
            final int b = block(i);
            if (frame >= blockFirst[b] && frame < blockFirst[b] + blockFrames[b])
            {
                return b;
            }
        }
        return -1;
    }
}
