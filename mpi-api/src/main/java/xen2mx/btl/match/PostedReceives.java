package xen2mx.btl.match;

/**
 * Posted receives, indexed for matching an incoming message with a few hash look-ups.
 *
 * <p>Receives are grouped by mask ("mask class"); inside a class, by {@code info & mask} into FIFO bins. An incoming
 * message with info {@code m} can only match the head of bin {@code m & mask} of each class, so the first matching
 * receive in posting order is the head with the smallest posting sequence: one look-up per distinct mask in use
 * (typically 1 to 3: fully specified, any source, any tag). Posting sequences are {@code long} and never wrap.
 * Guarded by the {@link MatchEngine} lock.
 */
final class PostedReceives
{
    private static final int MAX_IDLE_BINS = 1024;
    private static final int MAX_IDLE_CLASSES = 8;

    private MaskClass[] classes = new MaskClass[4];
    private int classCount;
    private long nextSequence;

    void add(final RecvRequest receive)
    {
        final MaskClass maskClass = classFor(receive.matchMask);
        Bin bin = maskClass.bins.get(receive.matchInfo);
        if (bin == null)
        {
            bin = new Bin(maskClass, receive.matchInfo);
            maskClass.bins.putNew(receive.matchInfo, bin);
        }
        receive.postSequence = nextSequence++;
        receive.posted = true;
        receive.bin = bin;
        receive.next = null;
        receive.previous = bin.tail;
        if (bin.tail == null)
        {
            bin.head = receive;
        }
        else
        {
            bin.tail.next = receive;
        }
        bin.tail = receive;
        maskClass.count++;
    }

    /** @return the earliest-posted receive matching {@code messageInfo}, removed; null if none. */
    RecvRequest removeFirstMatch(final long messageInfo)
    {
        RecvRequest best = null;
        for (int i = 0; i < classCount; i++)
        {
            final MaskClass maskClass = classes[i];
            if (maskClass.count == 0)
            {
                continue;
            }
            final Bin bin = maskClass.bins.get(messageInfo & maskClass.mask);
            if (bin != null && bin.head != null && (best == null || bin.head.postSequence < best.postSequence))
            {
                best = bin.head;
            }
        }
        if (best != null)
        {
            remove(best);
        }
        return best;
    }

    void remove(final RecvRequest receive)
    {
        final Bin bin = receive.bin;
        if (receive.previous == null)
        {
            bin.head = receive.next;
        }
        else
        {
            receive.previous.next = receive.next;
        }
        if (receive.next == null)
        {
            bin.tail = receive.previous;
        }
        else
        {
            receive.next.previous = receive.previous;
        }
        receive.previous = null;
        receive.next = null;
        receive.bin = null;
        receive.posted = false;
        final MaskClass maskClass = bin.owner;
        maskClass.count--;
        if (bin.head == null && maskClass.bins.size() > MAX_IDLE_BINS)
        {
            maskClass.bins.remove(bin.key);
        }
    }

    int size()
    {
        int size = 0;
        for (int i = 0; i < classCount; i++)
        {
            size += classes[i].count;
        }
        return size;
    }

    private MaskClass classFor(final long mask)
    {
        for (int i = 0; i < classCount; i++)
        {
            if (classes[i].mask == mask)
            {
                return classes[i];
            }
        }
        if (classCount >= MAX_IDLE_CLASSES)
        {
            dropEmptyClasses();
        }
        if (classCount == classes.length)
        {
            classes = java.util.Arrays.copyOf(classes, classCount * 2);
        }
        final MaskClass maskClass = new MaskClass(mask);
        classes[classCount++] = maskClass;
        return maskClass;
    }

    private void dropEmptyClasses()
    {
        int kept = 0;
        for (int i = 0; i < classCount; i++)
        {
            if (classes[i].count > 0)
            {
                classes[kept++] = classes[i];
            }
        }
        for (int i = kept; i < classCount; i++)
        {
            classes[i] = null;
        }
        classCount = kept;
    }

    /** The receives posted with one mask. */
    static final class MaskClass
    {
        final long mask;
        final LongHashMap<Bin> bins = new LongHashMap<>(16);
        int count;

        MaskClass(final long mask)
        {
            this.mask = mask;
        }
    }

    /** Receives of one mask class with one masked info, in posting order. */
    static final class Bin
    {
        final MaskClass owner;
        final long key;
        RecvRequest head;
        RecvRequest tail;

        Bin(final MaskClass owner, final long key)
        {
            this.owner = owner;
            this.key = key;
        }
    }
}
