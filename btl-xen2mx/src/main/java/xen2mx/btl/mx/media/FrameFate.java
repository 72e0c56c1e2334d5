package xen2mx.btl.mx.media;

/**
 * The fate of one frame in a {@link MemoryEthernet}, set by a {@link FaultInjector}: how many copies reach the
 * destination (0 = lost, 2 = duplicated) and how long they are held back. A frame held back is overtaken by frames
 * sent after it with less delay, which is how reordering happens (as with {@code tc netem}).
 *
 * <p>One instance per fabric, reset before each frame; used only under the fabric's lock.
 */
public final class FrameFate
{
    private int copies;
    private long delayNanos;

    void reset()
    {
        copies = 1;
        delayNanos = 0;
    }

    /** The frame is lost: no copy is delivered. */
    public void lose()
    {
        copies = 0;
    }

    /** One more copy of the frame is delivered, right after the others. */
    public void duplicate()
    {
        if (copies > 0)
        {
            copies++;
        }
    }

    /**
     * Holds every copy back for {@code nanos} more.
     *
     * @param nanos extra delay, not negative.
     */
    public void delay(final long nanos)
    {
        if (nanos < 0)
        {
            throw new IllegalArgumentException("negative delay " + nanos);
        }
        delayNanos += nanos;
    }

    /** @return the copies that will be delivered (0 when lost). */
    public int copies()
    {
        return copies;
    }

    /** @return the delay before delivery, in nanoseconds. */
    public long delayNanos()
    {
        return delayNanos;
    }
}
