package xen2mx.btl.mx.pv;


/**
 * A single-producer single-consumer ring of fixed-size slots in a shared file, after Xen's {@code io/ring.h}: one
 * side produces requests (guest to backend: commands) or events (backend to guest), the other consumes them. Each
 * side keeps its own index privately and publishes it; the side that does not trust the other (the backend) only ever
 * reads the other's index once per pass, checks it, and copies a slot out before decoding it.
 *
 * <pre>
 * offset                               field (each index field on its own 128-byte line)
 * 0                                    slot 0 .. slot (slots-1), slotLength bytes each (slots a power of two)
 * D = slots * slotLength               PRODUCER_INDEX  i64  slots ever produced; producer release-stores
 * D + 128                              CONSUMER_INDEX  i64  slots ever consumed; consumer release-stores
 * D + 256                              CONSUMER_SLEEPING i32 consumer threads that may sleep on DOORBELL
 * D + 384                              DOORBELL        i32  futex word: the producer adds 1 and wakes
 * D + 512                              AUX             i64  ring-specific (event ring: receive slots freed)
 * D + 640                              end
 * </pre>
 *
 * Invariant: {@code consumer <= producer <= consumer + slots}. Slot of index {@code i}: {@code i & (slots - 1)}.
 *
 * <p>Wake-up protocol (Xen's {@code req_event} as a flag plus a futex): the consumer reads DOORBELL, counts itself in SLEEPING,
 * rechecks PRODUCER_INDEX (StoreLoad in between), then sleeps on DOORBELL while it still holds the value read; the
 * producer publishes PRODUCER_INDEX, then (StoreLoad) reads SLEEPING and, if set, bumps DOORBELL and wakes.
 */
public final class SlotRing
{
    private static final int LINE = 128;
    private static final int PRODUCER_OFFSET = 0;
    private static final int CONSUMER_OFFSET = LINE;
    private static final int SLEEPING_OFFSET = 2 * LINE;
    private static final int DOORBELL_OFFSET = 3 * LINE;
    private static final int AUX_OFFSET = 4 * LINE;
    /** Bytes after the slots. */
    public static final int TRAILER_LENGTH = 5 * LINE;

    private final SharedBuffer buffer;
    private final int slots;
    private final int slotLength;
    private final int trailer;
    private final long doorbellAddress;
    private long privateIndex;

    /**
     * @param buffer     the mapped file, {@link #fileLength(int, int)} bytes.
     * @param slots      slots, a power of two.
     * @param slotLength bytes per slot, a multiple of 8.
     * @param producer   true on the producing side: the private index starts at the published producer index;
     *                   false: at the published consumer index.
     */
    public SlotRing(final SharedBuffer buffer, final int slots, final int slotLength, final boolean producer)
    {
        if (Integer.bitCount(slots) != 1 || slotLength % 8 != 0 || buffer.capacity() != fileLength(slots, slotLength))
        {
            throw new IllegalArgumentException("ring of " + slots + " x " + slotLength + " over " + buffer.capacity()
                + " bytes");
        }
        this.buffer = buffer;
        this.slots = slots;
        this.slotLength = slotLength;
        this.trailer = slots * slotLength;
        this.doorbellAddress = buffer.address() + trailer + DOORBELL_OFFSET;
        this.privateIndex = producer ? buffer.getLongVolatile(trailer + PRODUCER_OFFSET)
            : buffer.getLongVolatile(trailer + CONSUMER_OFFSET);
    }

    /**
     * @param slots      slots.
     * @param slotLength bytes per slot.
     * @return the file length of such a ring.
     */
    public static int fileLength(final int slots, final int slotLength)
    {
        return slots * slotLength + TRAILER_LENGTH;
    }

    /** @return the mapped buffer (slot contents at {@link #slotOffset(long)}). */
    public SharedBuffer buffer()
    {
        return buffer;
    }

    /** @return the slot count. */
    public int slots()
    {
        return slots;
    }

    /** @return bytes per slot. */
    public int slotLength()
    {
        return slotLength;
    }

    /**
     * @param index a slot index.
     * @return the offset of its slot in {@link #buffer()}.
     */
    public int slotOffset(final long index)
    {
        return (int)(index & (slots - 1)) * slotLength;
    }

    // ---- producer side ----------------------------------------------------------------------------------------

