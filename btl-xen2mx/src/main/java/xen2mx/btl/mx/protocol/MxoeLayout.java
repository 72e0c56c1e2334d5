package xen2mx.btl.mx.protocol;

/**
 * The two wire layouts of Open-MX, chosen by one setting that {@link MxoeFrameEncoder} and {@link MxoeFrameDecoder}
 * take. Both peers of a link must use the same layout and the same MTU.
 *
 * <ul>
 *   <li>{@link #DEFAULT}: Open-MX's default build ({@code --with-mtu}, 9000 by default). Medium fragments and pull
 *       replies follow the MTU ({@link #mediumFragLengthMax(int)}, {@link #pullReplyLengthMax(int)}): 8192 and 8968
 *       bytes at MTU 9000, 1452 and 1468 at MTU 1500. PULL body 44 bytes, 32 replies per block, 32 fragments per
 *       medium message at most; the medium {@code length} field is 32 bits.</li>
 *   <li>{@link #MX_WIRE_COMPAT}: Open-MX's {@code --enable-mx-wire} build, which talks to Myricom MX NICs. Fixed
 *       4096-byte medium fragments and pull replies (frames of at most {@value #MX_WIRE_COMPAT_MTU} bytes), PULL body
 *       32 bytes with 8- and 16-bit fields, 8 replies per block, 8 fragments per medium message, 16-bit medium
 *       {@code length} and {@code frag_pipeline} = 12 in byte 27 of the medium header.</li>
 * </ul>
 *
 * <p>The MTU rule: {@code mtu} is the largest frame this side may send, Ethernet header included, exactly as Open-MX's
 * {@code OMX_MTU}. Passing the interface MTU (1500, 9000) therefore matches an Open-MX built with
 * {@code --with-mtu=<same>}, and every frame fits the link with 14 bytes to spare. The functions below are pure.
 */
public enum MxoeLayout
{
    /** Open-MX's default layout; sizes follow the MTU. */
    DEFAULT(44, 32, 32),
    /** Open-MX's MX-wire-compatible layout; fixed 4096-byte fragments and replies. */
    MX_WIRE_COMPAT(32, 8, 8);

    /** The smallest MTU accepted: every fixed header and a full small message (168-byte frame) fit with room. */
    public static final int MIN_MTU = 256;
    /** The largest MTU accepted: pull reply lengths must fit their 16-bit field. */
    public static final int MAX_MTU = 65535;
    /** Open-MX's default {@code OMX_MTU}. */
    public static final int DEFAULT_MTU = 9000;
    /** The frame length the compat layout needs: 16-byte head + 32-byte medium header + 4096 bytes. */
    public static final int MX_WIRE_COMPAT_MTU = 4144;
    /** Medium fragment and pull reply payload of the compat layout. */
    public static final int MX_WIRE_COMPAT_FRAGMENT_LENGTH = 4096;
    /** log2 of {@link #MX_WIRE_COMPAT_FRAGMENT_LENGTH}: the compat {@code frag_pipeline} byte. */
    public static final int MX_WIRE_COMPAT_FRAG_PIPELINE = 12;

    private static final int SMALL_PAGE_FRAGMENT_LENGTH = 4096;
    private static final int LARGE_FRAGMENT_LENGTH = 8192;
    private static final int MEDIUM_FRAME_OVERHEAD = MxoeFrameDescriptor.HEAD_LENGTH
        + MxoeFrameDescriptor.MEDIUM_FRAG_BODY_LENGTH;
    private static final int PULL_REPLY_FRAME_OVERHEAD = MxoeFrameDescriptor.HEAD_LENGTH
        + MxoeFrameDescriptor.PULL_REPLY_BODY_LENGTH;

    private final int pullRequestBodyLength;
    private final int pullRepliesPerBlock;
    private final int mediumFragsPerMessageMax;

    MxoeLayout(final int pullRequestBodyLength, final int pullRepliesPerBlock, final int mediumFragsPerMessageMax)
    {
        this.pullRequestBodyLength = pullRequestBodyLength;
        this.pullRepliesPerBlock = pullRepliesPerBlock;
        this.mediumFragsPerMessageMax = mediumFragsPerMessageMax;
    }

