package xen2mx.btl.mx.protocol;

/**
 * PULL (41) frames: a request for one block of a large message, {@code struct omx_pkt_pull_request}, no payload.
 * The layouts differ from byte 12 on:
 * <pre>
 *  common:  0 ptype | 1 dst_endpoint (pulled) | 2 src_endpoint (puller) | 3 src_generation
 *           4 session u32 (of the pulled endpoint) | 8 total_length u32
 *                       DEFAULT (44 bytes)              MX_WIRE_COMPAT (32 bytes)
 *  pulled_rdma_id       12 u32                          12 u8
 *  pulled_rdma_seqnum   16 u8 (17..19 pad)              13 u8
 *  pulled_rdma_offset   20 u32                          14 u16
 *  src_pull_handle      24 u32                          16 u32
 *  src_magic            28 u32                          20 u32
 *  first_frame_offset   32 u32                          24 u16
 *  block_length         36 u32                          26 u16
 *  frame_index          40 u32                          28 u32
 * </pre>
 * Setters refuse values the layout's field cannot hold.
 */
public final class PullRequestFlyweight extends MxoeFrameFlyweight<PullRequestFlyweight>
{
    private static final int DST_ENDPOINT_OFFSET = 1;
    private static final int SRC_ENDPOINT_OFFSET = DST_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int SESSION_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int TOTAL_LENGTH_OFFSET = SESSION_OFFSET + Integer.BYTES;
    private static final int RDMA_ID_OFFSET = TOTAL_LENGTH_OFFSET + Integer.BYTES;

    private static final int DEFAULT_RDMA_SEQNUM_OFFSET = RDMA_ID_OFFSET + Integer.BYTES;
    private static final int DEFAULT_RDMA_OFFSET_OFFSET = DEFAULT_RDMA_SEQNUM_OFFSET + Integer.BYTES;
    private static final int DEFAULT_PULL_HANDLE_OFFSET = DEFAULT_RDMA_OFFSET_OFFSET + Integer.BYTES;
    private static final int DEFAULT_MAGIC_OFFSET = DEFAULT_PULL_HANDLE_OFFSET + Integer.BYTES;
    private static final int DEFAULT_FIRST_FRAME_OFFSET_OFFSET = DEFAULT_MAGIC_OFFSET + Integer.BYTES;
    private static final int DEFAULT_BLOCK_LENGTH_OFFSET = DEFAULT_FIRST_FRAME_OFFSET_OFFSET + Integer.BYTES;
    private static final int DEFAULT_FRAME_INDEX_OFFSET = DEFAULT_BLOCK_LENGTH_OFFSET + Integer.BYTES;

    private static final int COMPAT_RDMA_SEQNUM_OFFSET = RDMA_ID_OFFSET + Byte.BYTES;
    private static final int COMPAT_RDMA_OFFSET_OFFSET = COMPAT_RDMA_SEQNUM_OFFSET + Byte.BYTES;
    private static final int COMPAT_PULL_HANDLE_OFFSET = COMPAT_RDMA_OFFSET_OFFSET + Short.BYTES;
    private static final int COMPAT_MAGIC_OFFSET = COMPAT_PULL_HANDLE_OFFSET + Integer.BYTES;
    private static final int COMPAT_FIRST_FRAME_OFFSET_OFFSET = COMPAT_MAGIC_OFFSET + Integer.BYTES;
    private static final int COMPAT_BLOCK_LENGTH_OFFSET = COMPAT_FIRST_FRAME_OFFSET_OFFSET + Short.BYTES;
    private static final int COMPAT_FRAME_INDEX_OFFSET = COMPAT_BLOCK_LENGTH_OFFSET + Short.BYTES;

    private final MxoeLayout layout;
    private final boolean compat;
    private final int headerLength;
    private final int rdmaSeqnumOffset;
    private final int rdmaOffsetOffset;
    private final int pullHandleOffset;
    private final int magicOffset;
    private final int firstFrameOffsetOffset;
    private final int blockLengthOffset;
    private final int frameIndexOffset;

