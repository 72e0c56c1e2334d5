package xen2mx.btl.match;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to values, without boxing: linear probing, power-of-two capacity,
 * backward-shift deletion (no tombstones). Not thread-safe; {@link MatchEngine} guards it with its lock.
 *
 * <p>Invariant: {@code size < capacity * 3 / 4}, so every probe sequence reaches an empty slot.
 */
final class LongHashMap<V>
{
    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    LongHashMap(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(8, initialCapacity - 1) << 1);
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    int size()
    {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(final long key)
    {
        int index = hash(key) & mask;
        Object value;
        while ((value = values[index]) != null)
        {
            if (keys[index] == key)
            {
                return (V)value;
            }
            index = (index + 1) & mask;
        }
        return null;
    }

    /** Adds a mapping for a key that is absent. */
    void putNew(final long key, final V value)
    {
        int index = hash(key) & mask;
        while (values[index] != null)
        {
            index = (index + 1) & mask;
        }
        keys[index] = key;
        values[index] = value;
        if (++size > (mask + 1) * 3 / 4)
        {
            resize();
        }
    }

    void remove(final long key)
    {
        int index = hash(key) & mask;
        while (values[index] != null)
        {
            if (keys[index] == key)
            {
                values[index] = null;
                size--;
                shiftBack(index);
                return;
            }
            index = (index + 1) & mask;
        }
    }

    private void shiftBack(final int removed)
    {
        int hole = removed;
        int index = (removed + 1) & mask;
        while (values[index] != null)
        {
            final int home = hash(keys[index]) & mask;
            final boolean movable = hole <= index ? (home <= hole || home > index) : (home <= hole && home > index);
            if (movable)
            {
                keys[hole] = keys[index];
                values[hole] = values[index];
                values[index] = null;
                hole = index;
            }
            index = (index + 1) & mask;
        }
    }

    private void resize()
    {
        final long[] oldKeys = keys;
        final Object[] oldValues = values;
        final int capacity = oldKeys.length << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldValues[i] != null)
            {
                @SuppressWarnings("unchecked")
                final V value = (V)oldValues[i];
                putNew(oldKeys[i], value);
            }
        }
    }

    void clear()
    {
        Arrays.fill(values, null);
        size = 0;
    }

    private static int hash(final long key)
    {
        final long h = key * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32));
    }
}
