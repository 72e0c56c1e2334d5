package xen2mx.btl.match;

/**
 * Messages that arrived before a matching receive, in arrival order, also indexed by their full match info so a
 * fully specified receive (mask {@code -1L}) finds its message with one hash look-up; other masks scan in arrival
 * order. Guarded by the {@link MatchEngine} lock.
 */
final class UnexpectedMessages
{
    private static final int MAX_IDLE_BINS = 1024;

    private final LongHashMap<Bin> bins = new LongHashMap<>(64);
    private UnexpectedMessage head;
    private UnexpectedMessage tail;
    private int size;

    void add(final UnexpectedMessage message)
    {
        message.previous = tail;
        if (tail == null)
        {
            head = message;
        }
        else
        {
            tail.next = message;
        }
        tail = message;

        Bin bin = bins.get(message.matchInfo);
        if (bin == null)
        {
            bin = new Bin(message.matchInfo);
            bins.putNew(message.matchInfo, bin);
        }
        message.bin = bin;
        message.binPrevious = bin.tail;
        if (bin.tail == null)
        {
            bin.head = message;
        }
        else
        {
            bin.tail.binNext = message;
        }
        bin.tail = message;
        size++;
    }

    /**
     * @param maskedInfo receive's info, already masked.
     * @return the earliest-arrived message with {@code (info & mask) == maskedInfo}, or null; not removed.
     */
    UnexpectedMessage first(final long maskedInfo, final long mask)
    {
        if (mask == -1L)
        {
            final Bin bin = bins.get(maskedInfo);
            return bin == null ? null : bin.head;
        }
        for (UnexpectedMessage message = head; message != null; message = message.next)
        {
            if ((message.matchInfo & mask) == maskedInfo)
            {
                return message;
            }
        }
        return null;
    }

    void remove(final UnexpectedMessage message)
    {
        if (message.previous == null)
        {
            head = message.next;
        }
        else
        {
            message.previous.next = message.next;
        }
        if (message.next == null)
        {
            tail = message.previous;
        }
        else
        {
            message.next.previous = message.previous;
        }

        final Bin bin = message.bin;
        if (message.binPrevious == null)
        {
            bin.head = message.binNext;
        }
        else
        {
            message.binPrevious.binNext = message.binNext;
        }
        if (message.binNext == null)
        {
            bin.tail = message.binPrevious;
        }
        else
        {
            message.binNext.binPrevious = message.binPrevious;
        }
        if (bin.head == null && bins.size() > MAX_IDLE_BINS)
        {
            bins.remove(bin.key);
        }
        size--;
    }

    int size()
    {
        return size;
    }

    /** Unexpected messages with one match info, in arrival order. */
    static final class Bin
    {
        final long key;
        UnexpectedMessage head;
        UnexpectedMessage tail;

        Bin(final long key)
        {
            this.key = key;
        }
    }
}
