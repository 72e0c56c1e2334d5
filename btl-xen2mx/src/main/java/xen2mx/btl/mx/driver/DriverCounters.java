package xen2mx.btl.mx.driver;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The values of {@link DriverCounter}s, one 64-bit slot per id at byte offset {@code id * 8} of a buffer (heap-free;
 * a mapped file can back it so a tool reads the counters of a running driver).
 *
 * <p>Single writer: only the driver core's thread increments (release stores). Any thread may read (acquire loads)
 * and sees each counter's value as of some recent moment.
 */
public final class DriverCounters
{
    /** Bytes a backing buffer needs. */
    public static final int LENGTH = DriverCounter.ID_LIMIT * Long.BYTES;

    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;

    /** Counters in a fresh direct buffer. */
    public DriverCounters()
    {
        this(ByteBuffer.allocateDirect(LENGTH));
    }

    /**
     * @param buffer at least {@link #LENGTH} bytes from index 0, 8-byte aligned if direct; not modified by others.
     */
    public DriverCounters(final ByteBuffer buffer)
    {
        if (buffer.capacity() < LENGTH)
        {
            throw new IllegalArgumentException("counters buffer needs " + LENGTH + " bytes");
        }
        this.buffer = buffer;
    }

    /**
     * Adds one. Writer thread only.
     *
     * @param counter which.
     */
    public void increment(final DriverCounter counter)
    {
        add(counter, 1);
    }

    /**
     * Adds {@code delta}. Writer thread only.
     *
     * @param counter which.
     * @param delta   how much.
     */
    public void add(final DriverCounter counter, final long delta)
    {
        final int offset = counter.id() * Long.BYTES;
        final long value = (long)SLOT.get(buffer, offset);
        SLOT.setRelease(buffer, offset, value + delta); // readers on other threads see whole values
    }

    /**
     * @param counter which.
     * @return its current value; any thread.
     */
    public long get(final DriverCounter counter)
    {
        return (long)SLOT.getAcquire(buffer, counter.id() * Long.BYTES); // pairs with setRelease in add
    }

    /**
     * @param kind a counter kind.
     * @return the sum of every counter of that kind.
     */
    public long sum(final DriverCounter.Kind kind)
    {
        long total = 0;
        for (final DriverCounter counter : DriverCounter.values())
        {
            if (counter.kind() == kind)
            {
                total += get(counter);
            }
        }
        return total;
    }

    /** @return every non-zero counter, one "label: value" per line; for logs and the info tool. */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final DriverCounter counter : DriverCounter.values())
        {
            final long value = get(counter);
            if (value != 0)
            {
                text.append(counter.label()).append(": ").append(value).append('\n');
            }
        }
        return text.toString();
    }
}
