package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A frame check sequence for links that have none: every frame sent gets a CRC-32C trailer over all its bytes
 * (Ethernet header included), and a received frame whose trailer disagrees is dropped and counted here, so the
 * driver never sees it. MXoE carries no checksum of its own: Open-MX relies on the NIC dropping frames with a bad
 * Ethernet FCS. A veth has no FCS, and {@code tc netem corrupt} (or {@link RandomFaults#corruption}) flips bits
 * after any checksum a NIC would have computed, so without this check a flipped bit reaches the MX library as
 * wrong data, a wrong match or a wrong rank.
 *
 * <pre>
 *   0                          n       max(n, 56)                 +4
 *  +--------------------------+---------------+---------------------+
 *  | Ethernet header + MXoE   | zero padding  | CRC-32C, big-endian |
 *  +--------------------------+---------------+---------------------+
 * </pre>
 * Short frames are zero-padded to 56 bytes before the trailer, so that with it they reach Ethernet's 60-byte minimum
 * and no NIC pads them further (padding after the trailer would hide it). The receiver checks the last four bytes
 * against everything before them and hands the driver the frame without them: padding included, as a NIC hands over
 * a padded frame. {@link #mtu()} is 4 bytes less than the wrapped channel's, so the driver sizes its fragments to
 * leave room for the trailer.
 *
 * <p>Both ends of a link must use it (a frame without the trailer fails the check); it is therefore not wire
 * compatible with Open-MX, and off unless asked for. Wrap it around any fault injector, so the trailer is computed
 * before the faults strike: {@code new FrameCheckChannel(new FaultInjectingChannel(socket, faults, 0))}.
 *
 * <p>Threading, as the contract says: one sending and one receiving thread. The counters are written by the
 * receiving thread only and are volatile, so any thread may read them.
 */
public final class FrameCheckChannel implements EthernetChannel
{
    /** Bytes of the trailer. */
    public static final int TRAILER_LENGTH = Integer.BYTES;
    /** Shortest frame sent: Ethernet's 60-byte minimum (without FCS), trailer included. */
    public static final int MIN_FRAME_LENGTH = 60;

    private final EthernetChannel channel;
    private final ByteBuffer outgoing;
    private final CRC32C sendCrc = new CRC32C();
    private final CRC32C receiveCrc = new CRC32C();
    private final EthernetChannel.FrameHandler verifier = this::verify;
    private EthernetChannel.FrameHandler handler;
    private int delivered;
    private volatile long framesAccepted;
    private volatile long framesRejected;

    /**
     * @param channel the attachment to protect; closed with this one. Its MTU must leave room for the trailer.
     * @throws IllegalArgumentException if the wrapped MTU is below 64.
     */
    public FrameCheckChannel(final EthernetChannel channel)
    {
        if (channel.mtu() < MIN_FRAME_LENGTH + TRAILER_LENGTH)
        {
            throw new IllegalArgumentException("MTU " + channel.mtu() + " of " + channel.interfaceName() +
                " leaves no room for a frame check trailer");
        }
        this.channel = channel;
        this.outgoing = ByteBuffer.allocateDirect(channel.mtu() + ETHERNET_HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
    }

    @Override
    public String interfaceName()
    {
        return channel.interfaceName();
    }

    @Override
    public byte[] macAddress()
    {
        return channel.macAddress();
    }

    /** @return the wrapped channel's MTU less the 4-byte trailer. */
    @Override
    public int mtu()
    {
        return channel.mtu() - TRAILER_LENGTH;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Copies the frame, pads it to 56 bytes if shorter, appends the trailer and sends the copy; the caller's buffer
     * is not touched.
     *
     * @throws IllegalArgumentException if the frame is shorter than 14 bytes or longer than {@code mtu() + 14}.
     */
    @Override
    public boolean send(final ByteBuffer frame)
    {
        final int length = frame.remaining();
        if (length < ETHERNET_HEADER_LENGTH || length > mtu() + ETHERNET_HEADER_LENGTH)
        {
            throw new IllegalArgumentException("frame of " + length + " bytes: a frame on " + interfaceName() +
                " has from " + ETHERNET_HEADER_LENGTH + " to " + (mtu() + ETHERNET_HEADER_LENGTH) +
                " bytes (MTU " + mtu() + " + 14, after the frame check trailer)");
        }
        final int padded = Math.max(length, MIN_FRAME_LENGTH - TRAILER_LENGTH);
        outgoing.clear();
        outgoing.put(0, frame, frame.position(), length);
        for (int i = length; i < padded; i++)
        {
            outgoing.put(i, (byte)0);
        }
        outgoing.limit(padded);
        sendCrc.reset();
        sendCrc.update(outgoing);
        outgoing.limit(padded + TRAILER_LENGTH).position(0);
        outgoing.putInt(padded, (int)sendCrc.getValue());
        return channel.send(outgoing);
    }

    /**
     * {@inheritDoc}
     *
     * @return the number of frames that passed the check and were delivered (rejected ones are not counted).
     */
    @Override
    public int receive(final EthernetChannel.FrameHandler frameHandler, final int maxFrames)
    {
        handler = frameHandler;
        delivered = 0;
        try
        {
            channel.receive(verifier, maxFrames);
        }
        finally
        {
            handler = null;
        }
        return delivered;
    }

    @Override
    public void awaitFrames(final long timeoutNanos)
    {
        channel.awaitFrames(timeoutNanos);
    }

    @Override
    public void close()
    {
        channel.close();
    }

    /** @return frames received whose trailer matched, handed on. */
    public long framesAccepted()
    {
        return framesAccepted;
    }

    /** @return frames received too short for a trailer or whose trailer did not match, dropped. */
    public long framesRejected()
    {
        return framesRejected;
    }

    /** @return the wrapped channel. */
    public EthernetChannel channel()
    {
        return channel;
    }

    private void verify(final ByteBuffer frame)
    {
        final int start = frame.position();
        final int limit = frame.limit();
        final int length = limit - start;
        if (length < MIN_FRAME_LENGTH)
        {
            framesRejected++;
            return;
        }
        final int body = limit - TRAILER_LENGTH;
        final int expected = (frame.get(body) & 0xFF) << 24 | (frame.get(body + 1) & 0xFF) << 16 |
            (frame.get(body + 2) & 0xFF) << 8 | frame.get(body + 3) & 0xFF;
        receiveCrc.reset();
        frame.limit(body);
        receiveCrc.update(frame);
        frame.position(start);
        if ((int)receiveCrc.getValue() != expected)
        {
            frame.limit(limit);
            framesRejected++;
            return;
        }
        framesAccepted++;
        delivered++;
        try
        {
            handler.onFrame(frame);
        }
        finally
        {
            frame.limit(limit).position(start);
        }
    }
}
