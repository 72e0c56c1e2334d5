package xen2mx.bench;

import java.util.Arrays;

/**
 * The send and receive buffers of a point-to-point benchmark: one {@code byte[]} each (OMB's single-buffer mode,
 * {@code -b single}, and the Java port's {@code -a arrays}), large enough for the biggest message and for the
 * bandwidth tests' 4-byte acknowledgement.
 */
public final class MessageBuffers
{
    /** Bytes of the acknowledgement {@code osu_bw} returns after each window. */
    public static final int ACK_LENGTH = 4;

    private static final byte SEND_FILL = 'a';
    private static final byte RECEIVE_FILL = 'b';

    private final byte[] send;
    private final byte[] receive;

    /**
     * @param largestMessage the largest message size in bytes, 0 to {@link OmbOptions#MAX_SUPPORTED_SIZE}
     */
    public MessageBuffers(final int largestMessage)
    {
        if (largestMessage < 0)
        {
            throw new IllegalArgumentException("largestMessage < 0: " + largestMessage);
        }
        final int capacity = Math.max(largestMessage, ACK_LENGTH);
        this.send = new byte[capacity];
        this.receive = new byte[capacity];
    }

    /**
     * Touches the first {@code size} bytes as OMB's {@code set_buffer_pt2pt} does: the send buffer with
     * {@code 'a'}, the receive buffer with {@code 'b'}.
     *
     * @param size the message size about to be measured, at most the capacity
     */
    public void prepare(final int size)
    {
        Arrays.fill(send, 0, size, SEND_FILL);
        Arrays.fill(receive, 0, size, RECEIVE_FILL);
    }

    /** @return the send buffer */
    public byte[] send()
    {
        return send;
    }

    /** @return the receive buffer */
    public byte[] receive()
    {
        return receive;
    }
}