    /** @return the PULL body length: 44 ({@link #DEFAULT}) or 32 ({@link #MX_WIRE_COMPAT}). */
    public int pullRequestBodyLength()
    {
        return pullRequestBodyLength;
    }

    /** @return pull replies per block: 32 or 8. */
    public int pullRepliesPerBlock()
    {
        return pullRepliesPerBlock;
    }

    /** @return the most fragments one medium message may have: 32 or 8. */
    public int mediumFragsPerMessageMax()
    {
        return mediumFragsPerMessageMax;
    }

    /**
     * The MTU rule for medium fragments. {@link #DEFAULT}: {@code mtu - 48} while that is at most 4096, else 8192 if
     * a 8192-byte fragment fits ({@code 8192 + 48 <= mtu}), else 4096 (a fragment fills at most two pages).
     * {@link #MX_WIRE_COMPAT}: 4096.
     *
     * @param mtu the largest frame length, Ethernet header included; see the class comment.
     * @return the largest medium fragment payload; fragment {@code i} starts at message offset {@code i} times this.
     * @throws IllegalArgumentException if {@code mtu} is outside what {@link #checkMtu(int)} accepts.
     */
    public int mediumFragLengthMax(final int mtu)
    {
        checkMtu(mtu);
        if (this == MX_WIRE_COMPAT)
        {
            return MX_WIRE_COMPAT_FRAGMENT_LENGTH;
        }
        final int exact = mtu - MEDIUM_FRAME_OVERHEAD;
        if (exact <= SMALL_PAGE_FRAGMENT_LENGTH)
        {
            return exact;
        }
        return LARGE_FRAGMENT_LENGTH + MEDIUM_FRAME_OVERHEAD <= mtu ? LARGE_FRAGMENT_LENGTH : SMALL_PAGE_FRAGMENT_LENGTH;
    }

    /**
     * The MTU rule for pull replies. {@link #DEFAULT}: {@code mtu - 32} (the whole frame is used). {@link #MX_WIRE_COMPAT}:
     * 4096. Frame {@code n} of a pull covers message bytes {@code [n * max - firstFrameOffset, ...)}.
     *
     * @param mtu the largest frame length, Ethernet header included.
     * @return the largest pull reply payload.
     * @throws IllegalArgumentException if {@code mtu} is outside what {@link #checkMtu(int)} accepts.
     */
    public int pullReplyLengthMax(final int mtu)
    {
        checkMtu(mtu);
        return this == MX_WIRE_COMPAT ? MX_WIRE_COMPAT_FRAGMENT_LENGTH : mtu - PULL_REPLY_FRAME_OVERHEAD;
    }

    /**
     * @param mtu the largest frame length, Ethernet header included.
     * @return the most bytes one PULL may ask for: {@link #pullReplyLengthMax(int)} x {@link #pullRepliesPerBlock()}
     * (286976 at MTU 9000, 32768 in compat).
     */
    public long pullBlockLengthMax(final int mtu)
    {
        return (long)pullReplyLengthMax(mtu) * pullRepliesPerBlock;
    }

    /**
     * @param mtu the largest frame length, Ethernet header included.
     * @return the longest medium message: {@link #mediumFragLengthMax(int)} x {@link #mediumFragsPerMessageMax()}.
     */
    public long mediumMessageLengthMax(final int mtu)
    {
        return (long)mediumFragLengthMax(mtu) * mediumFragsPerMessageMax;
    }

    /**
     * @param mtu a candidate MTU.
     * @return {@code mtu}, if this layout can use it: {@link #MIN_MTU} to {@link #MAX_MTU}, and at least
     * {@link #MX_WIRE_COMPAT_MTU} for {@link #MX_WIRE_COMPAT}.
     * @throws IllegalArgumentException otherwise, naming the range.
     */
    public int checkMtu(final int mtu)
    {
        final int min = this == MX_WIRE_COMPAT ? MX_WIRE_COMPAT_MTU : MIN_MTU;
        if (mtu < min || mtu > MAX_MTU)
        {
            throw new IllegalArgumentException(
                "MTU " + mtu + " outside " + min + ".." + MAX_MTU + " for the " + this + " MXoE layout");
        }
        return mtu;
    }
}