    /**
     * @return the offset of the next free slot to fill, or -1 if the ring is full. Producer only.
     * @throws IllegalStateException if the consumer published an index outside {@code [published, producer]} (a
     *                               consumer that cannot be trusted).
     */
    public int claim()
    {
        final long consumer = buffer.getLongAcquire(trailer + CONSUMER_OFFSET); // pairs with release in release()
        if (consumer > privateIndex || consumer < privateIndex - slots)
        {
            throw new IllegalStateException("consumer index " + consumer + " outside [" + (privateIndex - slots)
                + ", " + privateIndex + "]");
        }
        return privateIndex - consumer >= slots ? -1 : slotOffset(privateIndex);
    }

    /**
     * Publishes the slot returned by {@link #claim()} and wakes a sleeping consumer. Producer only.
     */
    public void commit()
    {
        privateIndex++;
        buffer.putLongVolatile(trailer + PRODUCER_OFFSET, privateIndex); // StoreLoad: publish, then read SLEEPING
        if (buffer.getIntVolatile(trailer + SLEEPING_OFFSET) != 0)
        {
            buffer.getAndAddInt(trailer + DOORBELL_OFFSET, 1);
            Futex.wakeAll(doorbellAddress);
        }
    }

    // ---- consumer side ----------------------------------------------------------------------------------------

    /**
     * @return slots ready to consume. Consumer only.
     * @throws IllegalStateException if the producer published an index outside {@code [consumer, consumer + slots]}.
     */
    public int available()
    {
        final long producer = buffer.getLongAcquire(trailer + PRODUCER_OFFSET); // pairs with putLongVolatile in commit
        final long count = producer - privateIndex;
        if (count < 0 || count > slots)
        {
            throw new IllegalStateException("producer index " + producer + " outside [" + privateIndex + ", "
                + (privateIndex + slots) + "]");
        }
        return (int)count;
    }

    /** @return the offset of the next slot to consume (valid when {@link #available()} &gt; 0). Consumer only. */
    public int head()
    {
        return slotOffset(privateIndex);
    }

    /** Frees the head slot (after copying or handling it). Consumer only. */
    public void release()
    {
        privateIndex++;
        buffer.putLongRelease(trailer + CONSUMER_OFFSET, privateIndex); // producer reuses the slot after this
    }

    /** @return the doorbell's address (a futex word). */
    public long doorbellAddress()
    {
        return doorbellAddress;
    }

    /**
     * Announces that the consumer is about to sleep and returns the doorbell value to sleep on. The caller rechecks
     * {@link #available()} afterwards and sleeps only if nothing arrived, then calls {@link #awake()}. Consumer only.
     *
     * @return the doorbell value.
     */
    public int prepareSleep()
    {
        final int doorbell = buffer.getIntVolatile(trailer + DOORBELL_OFFSET);
        buffer.getAndAddInt(trailer + SLEEPING_OFFSET, 1); // StoreLoad: producer sees SLEEPING before our recheck
        return doorbell;
    }

    /** The consumer thread is awake again (one call per {@link #prepareSleep()}). Consumer only. */
    public void awake()
    {
        buffer.getAndAddInt(trailer + SLEEPING_OFFSET, -1);
    }

    /**
     * Sleeps on the doorbell (after {@link #prepareSleep()} and a recheck). Consumer only.
     *
     * @param futex        the calling thread's futex.
     * @param doorbell     value from {@link #prepareSleep()}.
     * @param timeoutNanos longest sleep.
     */
    public void sleep(final Futex futex, final int doorbell, final long timeoutNanos)
    {
        futex.await(doorbellAddress, doorbell, timeoutNanos);
    }

    /**
     * Rings the doorbell from outside the ring protocol (e.g. to make a sleeping consumer notice that the other side
     * is gone).
     */
    public void ring()
    {
        buffer.getAndAddInt(trailer + DOORBELL_OFFSET, 1);
        Futex.wakeAll(doorbellAddress);
    }

    /** @return the AUX word, acquire. */
    public long auxAcquire()
    {
        return buffer.getLongAcquire(trailer + AUX_OFFSET);
    }

    /**
     * Release-stores the AUX word.
     *
     * @param value the value.
     */
    public void auxRelease(final long value)
    {
        buffer.putLongRelease(trailer + AUX_OFFSET, value);
    }
}
