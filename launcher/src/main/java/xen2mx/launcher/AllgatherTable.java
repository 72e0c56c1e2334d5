package xen2mx.launcher;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Contributions to the all-gathers in progress, by sequence number. Invariant: an entry exists only while some
 * but not all ranks have published its sequence; it is removed when the last one does. Thread-safe.
 */
final class AllgatherTable
{
    private final int size;
    private final Map<Integer, byte[][]> open = new HashMap<>();

    /** @param size the number of ranks. */
    AllgatherTable(final int size)
    {
        this.size = size;
    }

    /**
     * @param rank     the publishing rank.
     * @param sequence the all-gather.
     * @param data     its contribution.
     * @return every rank's data when this was the last contribution, else null.
     * @throws IllegalArgumentException when the rank already published this sequence.
     */
    synchronized byte[][] put(final int rank, final int sequence, final byte[] data)
    {
        final byte[][] slots = open.computeIfAbsent(sequence, s -> new byte[size][]);
        if (slots[rank] != null)
        {
            throw new IllegalArgumentException("rank " + rank + " published all-gather #" + sequence + " twice");
        }
        slots[rank] = data;
        for (final byte[] slot : slots)
        {
            if (slot == null)
            {
                return null;
            }
        }
        open.remove(sequence);
        return slots;
    }

    /**
     * @param sequence the all-gather.
     * @return the ranks that have not published it, ascending (all ranks when none has).
     */
    synchronized int[] missing(final int sequence)
    {
        final byte[][] slots = open.get(sequence);
        return IntStream.range(0, size).filter(r -> slots == null || slots[r] == null).toArray();
    }
}
