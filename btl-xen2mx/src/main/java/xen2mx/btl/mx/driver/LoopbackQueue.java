package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;

/**
 * Frames a board sends to its own MAC (between two endpoints of one driver, or an endpoint and itself): the link
 * never returns a frame to its sender, so the core queues them here and receives them on its next duty cycle, as
 * if they came from the wire. A bounded ring of frame-sized slots; a frame that finds no room is lost, like on a
 * wire. At most {@code capacity - 1} frames wait, so that the slot of the frame the core is receiving (the last one
 * polled) is not overwritten by the frames its handling sends (a PULL answered with a burst of replies to a
 * co-located endpoint: the replies were built from an overwritten request). Not thread-safe; the core's thread only.
 */
final class LoopbackQueue
{
    private final ByteBuffer slots;
    private final ByteBuffer[] views;
    private final int[] lengths;
    private final int slotLength;
    private final int mask;
    private long head;
    private long tail;

    /**
     * @param capacity   frames, a power of two.
     * @param slotLength bytes of the longest frame.
     */
    LoopbackQueue(final int capacity, final int slotLength)
    {
        this.slotLength = slotLength;
        this.mask = capacity - 1;
        slots = ByteBuffer.allocateDirect(capacity * slotLength);
        views = new ByteBuffer[capacity];
        lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            views[i] = slots.slice(i * slotLength, slotLength);
        }
    }

    /**
     * Copies a frame in.
     *
     * @param frame  source.
     * @param offset first byte.
     * @param length bytes, at most the slot length.
     * @return false if the queue is full.
     */
    boolean offer(final ByteBuffer frame, final int offset, final int length)
    {
        if (tail - head >= mask || length > slotLength) // one slot stays free: the frame being received
        {
            return false;
        }
        final int index = (int)(tail & mask);
        slots.put(index * slotLength, frame, offset, length);
        lengths[index] = length;
        tail++;
        return true;
    }

    /** @return frames queued. */
    int size()
    {
        return (int)(tail - head);
    }

    /**
     * Removes the oldest frame.
     *
     * @return a view of it, from position 0 to its length, valid until the next poll.
     */
    ByteBuffer poll()
    {
        final int index = (int)(head & mask);
        head++;
        final ByteBuffer view = views[index];
        view.limit(lengths[index]).position(0);
        return view;
    }
}
