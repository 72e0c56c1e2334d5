package xen2mx.btl.tcp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Requests waiting for a peer's answer, named on the wire by a small int id (the slot index). Slots are reused
 * last-in first-out. Not thread-safe: guarded by the owning connection's lock.
 */
final class RequestTable<T>
{
    private Object[] slots = new Object[16];
    private int[] free = new int[16];
    private int freeCount;
    private int highWater;
    private int size;

    int add(final T request)
    {
        final int id;
        if (freeCount > 0)
        {
            id = free[--freeCount];
        }
        else
        {
            if (highWater == slots.length)
            {
                slots = Arrays.copyOf(slots, highWater * 2);
                free = Arrays.copyOf(free, highWater * 2);
            }
            id = highWater++;
        }
        slots[id] = request;
        size++;
        return id;
    }

    @SuppressWarnings("unchecked")
    T get(final int id)
    {
        return id >= 0 && id < highWater ? (T)slots[id] : null;
    }

    /** @return the request with that id, removed, or null when there is none (a malformed or stale id). */
    T remove(final int id)
    {
        final T request = get(id);
        if (request != null)
        {
            slots[id] = null;
            free[freeCount++] = id;
            size--;
        }
        return request;
    }

    int size()
    {
        return size;
    }

    /** Hands every request to {@code action} and empties the table. */
    @SuppressWarnings("unchecked")
    void drain(final Consumer<T> action)
    {
        for (int id = 0; id < highWater; id++)
        {
            final Object request = slots[id];
            if (request != null)
            {
                slots[id] = null;
                action.accept((T)request);
            }
        }
        highWater = 0;
        freeCount = 0;
        size = 0;
    }
}
