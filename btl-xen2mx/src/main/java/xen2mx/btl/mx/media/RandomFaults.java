package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Seeded random faults for a {@link MemoryEthernet}, in the spirit of {@code tc netem}: loss, duplication, reordering,
 * corruption and delay, each with its own probability, drawn in that order from one seeded generator so that a run
 * with the same seed and the same frames makes the same decisions.
 *
 * <ul>
 * <li>loss: the frame is dropped (nothing else is drawn for it);</li>
 * <li>corruption: one random bit past the 14-byte Ethernet header is flipped, so the frame still reaches its
 * destination and meets the protocol's own checks;</li>
 * <li>duplication: a second copy follows the first;</li>
 * <li>delay: every frame is held back {@code delay} plus a uniform jitter in {@code [0, jitter)}; without jitter the
 * order is kept;</li>
 * <li>reordering: the frame is held back a further {@code reorderHold}, so frames sent after it overtake it.</li>
 * </ul>
 *
 * <p>Configure before the fabric carries traffic (the setters are not thread-safe). The counters are written under
 * the fabric's lock and are volatile, so any thread may read them.
 */
public final class RandomFaults implements FaultInjector
{
    /** Extra hold of a reordered frame when none is set: long enough for the next frames to overtake it. */
    public static final long DEFAULT_REORDER_HOLD_NANOS = 200_000L;

    private final SplittableRandom random;
    private double lossProbability;
    private double corruptionProbability;
    private double duplicationProbability;
    private double reorderProbability;
    private long reorderHoldNanos = DEFAULT_REORDER_HOLD_NANOS;
    private long delayNanos;
    private long jitterNanos;

    private volatile long lost;
    private volatile long corrupted;
    private volatile long duplicated;
    private volatile long reordered;

    private RandomFaults(final long seed)
    {
        random = new SplittableRandom(seed);
    }

    /**
     * @param seed the generator's seed; the same seed and traffic give the same faults.
     * @return faults with every probability 0 and no delay, to be configured.
     */
    public static RandomFaults seeded(final long seed)
    {
        return new RandomFaults(seed);
    }

    /** @param probability of losing a frame, in [0, 1]. @return this */
    public RandomFaults loss(final double probability)
    {
        lossProbability = checkProbability(probability);
        return this;
    }

    /** @param probability of flipping one bit past the Ethernet header, in [0, 1]. @return this */
    public RandomFaults corruption(final double probability)
    {
        corruptionProbability = checkProbability(probability);
        return this;
    }

    /** @param probability of delivering a frame twice, in [0, 1]. @return this */
    public RandomFaults duplication(final double probability)
    {
        duplicationProbability = checkProbability(probability);
        return this;
    }

    /**
     * @param probability of holding a frame back so that later frames overtake it, in [0, 1].
     * @param holdNanos   how long such a frame is held back beyond the common delay, positive.
     * @return this
     */
    public RandomFaults reordering(final double probability, final long holdNanos)
    {
        if (holdNanos <= 0)
        {
            throw new IllegalArgumentException("reorder hold must be positive: " + holdNanos);
        }
        reorderProbability = checkProbability(probability);
        reorderHoldNanos = holdNanos;
        return this;
    }

    /**
     * @param nanos  delay of every frame, not negative.
     * @param jitter uniform extra delay in {@code [0, jitter)}, not negative (a positive jitter reorders frames).
     * @return this
     */
    public RandomFaults delay(final long nanos, final long jitter)
    {
        if (nanos < 0 || jitter < 0)
        {
            throw new IllegalArgumentException("negative delay " + nanos + " or jitter " + jitter);
        }
        delayNanos = nanos;
        jitterNanos = jitter;
        return this;
    }

    @Override
    public void inject(final int sourcePort, final ByteBuffer frame, final FrameFate fate)
    {
        if (draw(lossProbability))
        {
            lost++;
            fate.lose();
            return;
        }
        final int length = frame.limit();
        if (length > EthernetChannel.ETHERNET_HEADER_LENGTH && draw(corruptionProbability))
        {
            final int bit = random.nextInt((length - EthernetChannel.ETHERNET_HEADER_LENGTH) * Byte.SIZE);
            final int index = EthernetChannel.ETHERNET_HEADER_LENGTH + bit / Byte.SIZE;
            frame.put(index, (byte)(frame.get(index) ^ (1 << (bit % Byte.SIZE))));
            corrupted++;
        }
        if (draw(duplicationProbability))
        {
            duplicated++;
            fate.duplicate();
        }
        long hold = delayNanos;
        if (jitterNanos > 0)
        {
            hold += random.nextLong(jitterNanos);
        }
        if (draw(reorderProbability))
        {
            reordered++;
            hold += reorderHoldNanos;
        }
        if (hold > 0)
        {
            fate.delay(hold);
        }
    }

    /** @return frames lost so far. */
    public long lost()
    {
        return lost;
    }

    /** @return frames with a flipped bit so far. */
    public long corrupted()
    {
        return corrupted;
    }

    /** @return frames delivered twice so far. */
    public long duplicated()
    {
        return duplicated;
    }

    /** @return frames held back for reordering so far. */
    public long reordered()
    {
        return reordered;
    }

    private boolean draw(final double probability)
    {
        return probability > 0 && random.nextDouble() < probability;
    }

    private static double checkProbability(final double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new IllegalArgumentException("probability out of [0, 1]: " + probability);
        }
        return probability;
    }
}
