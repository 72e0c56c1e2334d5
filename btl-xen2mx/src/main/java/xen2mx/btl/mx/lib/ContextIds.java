package xen2mx.btl.mx.lib;

/**
 * MX context ids ({@code MX_PARAM_CONTEXT_ID}): a bit-field of the 64-bit match info that splits an endpoint's
 * matching into independent queues, one per value of the field.
 *
 * <pre>
 *  63                     shift+bits   shift                    0
 * +---------------------------+------------+---------------------+
 * |        match info         | context id |     match info      |
 * +---------------------------+------------+---------------------+
 * </pre>
 *
 * <p>With context ids on, every receive, {@code test_any}, {@code wait_any}, {@code iprobe} and {@code probe} must name
 * one context: its mask covers the whole field, or the call fails with
 * {@link MxReturn#BAD_MATCHING_FOR_CONTEXT_ID_MASK}. {@code ipeek} and {@code peek}, which name no match info, fail
 * with {@link MxReturn#NOT_SUPPORTED_WITH_CONTEXT_ID}. Immutable.
 */
final class ContextIds
{
    /** MX's {@code MX_CONTEXT_ID_BITS_MAX}. */
    static final int BITS_MAX = 16;

    /** No context ids: one queue for every match info. */
    static final ContextIds NONE = new ContextIds(0, 0);

    private final int bits;
    private final int shift;
    private final long fieldMask;

    private ContextIds(final int bits, final int shift)
    {
        this.bits = bits;
        this.shift = shift;
        this.fieldMask = bits == 0 ? 0 : ((1L << bits) - 1) << shift;
    }

    /**
     * @return the context ids of a field of {@code bits} bits starting at bit {@code shift}, or {@link #NONE} for 0 bits.
     * @throws MxException BAD_PARAM_VAL if {@code bits} is not in {@code 0..16} or the field does not fit 64 bits.
     */
    static ContextIds of(final int bits, final int shift)
    {
        if (bits < 0 || bits > BITS_MAX)
        {
            throw new MxException(MxReturn.BAD_PARAM_VAL, "context id bits = " + bits + " (0.." + BITS_MAX + ")");
        }
        if (bits > 0 && (shift < 0 || shift + bits > Long.SIZE))
        {
            throw new MxException(MxReturn.BAD_PARAM_VAL,
                "context id shift = " + shift + " with " + bits + " bits does not fit the 64-bit match info");
        }
        return bits == 0 ? NONE : new ContextIds(bits, shift);
    }

    boolean enabled()
    {
        return bits != 0;
    }

    /** @return the number of contexts, {@code 2^bits}. */
    int count()
    {
        return 1 << bits;
    }

    /** @return the context id carried by {@code matchInfo}, 0 when context ids are off. */
    int of(final long matchInfo)
    {
        return (int)((matchInfo & fieldMask) >>> shift);
    }

    /**
     * @throws MxException BAD_MATCHING_FOR_CONTEXT_ID_MASK if context ids are on and {@code matchMask} leaves part of
     *                     the field unspecified.
     */
    void checkMask(final long matchMask)
    {
        if ((matchMask & fieldMask) != fieldMask)
        {
            throw new MxException(MxReturn.BAD_MATCHING_FOR_CONTEXT_ID_MASK, String.format(
                "mask 0x%016x does not cover the context id field 0x%016x", matchMask, fieldMask));
        }
    }

    /** @throws MxException NOT_SUPPORTED_WITH_CONTEXT_ID if context ids are on ({@code ipeek}, {@code peek}). */
    void checkUnsupported(final String call)
    {
        if (enabled())
        {
            throw new MxException(MxReturn.NOT_SUPPORTED_WITH_CONTEXT_ID, call + " names no context id");
        }
    }

    @Override
    public String toString()
    {
        return bits == 0 ? "none" : bits + " bits at " + shift;
    }
}
