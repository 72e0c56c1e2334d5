package xen2mx.pml;

/**
 * How the PML maps an MPI message envelope onto the BTL's 64-bit match info (MX's {@code match_info}).
 *
 * <pre>
 *  63                48 47                32 31 30                                  0
 * +--------------------+--------------------+--+-------------------------------------+
 * |   context id (16)  |  source rank (16)  |0 |              tag (31)               |
 * +--------------------+--------------------+--+-------------------------------------+
 * </pre>
 *
 * <ul>
 * <li>context id: one per communicator and purpose (point-to-point and collective traffic of one communicator
 * have different ids), so messages never match across communicators.</li>
 * <li>source rank: the sender's rank in the communicator (not in the world), so {@code ANY_SOURCE} is a mask.</li>
 * <li>bit 31 is always 0: tags are non-negative and at most {@link #TAG_UB}.</li>
 * </ul>
 *
 * A receive matches a message when {@code (message & mask) == (receive & mask)}; {@code ANY_SOURCE} clears the
 * source bits of the mask and {@code ANY_TAG} the tag bits. Limits: {@link #MAX_CONTEXT} contexts,
 * {@link #MAX_RANK} + 1 ranks per communicator.
 */
public final class MatchInfo
{
    public static final int TAG_BITS = 31;
    public static final int SOURCE_BITS = 16;
    public static final int CONTEXT_BITS = 16;
    public static final int SOURCE_SHIFT = 32;
    public static final int CONTEXT_SHIFT = 48;

    /** Largest tag, the value of the {@code TAG_UB} attribute. */
    public static final int TAG_UB = Integer.MAX_VALUE;
    public static final int MAX_RANK = (1 << SOURCE_BITS) - 1;
    public static final int MAX_CONTEXT = (1 << CONTEXT_BITS) - 1;

    private static final long TAG_MASK = (1L << TAG_BITS) - 1;
    private static final long SOURCE_MASK = (long)MAX_RANK << SOURCE_SHIFT;
    private static final long CONTEXT_MASK = (long)MAX_CONTEXT << CONTEXT_SHIFT;

    /**
     * Mask matching context, source and tag exactly: all 64 bits, since bit 31 is 0 in every match info; the
     * matching engine finds full-mask receives with one hash look-up.
     */
    public static final long EXACT_MASK = -1L;

    private MatchInfo()
    {
    }

    /** @return the match info of a message with this envelope; arguments must be in range. */
    public static long encode(final int context, final int source, final int tag)
    {
        return ((long)context << CONTEXT_SHIFT) | ((long)source << SOURCE_SHIFT) | (tag & TAG_MASK);
    }

    /**
     * @param anySource true for an {@code ANY_SOURCE} receive.
     * @param anyTag    true for an {@code ANY_TAG} receive.
     * @return the mask for a receive.
     */
    public static long mask(final boolean anySource, final boolean anyTag)
    {
        long mask = EXACT_MASK;
        if (anySource)
        {
            mask &= ~SOURCE_MASK;
        }
        if (anyTag)
        {
            mask &= ~TAG_MASK;
        }
        return mask;
    }

    public static int context(final long matchInfo)
    {
        return (int)((matchInfo & CONTEXT_MASK) >>> CONTEXT_SHIFT);
    }

    public static int source(final long matchInfo)
    {
        return (int)((matchInfo & SOURCE_MASK) >>> SOURCE_SHIFT);
    }

    public static int tag(final long matchInfo)
    {
        return (int)(matchInfo & TAG_MASK);
    }
}
