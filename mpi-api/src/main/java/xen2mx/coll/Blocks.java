package xen2mx.coll;

/**
 * The split of {@code total} elements into {@code parts} consecutive blocks as equal as {@code grain} allows:
 * every block but the last ones has {@code ceil(total / grain / parts) * grain} elements, the remainder goes to the
 * next block, later blocks may be empty. Block {@code i} is {@code [start(i), start(i + 1))}.
 */
final class Blocks
{
    private final int total;
    private final int chunk;

    /** @param grain elements per item: block bounds fall on item bounds */
    Blocks(final int total, final int parts, final int grain)
    {
        this.total = total;
        final int items = total / grain;
        this.chunk = (items + parts - 1) / parts * grain;
    }

    /** @return the first element of block {@code i}, for {@code 0 <= i <= parts} */
    int start(final int i)
    {
        return (int)Math.min((long)i * chunk, total);
    }

    /** @return the elements of block {@code i} */
    int count(final int i)
    {
        return start(i + 1) - start(i);
    }

    /** @return the elements of blocks {@code from} (inclusive) to {@code to} (exclusive) */
    int count(final int from, final int to)
    {
        return start(to) - start(from);
    }
}