    PullRequestFlyweight(final MxoeLayout layout)
    {
        this.layout = layout;
        this.compat = layout == MxoeLayout.MX_WIRE_COMPAT;
        this.headerLength = headerLengthOf(layout.pullRequestBodyLength());
        this.rdmaSeqnumOffset = compat ? COMPAT_RDMA_SEQNUM_OFFSET : DEFAULT_RDMA_SEQNUM_OFFSET;
        this.rdmaOffsetOffset = compat ? COMPAT_RDMA_OFFSET_OFFSET : DEFAULT_RDMA_OFFSET_OFFSET;
        this.pullHandleOffset = compat ? COMPAT_PULL_HANDLE_OFFSET : DEFAULT_PULL_HANDLE_OFFSET;
        this.magicOffset = compat ? COMPAT_MAGIC_OFFSET : DEFAULT_MAGIC_OFFSET;
        this.firstFrameOffsetOffset = compat ? COMPAT_FIRST_FRAME_OFFSET_OFFSET : DEFAULT_FIRST_FRAME_OFFSET_OFFSET;
        this.blockLengthOffset = compat ? COMPAT_BLOCK_LENGTH_OFFSET : DEFAULT_BLOCK_LENGTH_OFFSET;
        this.frameIndexOffset = compat ? COMPAT_FRAME_INDEX_OFFSET : DEFAULT_FRAME_INDEX_OFFSET;
    }

    /** @return the layout this flyweight reads and writes. */
    public MxoeLayout layout()
    {
        return layout;
    }

    @Override
    public int headerLength()
    {
        return headerLength;
    }

