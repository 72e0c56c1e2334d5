package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;

/**
 * One Ethernet attachment that sends and receives whole MXoE frames (EtherType {@code 0x86DF}): a raw
 * {@code AF_PACKET} socket on a real interface ({@code RawSocketChannel}), or an in-memory fabric for tests. The
 * driver core sits on top of it, identical in the native driver and in the backend.
 *
 * <p>Frames include the 14-byte Ethernet header (destination MAC, source MAC, EtherType) and no FCS. Not thread-safe:
 * one thread sends and one thread receives (they may be different threads).
 */
public interface EthernetChannel extends AutoCloseable
{
    /** The EtherType of every MXoE frame. */
    int ETHERTYPE_MXOE = 0x86DF;
    /** Bytes of the Ethernet header at the start of every frame. */
    int ETHERNET_HEADER_LENGTH = 14;

    /** @return the interface name, e.g. {@code veth0}. */
    String interfaceName();

    /** @return this attachment's MAC address, 6 bytes. */
    byte[] macAddress();

    /** @return the interface MTU (payload bytes after the Ethernet header, e.g. 1500 or 9000). */
    int mtu();

    /**
     * Sends one frame, from {@code frame.position()} to {@code frame.limit()}; the position is left unchanged.
     *
     * @return true if the frame was handed to the link; false if the link is congested (the caller retries later,
     * as Open-MX does: a frame not sent is a frame lost, which the reliability layer repairs).
     */
    boolean send(ByteBuffer frame);

    /**
     * Delivers up to {@code maxFrames} received frames to {@code handler} without blocking.
     *
     * @return the number of frames delivered.
     */
    int receive(FrameHandler handler, int maxFrames);

    /**
     * Blocks until a frame may be ready to receive or {@code timeoutNanos} passes (for idle receivers: poll first,
     * sleep later).
     */
    void awaitFrames(long timeoutNanos);

    /**
     * @return how many received frames can wait for {@link #receive} before the attachment drops (its receive ring);
     * {@link Integer#MAX_VALUE} if it does not say. Senders of bursts that we asked for (pull replies) stay below it.
     */
    default int receiveRingFrames()
    {
        return Integer.MAX_VALUE;
    }

    /**
     * @return frames dropped because the receive ring was full since the last call (the call resets the count), 0 if
     * the attachment cannot tell. Receiving thread.
     */
    default long takeRingDrops()
    {
        return 0;
    }

    @Override
    void close();

    /** Receives frames from {@link #receive}. */
    @FunctionalInterface
    interface FrameHandler
    {
        /**
         * @param frame the frame, from its position to its limit, Ethernet header included; valid only during the call.
         */
        void onFrame(ByteBuffer frame);
    }
}
