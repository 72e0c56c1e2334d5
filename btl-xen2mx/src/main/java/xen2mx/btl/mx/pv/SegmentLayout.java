package xen2mx.btl.mx.pv;

/**
 * A guest's segment: the grant-table analog, the only guest memory the backend reads or writes (besides the two
 * rings). One file per guest, mapped by both sides.
 *
 * <pre>
 * 0                                   receive queue: recvSlots slots of recvSlotLength bytes; the backend writes
 *                                     the payload of event n-with-payload into slot (n mod recvSlots), the guest
 *                                     frees slots in order by advancing the event ring's AUX word
 * R = recvSlots * recvSlotLength      guest-allocated memory: each endpoint's send queue (medium fragments go to
 *                                     the wire from here), each region (pulls write here, pulled replies are read
 *                                     from here); the guest names ranges by offset and length, the backend checks
 *                                     each against [R, segmentLength)
 * segmentLength
 * </pre>
 * Invariant (receive queue): {@code freed <= produced <= freed + recvSlots}, where {@code produced} is the backend's
 * private count of payload-carrying events and {@code freed} the event ring's AUX word.
 */
public final class SegmentLayout
{
    /** Default segment length: sparse, so only pages in use cost memory. */
    public static final long DEFAULT_LENGTH = 1L << 30;
    /** Smallest segment a guest may ask for. */
    public static final long MIN_LENGTH = 64L << 20;
    /** Largest segment a guest may ask for (offsets are 32-bit). */
    public static final long MAX_LENGTH = (1L << 31) - 4096;

    private SegmentLayout()
    {
    }

    /**
     * @param recvSlots      receive slots.
     * @param recvSlotLength bytes per slot.
     * @return the offset where guest-allocated memory starts.
     */
    public static long allocatableStart(final int recvSlots, final int recvSlotLength)
    {
        return (long)recvSlots * recvSlotLength;
    }
}
