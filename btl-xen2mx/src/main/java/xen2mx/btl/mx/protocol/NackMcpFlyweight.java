package xen2mx.btl.mx.protocol;

import static xen2mx.btl.mx.protocol.MxoeFrameDescriptor.NACK_MCP_BODY_LENGTH;

/**
 * NACK_MCP (45) frames: the pulled side refuses a PULL. 16 bytes, both layouts.
 * <pre>
 *  0 ptype | 1 src_endpoint (the puller, destination of this nack) | 2 src_generation
 *  3 nack_type u8 (1 bad endpoint, 2 endpoint closed, 3 bad session, 4 bad RDMA window) | 4 pad (4)
 *  8 src_pull_handle u32 (echo) | 12 src_magic u32 (echo; the puller endpoint = magic ^ 0x21071980)
 * </pre>
 */
public final class NackMcpFlyweight extends MxoeFrameFlyweight<NackMcpFlyweight>
{
    private static final int SRC_ENDPOINT_OFFSET = 1;
    private static final int SRC_GENERATION_OFFSET = SRC_ENDPOINT_OFFSET + Byte.BYTES;
    private static final int NACK_TYPE_OFFSET = SRC_GENERATION_OFFSET + Byte.BYTES;
    private static final int SRC_PULL_HANDLE_OFFSET = NACK_TYPE_OFFSET + Byte.BYTES + Integer.BYTES;
    private static final int SRC_MAGIC_OFFSET = SRC_PULL_HANDLE_OFFSET + Integer.BYTES;
    private static final int HEADER_LENGTH = headerLengthOf(NACK_MCP_BODY_LENGTH);

    NackMcpFlyweight()
    {
    }

    @Override
    public int headerLength()
    {
        return HEADER_LENGTH;
    }

    /** @return the puller's endpoint index as the PULL gave it. */
    public int srcEndpoint()
    {
        return bodyU8(SRC_ENDPOINT_OFFSET);
    }

    /**
     * @param endpoint the puller's endpoint index, 0..255.
     * @return this flyweight.
     */
    public NackMcpFlyweight srcEndpoint(final int endpoint)
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
    public NackMcpFlyweight srcGeneration(final int generation)
    {
        bodyU8(SRC_GENERATION_OFFSET, generation, "src_generation");
        return this;
    }

    /** @return the raw nack type byte. */
    public int nackTypeCode()
    {
        return bodyU8(NACK_TYPE_OFFSET);
    }

    /** @return the nack type, or null for an unknown code. */
    public MxoeNackType nackType()
    {
        return MxoeNackType.fromCode(nackTypeCode());
    }

    /**
     * @param type the nack type, {@link MxoeNackType#BAD_ENDPT} to {@link MxoeNackType#BAD_RDMAWIN}.
     * @return this flyweight.
     */
    public NackMcpFlyweight nackType(final MxoeNackType type)
    {
        return nackTypeCode(type.code());
    }

    /**
     * @param code the raw nack type byte, 0..255 (to reproduce a received frame).
     * @return this flyweight.
     */
    public NackMcpFlyweight nackTypeCode(final int code)
    {
        bodyU8(NACK_TYPE_OFFSET, code, "nack_type");
        return this;
    }

    /** @return the echo of the PULL's handle. */
    public int srcPullHandle()
    {
        return bodyInt(SRC_PULL_HANDLE_OFFSET);
    }

    /**
     * @param handle the PULL's {@code src_pull_handle}.
     * @return this flyweight.
     */
    public NackMcpFlyweight srcPullHandle(final int handle)
    {
        bodyInt(SRC_PULL_HANDLE_OFFSET, handle);
        return this;
    }

    /** @return the echo of the PULL's magic. */
    public int srcMagic()
    {
        return bodyInt(SRC_MAGIC_OFFSET);
    }

    /**
     * @param magic the PULL's {@code src_magic}.
     * @return this flyweight.
     */
    public NackMcpFlyweight srcMagic(final int magic)
    {
        bodyInt(SRC_MAGIC_OFFSET, magic);
        return this;
    }

    /** @return the puller's endpoint index hidden in the magic. */
    public long dstEndpoint()
    {
        return MxoeFrameDescriptor.endpointOfPullMagic(srcMagic());
    }
}
