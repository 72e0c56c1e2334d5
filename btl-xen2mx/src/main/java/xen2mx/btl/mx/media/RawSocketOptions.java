package xen2mx.btl.mx.media;

/**
 * How a {@link RawSocketChannel} sets up its socket.
 *
 * @param ringBytes       memory for the {@code PACKET_MMAP} receive ring (frames that can wait for the receiver
 *                        before the kernel drops: about {@code ringBytes / (mtu + 100)}).
 * @param sendBufferBytes the socket's send buffer ({@code SO_SNDBUFFORCE}, else {@code SO_SNDBUF} capped by
 *                        {@code net.core.wmem_max}).
 * @param qdiscBypass     send straight to the driver, skipping the interface's queueing discipline
 *                        ({@code PACKET_QDISC_BYPASS}): a little faster, but {@code tc netem} and other qdiscs no
 *                        longer see our frames, so leave it off where faults are injected with {@code tc}.
 */
public record RawSocketOptions(int ringBytes, int sendBufferBytes, boolean qdiscBypass)
{
    /**
     * 4 MiB of receive ring (448 frames at MTU 9000, 2624 at MTU 1500: a window of 64 eager 32 KiB messages, about a
     * millisecond of a saturated link), 4 MiB of send buffer, through the qdisc. Not more: every frame lands in the
     * next slot, so a bigger ring is a bigger, colder working set; at 16 MiB the kernel's copies into it and ours out
     * of it missed the caches (32 KiB ping-pong 12.9 us instead of 11.3, 4 MiB streaming 3.8 GB/s instead of 4.4).
     * Pull bursts are kept within half the ring by the driver.
     */
    public static final RawSocketOptions DEFAULT = new RawSocketOptions(4 << 20, 4 << 20, false);

    /** Checks the sizes. */
    public RawSocketOptions
    {
        if (ringBytes < 1 || sendBufferBytes < 1)
        {
            throw new IllegalArgumentException("ring and send buffer sizes must be positive: " + ringBytes + ", " +
                sendBufferBytes);
        }
    }

    /** @param value true to skip the qdisc. @return a copy with that setting */
    public RawSocketOptions withQdiscBypass(final boolean value)
    {
        return new RawSocketOptions(ringBytes, sendBufferBytes, value);
    }

    /** @param value bytes of receive ring. @return a copy with that size */
    public RawSocketOptions withRingBytes(final int value)
    {
        return new RawSocketOptions(value, sendBufferBytes, qdiscBypass);
    }
}
