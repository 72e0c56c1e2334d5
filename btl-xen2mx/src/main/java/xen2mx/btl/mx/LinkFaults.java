package xen2mx.btl.mx;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.media.FaultInjectingChannel;
import xen2mx.btl.mx.media.RandomFaults;

/**
 * The value of MCA parameter {@value MxBtl#FAULTS_PARAM}: seeded faults that the native driver path applies to every
 * frame a rank sends, by putting a {@link FaultInjectingChannel} with {@link RandomFaults} between the driver and its
 * raw socket. It stands in for {@code tc netem} on kernels built without {@code CONFIG_NET_SCH_NETEM}; the frames
 * still cross the real interface, only their fate is decided in the sending process instead of in its qdisc.
 *
 * <p>Syntax: comma-separated {@code key:value} tokens, each key at most once, in any order; keys left out are 0.
 * <pre>
 *   loss:5,dup:2,reorder:10,delay:1ms,corrupt:0,seed:42
 * </pre>
 * <ul>
 * <li>{@code loss}, {@code dup}, {@code reorder}, {@code corrupt}: percentages of frames, 0 to 100, decimals
 * allowed, an optional trailing {@code %}; {@code corrupt} flips one bit after the Ethernet header;</li>
 * <li>{@code delay}: every frame's delay, a number with unit {@code ns}, {@code us}, {@code ms} or {@code s} (a bare
 * {@code 0} is allowed); {@code hold}: how much longer a reordered frame waits, so that later frames overtake it
 * (default {@value RandomFaults#DEFAULT_REORDER_HOLD_NANOS} ns), positive;</li>
 * <li>{@code seed}: the generator's seed (a long, default 1). Rank {@code r} seeds its generator with
 * {@link #seedOf(int)}, so ranks draw different faults and a run with the same seed and traffic draws the same
 * ones.</li>
 * </ul>
 * The empty value and {@code none} mean no faults. Anything else is refused by {@link #parse} with an error naming
 * the token at fault.
 *
 * @param lossPercent      frames lost.
 * @param duplicatePercent frames sent twice.
 * @param reorderPercent   frames held back by {@code reorderHoldNanos} more.
 * @param corruptPercent   frames with one bit flipped.
 * @param delayNanos       delay of every frame.
 * @param reorderHoldNanos extra hold of a reordered frame, positive.
 * @param seed             the seed the ranks' seeds derive from.
 */
