package xen2mx.btl.mx.protocol;

/**
 * The 16-bit library sequence numbers of MXoE ({@code lib_seqnum}, {@code lib_piggyack}, liback acks,
 * {@code target_recv_seqnum_start}), held in an {@code int} 0..0xFFFF:
 * <pre>
 *  15 14 13                                       0
 * +-----+------------------------------------------+
 * | ses |                 seq                      |   ses = 2-bit session number, bumped at each local
 * +-----+------------------------------------------+         disconnect so late packets of the old partner
 *                                                           incarnation are recognised and ignored;
 *                                                     seq = 14-bit sequence, wraps within its 14 bits
 * </pre>
 * Every message (not fragment) consumes one seqnum; counting starts at {@link #FIRST_SEQ}. Acks are cumulative and
 * exclusive: ack {@code X} means every seqnum before {@code X} arrived. Comparisons are modular: {@link #distance}
 * tells how far {@code a} is ahead of {@code b}, in 0..0x3FFF, and is meaningful for distances below half the space
 * (Open-MX throttles at 0x3FFF/2 unacked seqnums and accepts early packets up to 255 ahead).
 *
 * <p>All methods are pure and accept any {@code int}, using only its low 16 bits.
 */
public final class MxoeSeqnum
{
    /** Bits of the sequence part. */
    public static final int SEQ_BITS = 14;
    /** Mask of the sequence part. */
    public static final int SEQ_MASK = (1 << SEQ_BITS) - 1;
    /** Mask of the 2-bit session number. */
    public static final int SES_MASK = 0xC000;
    /** One step of the session number. */
    public static final int SES_ONE = 1 << SEQ_BITS;
    /** The first sequence of a session. */
    public static final int FIRST_SEQ = 1;
    /** Open-MX's throttle: at most this many unacked seqnums per partner. */
    public static final int THROTTLE_MAX = SEQ_MASK / 2;
    /** Open-MX's early window: packets up to this far ahead of the next expected are kept. */
    public static final int EARLY_PACKET_OFFSET_MAX = 255;

    private MxoeSeqnum()
    {
    }

    /**
     * @param seqnum a seqnum.
     * @return its 14-bit sequence part.
     */
    public static int seq(final int seqnum)
    {
        return seqnum & SEQ_MASK;
    }

    /**
     * @param seqnum a seqnum.
     * @return its session bits, still in place (0, 0x4000, 0x8000 or 0xC000).
     */
    public static int ses(final int seqnum)
    {
        return seqnum & SES_MASK;
    }

    /**
     * @param seqnum a seqnum.
     * @return the next seqnum of the same session: {@code ses(x) | seq(x + 1)}.
     */
    public static int inc(final int seqnum)
    {
        return ses(seqnum) | seq(seqnum + 1);
    }

    /**
     * @param seqnum a seqnum.
     * @param delta  steps to add (negative goes back), within the same session.
     * @return {@code ses(x) | seq(x + delta)}.
     */
    public static int add(final int seqnum, final int delta)
    {
        return ses(seqnum) | seq(seqnum + delta);
    }

    /**
     * @param a a seqnum.
     * @param b a seqnum.
     * @return how far {@code a} is ahead of {@code b}, modulo 2^14: {@code seq(a - b)}, in 0..0x3FFF. The session
     * bits are ignored; check {@link #sameSession} first.
     */
    public static int distance(final int a, final int b)
    {
        return seq(a - b);
    }

    /**
     * @param a a seqnum.
     * @param b a seqnum.
     * @return true if both carry the same session bits.
     */
    public static boolean sameSession(final int a, final int b)
    {
        return ses(a) == ses(b);
    }

    /**
     * @param seqnum   a seqnum.
     * @param base     the start of a window, same session expected.
     * @param capacity window size, 1..0x4000.
     * @return true if {@code seqnum} has {@code base}'s session and lies in {@code [base, base + capacity)}, modulo
     * 2^14.
     */
    public static boolean inWindow(final int seqnum, final int base, final int capacity)
    {
        return sameSession(seqnum, base) && distance(seqnum, base) < capacity;
    }

    /**
     * @param seqnum a seqnum.
     * @return the seqnum with its session number advanced by one (wrapping after 3) and the sequence kept.
     */
    public static int bumpSession(final int seqnum)
    {
        return ((seqnum + SES_ONE) & SES_MASK) | seq(seqnum);
    }

    /**
     * @param seqnum a seqnum whose session bits are wanted.
     * @return the first seqnum of that session: {@code ses(x) | 1}.
     */
    public static int first(final int seqnum)
    {
        return ses(seqnum) | FIRST_SEQ;
    }

    /**
     * @param seqnum a seqnum.
     * @return {@code "ses:seq"}, for logs.
     */
    public static String toString(final int seqnum)
    {
        return (ses(seqnum) >>> SEQ_BITS) + ":" + seq(seqnum);
    }
}
