package xen2mx.btl.mx.driver;

import java.util.Arrays;

/**
 * The peer table of one driver: board address (MAC as a 48-bit integer) &lt;-&gt; peer index, plus for each peer the
 * <em>reverse index</em>: our own index in that peer's table, which we put in the head of every frame we send it so
 * that it can index its table directly (Open-MX's {@code reverse_peer_indexes}).
 *
 * <p>Indexes are assigned in insertion order from 0 and never reused while the table lives. Reverse indexes start
 * unknown ({@link #UNKNOWN_INDEX}, 0xFFFF on the wire) and are learnt from CONNECT frames and HOST_REPLYs; the
 * local boards know theirs at once.
 *
 * <p>Invariant: {@code index(address(i)) == i} for every {@code 0 <= i < size()}. Not thread-safe: the core's thread
 * (or whoever serialises access to the core) only.
 */
public final class PeerTable
{
    /** "Unknown" peer index, as on the wire. */
    public static final int UNKNOWN_INDEX = 0xFFFF;

    private static final long MAC_MASK = 0xFFFF_FFFF_FFFFL;
    private static final long MULTICAST_BIT = 1L << 40;
    private static final long EMPTY = -1L;

    private final long[] addresses;
    private final int[] reverseIndexes;
    private final long[] hashKeys;
    private final int[] hashValues;
    private final int hashMask;
    private int size;

    /**
     * @param capacity the most peers, 1..65535.
     */
    public PeerTable(final int capacity)
    {
        if (capacity < 1 || capacity > DriverLimits.PEER_MAX_LIMIT)
        {
            throw new IllegalArgumentException("peer table capacity " + capacity);
        }
        addresses = new long[capacity];
        reverseIndexes = new int[capacity];
        final int hashSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        hashKeys = new long[hashSize];
        hashValues = new int[hashSize];
        hashMask = hashSize - 1;
        Arrays.fill(hashKeys, EMPTY);
    }

    /**
     * @param address a candidate board address.
     * @return true if it is a 48-bit unicast MAC (not multicast/broadcast, not zero).
     */
    public static boolean isUnicast(final long address)
    {
        return address > 0 && (address & ~MAC_MASK) == 0 && (address & MULTICAST_BIT) == 0;
    }

    /** @return the number of peers. */
    public int size()
    {
        return size;
    }

    /** @return the most peers. */
    public int capacity()
    {
        return addresses.length;
    }

    /**
     * @param address a board address.
     * @return its index, or -1 if absent.
     */
    public int index(final long address)
    {
        int slot = hash(address);
        while (true)
        {
            final long key = hashKeys[slot];
            if (key == address)
            {
                return hashValues[slot];
            }
            if (key == EMPTY)
            {
                return -1;
            }
            slot = (slot + 1) & hashMask;
        }
    }

    /**
     * Looks an address up, adding it if absent.
     *
     * @param address a unicast board address.
     * @return its index, or -1 if the address is not unicast or the table is full.
     */
    public int indexOrAdd(final long address)
    {
        final int existing = index(address);
        if (existing >= 0)
        {
            return existing;
        }
        if (!isUnicast(address) || size == addresses.length)
        {
            return -1;
        }
        final int index = size++;
        addresses[index] = address;
        reverseIndexes[index] = UNKNOWN_INDEX;
        int slot = hash(address);
        while (hashKeys[slot] != EMPTY)
        {
            slot = (slot + 1) & hashMask;
        }
        hashKeys[slot] = address;
        hashValues[slot] = index;
        return index;
    }

    /**
     * @param index a peer index.
     * @return the address, or -1 if the index is not in use.
     */
    public long address(final int index)
    {
        return index >= 0 && index < size ? addresses[index] : -1L;
    }

    /**
     * @param index a valid peer index.
     * @return our index in that peer's table, or {@link #UNKNOWN_INDEX}.
     */
    public int reverseIndex(final int index)
    {
        return reverseIndexes[index];
    }

    /**
     * @param index   a valid peer index.
     * @param reverse our index in that peer's table, 0..65534 (0xFFFF is ignored).
     */
    public void reverseIndex(final int index, final int reverse)
    {
        if (reverse >= 0 && reverse < UNKNOWN_INDEX)
        {
            reverseIndexes[index] = reverse;
        }
    }

    private int hash(final long address)
    {
        final long mixed = address * 0x9E37_79B9_7F4A_7C15L;
        return (int)(mixed >>> 40) & hashMask;
    }
}