public record LinkFaults(double lossPercent, double duplicatePercent, double reorderPercent, double corruptPercent,
    long delayNanos, long reorderHoldNanos, long seed)
{
    /** The seed when none is given. */
    public static final long DEFAULT_SEED = 1L;

    private static final String EXAMPLE = "loss:5,dup:2,reorder:10,delay:1ms,corrupt:1,seed:42";
    private static final String KEYS = "loss, dup, reorder, corrupt, delay, hold, seed";
    private static final long SEED_STRIDE = 0x9E37_79B9_7F4A_7C15L;

    /**
     * Parses a {@value MxBtl#FAULTS_PARAM} value.
     *
     * @param value the parameter's value, or null.
     * @return the faults, or null when the value is null, blank or {@code none} (no faults).
     * @throws BtlException naming the parameter, the whole value and the token at fault, with an example.
     */
    public static LinkFaults parse(final String value)
    {
        if (value == null || value.isBlank() || "none".equalsIgnoreCase(value.trim()))
        {
            return null;
        }
        double loss = 0;
        double duplicate = 0;
        double reorder = 0;
        double corrupt = 0;
        long delay = 0;
        long hold = RandomFaults.DEFAULT_REORDER_HOLD_NANOS;
        long seed = DEFAULT_SEED;
        final Set<String> seen = new HashSet<>();
        for (final String raw : value.split(",", -1))
        {
            final String token = raw.trim();
            final int colon = token.indexOf(':');
            if (colon <= 0 || colon == token.length() - 1)
            {
                throw bad(value, token, "not key:value");
            }
            final String key = token.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            final String text = token.substring(colon + 1).trim();
            if (!seen.add(key))
            {
                throw bad(value, token, "'" + key + "' given twice");
            }
            switch (key)
            {
                case "loss" -> loss = percent(value, token, text);
                case "dup" -> duplicate = percent(value, token, text);
                case "reorder" -> reorder = percent(value, token, text);
                case "corrupt" -> corrupt = percent(value, token, text);
                case "delay" -> delay = duration(value, token, text);
                case "hold" ->
                {
                    hold = duration(value, token, text);
                    if (hold == 0)
                    {
                        throw bad(value, token, "the reorder hold must be positive");
                    }
                }
                case "seed" -> seed = seed(value, token, text);
                default -> throw bad(value, token, "unknown key '" + key + "'");
            }
        }
        return new LinkFaults(loss, duplicate, reorder, corrupt, delay, hold, seed);
    }

    /**
     * @param rank the world rank whose sends suffer the faults.
     * @return that rank's seed: {@code seed + rank * 0x9E3779B97F4A7C15}.
     */
    public long seedOf(final int rank)
    {
        return seed + rank * SEED_STRIDE;
    }

    /**
     * @param rank the world rank whose sends suffer the faults.
     * @return a fresh generator of these faults, seeded with {@link #seedOf(int)}.
     */
    public RandomFaults newFaults(final int rank)
    {
        return RandomFaults.seeded(seedOf(rank)).loss(lossPercent / 100).duplication(duplicatePercent / 100)
            .reordering(reorderPercent / 100, reorderHoldNanos).corruption(corruptPercent / 100).delay(delayNanos, 0);
    }

    /** @return the canonical parameter value, which {@link #parse} reads back to an equal record. */
    @Override
    public String toString()
    {
        return "loss:" + number(lossPercent) + ",dup:" + number(duplicatePercent) + ",reorder:" +
            number(reorderPercent) + ",corrupt:" + number(corruptPercent) + ",delay:" + delayNanos + "ns,hold:" +
            reorderHoldNanos + "ns,seed:" + seed;
    }

    private static String number(final double value)
    {
        return value == Math.rint(value) ? Long.toString((long)value) : Double.toString(value);
    }

    private static double percent(final String value, final String token, final String text)
    {
        final String digits = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
        final double percent;
        try
        {
            percent = Double.parseDouble(digits);
        }
        catch (final NumberFormatException e)
        {
            throw bad(value, token, "'" + text + "' is not a percentage");
        }
        if (!(percent >= 0 && percent <= 100))
        {
            throw bad(value, token, "a percentage is from 0 to 100");
        }
        return percent;
    }

    private static long duration(final String value, final String token, final String text)
    {
        if ("0".equals(text))
        {
            return 0;
        }
        final String lower = text.toLowerCase(Locale.ROOT);
        final TimeUnit unit;
        final String digits;
        if (lower.endsWith("ns"))
        {
            unit = TimeUnit.NANOSECONDS;
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("us"))
        {
            unit = TimeUnit.MICROSECONDS;
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("ms"))
        {
            unit = TimeUnit.MILLISECONDS;
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("s"))
        {
            unit = TimeUnit.SECONDS;
            digits = lower.substring(0, lower.length() - 1);
        }
        else
        {
            throw bad(value, token, "a duration needs a unit: ns, us, ms or s");
        }
        final long amount;
        try
        {
            amount = Long.parseLong(digits.trim());
        }
        catch (final NumberFormatException e)
        {
            throw bad(value, token, "'" + text + "' is not a whole number of " + unit.name().toLowerCase(Locale.ROOT));
        }
        if (amount < 0 || amount > unit.convert(1, TimeUnit.MINUTES))
        {
            throw bad(value, token, "a duration is from 0 to 1 minute");
        }
        return unit.toNanos(amount);
    }

    private static long seed(final String value, final String token, final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException e)
        {
            throw bad(value, token, "'" + text + "' is not a whole number");
        }
    }

    private static BtlException bad(final String value, final String token, final String reason)
    {
        return new BtlException("xen2mx: MCA parameter " + MxBtl.FAULTS_PARAM + "=" + value + ": bad token '" +
            token + "': " + reason + " (keys: " + KEYS + "; e.g. " + EXAMPLE + ")");
    }
}
