package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;

import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.protocol.MxoeFrameEncoder;
import xen2mx.btl.mx.protocol.MxoeFrameFlyweight;

/**
 * Builds frames in one transmit buffer with the codec and hands them to the link, or to the loopback queue when
 * they are addressed to this board. Stamps the envelope (destination and source MAC, the reverse peer index) and
 * counts. Not thread-safe; the core's thread only.
 */
final class FrameTransmitter
{
    /** Attempts to hand a frame to a congested link before it counts as lost. */
    private static final int SEND_ATTEMPTS = 64;

    private final EthernetChannel channel;
    private final MxoeFrameEncoder encoder;
    private final DriverCounters counters;
    private final PeerTable peers;
    private final LoopbackQueue loopback;
    private final ErrorSink errors;
    private final long boardAddress;
    private final ByteBuffer buffer;

    FrameTransmitter(
        final EthernetChannel channel,
        final MxoeFrameEncoder encoder,
        final DriverCounters counters,
        final PeerTable peers,
        final LoopbackQueue loopback,
        final ErrorSink errors,
        final long boardAddress,
        final int frameCapacity)
    {
        this.channel = channel;
        this.encoder = encoder;
        this.counters = counters;
        this.peers = peers;
        this.loopback = loopback;
        this.errors = errors;
        this.boardAddress = boardAddress;
        this.buffer = ByteBuffer.allocateDirect(frameCapacity);
    }

    /** @return the codec's encoder; its flyweights write into {@link #buffer()} at offset 0. */
    MxoeFrameEncoder encoder()
    {
        return encoder;
    }

    /** @return the transmit buffer. */
    ByteBuffer buffer()
    {
        return buffer;
    }

    /**
     * Writes the envelope of a frame to a peer in the table.
     *
     * @param frame     a flyweight just started by the encoder.
     * @param peerIndex destination peer (valid).
     */
    void addressToPeer(final MxoeFrameFlyweight<?> frame, final int peerIndex)
    {
        frame.destinationMac(peers.address(peerIndex)).sourceMac(boardAddress)
            .peerIndex(peers.reverseIndex(peerIndex));
    }

    /**
     * Writes the envelope of a frame to a MAC that may not be in the table (NACKs, host replies).
     *
     * @param frame     a flyweight just started by the encoder.
     * @param mac       destination MAC.
     * @param peerIndex its peer index, or -1 if unknown.
     */
    void addressToMac(final MxoeFrameFlyweight<?> frame, final long mac, final int peerIndex)
    {
        frame.destinationMac(mac).sourceMac(boardAddress)
            .peerIndex(peerIndex < 0 ? PeerTable.UNKNOWN_INDEX : peers.reverseIndex(peerIndex));
    }

    /**
     * Sends the frame the flyweight describes (padded to the minimum length by the encoder).
     *
     * @param frame   an encoded flyweight over {@link #buffer()}.
     * @param counter the per-type counter to increment.
     */
    void transmit(final MxoeFrameFlyweight<?> frame, final DriverCounter counter)
    {
        final int length = frame.frameLength();
        counters.increment(counter);
        counters.increment(DriverCounter.FRAMES_SENT);
        counters.add(DriverCounter.BYTES_SENT, length);
        if (frame.destinationMac() == boardAddress)
        {
            if (loopback.offer(buffer, 0, length))
            {
                counters.increment(DriverCounter.LOOPBACK_FRAMES);
            }
            else
            {
                counters.increment(DriverCounter.DROP_LOOPBACK_FULL);
            }
            return;
        }
        buffer.limit(length).position(0);
        try
        {
            for (int attempt = 0; attempt < SEND_ATTEMPTS; attempt++)
            {
                if (channel.send(buffer))
                {
                    return;
                }
                Thread.onSpinWait();
            }
            counters.increment(DriverCounter.SEND_CONGESTED);
        }
        catch (final RuntimeException ex)
        {
            errors.onError(ex);
        }
        finally
        {
            buffer.clear();
        }
    }

    /** Receives errors the transmitter catches. */
    @FunctionalInterface
    interface ErrorSink
    {
        /**
         * @param error what went wrong.
         */
        void onError(Throwable error);
    }
}