    /** @return the pulled (large message sender's) endpoint index. */
    public int dstEndpoint()
    {
        return bodyU8(DST_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the pulled endpoint index, 0..255.
     * @return this flyweight.
     */
    public PullRequestFlyweight dstEndpoint(final int endpoint)
    {
        bodyU8(DST_ENDPOINT_OFFSET, endpoint, "dst_endpoint");
        return this;
    }

    /** @return the puller's endpoint index. */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the puller's endpoint index, 0..255.
     * @return this flyweight.
     */
    public PullRequestFlyweight srcEndpoint(final int endpoint)
    {
        bodyU8(SRC_ENDPOINT_OFFSET, endpoint, "src_endpoint");
        return this;
    }

    /** @return {@code src_generation} (unused, 0). */
    public int srcGeneration()
    {
        return bodyU8(SRC_GENERATION_OFFSET);
    }

    /**
     * @param generation {@code src_generation} (leave 0).
     * @return this flyweight.
     */
    public PullRequestFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the pulled endpoint's session id (the puller's back session id). */
    public int session()
    {
        return bodyInt(SESSION_OFFSET);
    }

    /**
     * @param session the pulled endpoint's session id.
     * @return this flyweight.
     */
    public PullRequestFlyweight session(final int session)
    {
        bodyInt(SESSION_OFFSET, session);
        return this;
    }

    /** @return the length of the whole pull. */
    public long totalLength()
    {
        return bodyU32(TOTAL_LENGTH_OFFSET);
    }

    /**
     * @param length the length of the whole pull, 0..2^32-1.
     * @return this flyweight.
     */
    public PullRequestFlyweight totalLength(final long length)
    {
        bodyU32(TOTAL_LENGTH_OFFSET, length, "total_length");
        return this;
    }

    /** @return the region id at the pulled side (32-bit field in DEFAULT, 8-bit in compat). */
    public long pulledRdmaId()
    {
        return compat ? bodyU8(RDMA_ID_OFFSET) : bodyU32(RDMA_ID_OFFSET);
    }

    /**
     * @param id the region id; at most 255 in compat.
     * @return this flyweight.
     */
    public PullRequestFlyweight pulledRdmaId(final long id)
    {
        if (compat)
        {
            bodyU8(RDMA_ID_OFFSET, narrow(id, 0xFF, "pulled_rdma_id"), "pulled_rdma_id");
        }
        else
        {
            bodyU32(RDMA_ID_OFFSET, id, "pulled_rdma_id");
        }
        return this;
    }

    /** @return the region use counter (unused by the receiver). */
    public int pulledRdmaSeqnum()
    {
        return bodyU8(rdmaSeqnumOffset);
    }

    /**
     * @param seqnum the region use counter, 0..255.
     * @return this flyweight.
     */
    public PullRequestFlyweight pulledRdmaSeqnum(final int seqnum)
    {
        bodyU8(rdmaSeqnumOffset, seqnum, "pulled_rdma_seqnum");
        return this;
    }

    /** @return the start offset inside the pulled region (32-bit in DEFAULT, 16-bit in compat). */
    public long pulledRdmaOffset()
    {
        return compat ? bodyU16(rdmaOffsetOffset) : bodyU32(rdmaOffsetOffset);
    }

    /**
     * @param offset the start offset inside the pulled region; at most 0xFFFF in compat.
     * @return this flyweight.
     */
    public PullRequestFlyweight pulledRdmaOffset(final long offset)
    {
        putU16OrU32(rdmaOffsetOffset, offset, "pulled_rdma_offset");
        return this;
    }

    /** @return the puller's handle: slot (10 bits) &lt;&lt; 22 | generation (22 bits). */
    public int srcPullHandle()
    {
        return bodyInt(pullHandleOffset);
    }

    /**
     * @param handle the puller's wire handle.
     * @return this flyweight.
     */
    public PullRequestFlyweight srcPullHandle(final int handle)
    {
        bodyInt(pullHandleOffset, handle);
        return this;
    }

    /** @return the puller's magic: its endpoint index XOR {@value MxoeFrameDescriptor#PULL_MAGIC_XOR}. */
    public int srcMagic()
    {
        return bodyInt(magicOffset);
    }

    /**
     * @param magic the puller's magic, see {@link MxoeFrameDescriptor#pullMagic(int)}.
     * @return this flyweight.
     */
    public PullRequestFlyweight srcMagic(final int magic)
    {
        bodyInt(magicOffset, magic);
        return this;
    }

    /** @return the offset inside the first frame of this block (16-bit in compat). */
    public long firstFrameOffset()
    {
        return compat ? bodyU16(firstFrameOffsetOffset) : bodyU32(firstFrameOffsetOffset);
    }

    /**
     * @param offset the offset inside the first frame; at most 0xFFFF in compat.
     * @return this flyweight.
     */
    public PullRequestFlyweight firstFrameOffset(final long offset)
    {
        putU16OrU32(firstFrameOffsetOffset, offset, "first_frame_offset");
        return this;
    }

    /** @return the bytes this block asks for (16-bit in compat). */
    public long blockLength()
    {
        return compat ? bodyU16(blockLengthOffset) : bodyU32(blockLengthOffset);
    }

    /**
     * @param length bytes requested by this block; at most 0xFFFF in compat.
     * @return this flyweight.
     */
    public PullRequestFlyweight blockLength(final long length)
    {
        putU16OrU32(blockLengthOffset, length, "block_length");
        return this;
    }

    /** @return the absolute index of the first frame of this block. */
    public long frameIndex()
    {
        return bodyU32(frameIndexOffset);
    }

    /**
     * @param index the absolute index of the block's first frame, 0..2^32-1.
     * @return this flyweight.
     */
    public PullRequestFlyweight frameIndex(final long index)
    {
        bodyU32(frameIndexOffset, index, "frame_index");
        return this;
    }

    private void putU16OrU32(final int bodyOffset, final long value, final String field)
    {
        if (compat)
        {
            bodyU16(bodyOffset, narrow(value, 0xFFFF, field), field);
        }
        else
        {
            bodyU32(bodyOffset, value, field);
        }
    }

    private static int narrow(final long value, final int max, final String field)
    {
        if (value < 0 || value > max)
        {
            throw new IllegalArgumentException(field + " outside 0.." + max + " in the compat layout: " + value);
        }
        return (int)value;
    }
}
