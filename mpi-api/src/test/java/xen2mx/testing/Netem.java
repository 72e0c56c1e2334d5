package xen2mx.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code tc netem} setting for the egress of one namespace's veth, as {@link NetworkNamespaces#netem} applies it:
 * {@code Netem.none().loss(5).duplicate(2).reorder(10).delay(Duration.ofMillis(1))}. Percentages are of frames.
 * netem reorders only delayed traffic: with {@code reorder} and no delay, a 1 ms delay is used.
 *
 * @param lossPercent      frames dropped.
 * @param duplicatePercent frames sent twice.
 * @param reorderPercent   frames sent at once while the others wait out the delay.
 * @param corruptPercent   frames with one bit flipped.
 * @param delay            delay of every (non-reordered) frame, zero for none.
 * @param limitFrames      the queue length netem allows, in frames.
 */
public record Netem(double lossPercent, double duplicatePercent, double reorderPercent, double corruptPercent,
    Duration delay, int limitFrames)
{
    /** The queue length when none is given: deeper than netem's 1000, so delay alone loses nothing at test rates. */
    public static final int DEFAULT_LIMIT_FRAMES = 10_000;

    /** @return a setting without any fault, to be refined. */
    public static Netem none()
    {
        return new Netem(0, 0, 0, 0, Duration.ZERO, DEFAULT_LIMIT_FRAMES);
    }

    /** @param percent of frames lost. @return a copy with that loss */
    public Netem loss(final double percent)
    {
        return new Netem(check(percent), duplicatePercent, reorderPercent, corruptPercent, delay, limitFrames);
    }

    /** @param percent of frames duplicated. @return a copy with that duplication */
    public Netem duplicate(final double percent)
    {
        return new Netem(lossPercent, check(percent), reorderPercent, corruptPercent, delay, limitFrames);
    }

    /** @param percent of frames reordered. @return a copy with that reordering */
    public Netem reorder(final double percent)
    {
        return new Netem(lossPercent, duplicatePercent, check(percent), corruptPercent, delay, limitFrames);
    }

    /** @param percent of frames corrupted. @return a copy with that corruption */
    public Netem corrupt(final double percent)
    {
        return new Netem(lossPercent, duplicatePercent, reorderPercent, check(percent), delay, limitFrames);
    }

    /** @param value delay of every frame. @return a copy with that delay */
    public Netem delay(final Duration value)
    {
        if (value.isNegative())
        {
            throw new IllegalArgumentException("negative delay " + value);
        }
        return new Netem(lossPercent, duplicatePercent, reorderPercent, corruptPercent, value, limitFrames);
    }

    /** @param frames netem's queue length. @return a copy with that limit */
    public Netem limit(final int frames)
    {
        if (frames < 1)
        {
            throw new IllegalArgumentException("limit must be positive: " + frames);
        }
        return new Netem(lossPercent, duplicatePercent, reorderPercent, corruptPercent, delay, frames);
    }

    /** @return the arguments after {@code tc qdisc replace dev IF root netem}. */
    public List<String> arguments()
    {
        final List<String> arguments = new ArrayList<>(List.of("limit", Integer.toString(limitFrames)));
        Duration effectiveDelay = delay;
        if (reorderPercent > 0 && delay.isZero())
        {
            effectiveDelay = Duration.ofMillis(1);
        }
        if (!effectiveDelay.isZero())
        {
            arguments.add("delay");
            arguments.add(effectiveDelay.toNanos() / 1000 + "us");
        }
        if (reorderPercent > 0)
        {
            arguments.add("reorder");
            arguments.add(percent(reorderPercent));
        }
        if (duplicatePercent > 0)
        {
            arguments.add("duplicate");
            arguments.add(percent(duplicatePercent));
        }
        if (lossPercent > 0)
        {
            arguments.add("loss");
            arguments.add(percent(lossPercent));
        }
        if (corruptPercent > 0)
        {
            arguments.add("corrupt");
            arguments.add(percent(corruptPercent));
        }
        return arguments;
    }

    private static String percent(final double value)
    {
        return String.format(Locale.ROOT, "%s%%", value == Math.rint(value) ? Long.toString((long)value) :
            Double.toString(value));
    }

    private static double check(final double percent)
    {
        if (!(percent >= 0 && percent <= 100))
        {
            throw new IllegalArgumentException("percentage out of [0, 100]: " + percent);
        }
        return percent;
    }
}
