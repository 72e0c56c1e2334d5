package xen2mx.btl.mx.lib;

/**
 * Allocator of the driver send queue's fixed-size slots (one per medium fragment), with the owner of each slot so
 * that a SEND_MEDIUMSQ_FRAG_DONE event, which names a slot by offset, finds its request. Guarded by the endpoint
 * lock. Invariant: {@code free + (slots held by requests) == count}.
 */
final class SendQueueSlots
{
    private final int slotShift;
    private final int[] freeStack;
    private final SendRequest[] owners;
    private int free;

    /**
     * @param count      number of slots.
     * @param slotLength bytes per slot, a power of two.
     */
    SendQueueSlots(final int count, final int slotLength)
    {
        this.slotShift = Integer.numberOfTrailingZeros(slotLength);
        this.freeStack = new int[count];
        this.owners = new SendRequest[count];
        for (int i = 0; i < count; i++)
        {
            freeStack[i] = count - 1 - i;
        }
        this.free = count;
    }

    int available()
    {
        return free;
    }

    int capacity()
    {
        return owners.length;
    }

    /** Takes {@code count} slots for {@code owner}; the caller checked {@link #available()}. */
    int[] take(final SendRequest owner, final int count)
    {
        final int[] taken = new int[count];
        for (int i = 0; i < count; i++)
        {
            final int slot = freeStack[--free];
            owners[slot] = owner;
            taken[i] = slot;
        }
        return taken;
    }

    void release(final int[] slots)
    {
        for (final int slot : slots)
        {
            owners[slot] = null;
            freeStack[free++] = slot;
        }
    }

    int offset(final int slot)
    {
        return slot << slotShift;
    }

    /** @return the request holding the slot at {@code offset}, or null. */
    SendRequest ownerAt(final int offset)
    {
        final int slot = offset >>> slotShift;
        return offset >= 0 && slot < owners.length && (offset & ((1 << slotShift) - 1)) == 0 ? owners[slot] : null;
    }
}
