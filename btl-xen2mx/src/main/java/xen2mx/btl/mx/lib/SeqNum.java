package xen2mx.btl.mx.lib;

/**
 * Library sequence numbers ({@code lib_seqnum}), 16 bits on the wire:
 *
 * <pre>
 *  15 14 13                                      0
 * +-----+------------------------------------------+
 * | ses |                 seq (14)                 |
 * +-----+------------------------------------------+
 * </pre>
 *
 * <ul>
 * <li>{@code seq}: counts messages per partner and direction, starting at 1; incrementing wraps only these 14 bits
 * (16383 + 1 = 0).</li>
 * <li>{@code ses}: the 2-bit session number, bumped locally on each disconnect/cleanup so that packets of an older
 * incarnation are recognised and ignored.</li>
 * </ul>
 * Comparisons are modular: {@code distance(a, b) = seq(a - b)} in {@code 0 .. 16383}; a value "ahead" of {@code b}
 * by less than half the space is newer. Values are held in Java {@code int}s, always in {@code 0 .. 0xFFFF}.
 */
final class SeqNum
{
    static final int SEQ_MASK = 0x3FFF;
    static final int SESSION_MASK = 0xC000;
    static final int SESSION_STEP = 0x4000;
    /** Largest number of messages sent and not yet acknowledged to one partner (Open-MX's throttling offset). */
    static final int THROTTLE_MAX = SEQ_MASK / 2;
    /** How far ahead of the next expected message an early packet may be and still be kept. */
    static final int EARLY_WINDOW = 255;

    private SeqNum()
    {
    }

    static int seq(final int value)
    {
        return value & SEQ_MASK;
    }

    static int session(final int value)
    {
        return value & SESSION_MASK;
    }

    /** @return {@code value} + 1 in the low 14 bits, session bits unchanged. */
    static int increment(final int value)
    {
        return session(value) | seq(value + 1);
    }

    /** @return {@code value} + {@code n} in the low 14 bits, session bits unchanged. */
    static int add(final int value, final int n)
    {
        return session(value) | seq(value + n);
    }

    /** @return {@code seq(a - b)}: how far {@code a} is ahead of {@code b}, 0 .. 16383. */
    static int distance(final int a, final int b)
    {
        return seq(a - b);
    }

    /** @return the first sequence number of a new incarnation: session bits of {@code session}, seq 1. */
    static int reset(final int session)
    {
        return session(session) | 1;
    }

    /** @return {@code value} with its session number bumped (mod 4) and seq 1. */
    static int nextSession(final int value)
    {
        return ((value + SESSION_STEP) & SESSION_MASK) | 1;
    }

    static String toString(final int value)
    {
        return seq(value) + "#" + (session(value) >>> 14);
    }
}
