package xen2mx.btl.tcp;

import java.nio.ByteBuffer;

/**
 * Layout of the frames the {@code tcp} module writes on its connections: a fixed 32-byte header, little-endian,
 * followed by {@code payload length} bytes.
 *
 * <pre>
 *   0               1               2               3
 *   0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 *  +---------------+---------------+-------------------------------+
 *  |     type      |     flags     |        magic 0x5854 "XT"      |  0
 *  +---------------+---------------+-------------------------------+
 *  |                    payload length (int32)                     |  4
 *  +---------------------------------------------------------------+
 *  |                       match info (int64)                      |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     message length (int64)                    | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   sender request id (int32)                   | 24
 *  +---------------------------------------------------------------+
 *  |                  receiver request id (int32)                  | 28
 *  +---------------------------------------------------------------+
 *  |                  payload (payload length bytes)             ...
 * </pre>
 *
 * <p>Field use per type (unused fields are 0):
 * <ul>
 *   <li>{@link #HELLO}: match info = {@code source rank << 32 | destination rank}; message length = eager limit;
 *   sender id = {@link #PROTOCOL_VERSION}; receiver id = world size; payload = job id, UTF-8, at most
 *   {@link #MAX_HELLO_PAYLOAD} bytes. First frame each way on a new connection.</li>
 *   <li>{@link #EAGER}: a whole message, payload length = message length &lt;= eager limit. Flag {@link #FLAG_SYNC}:
 *   sender id names the send, answered with {@link #ACK} once matched.</li>
 *   <li>{@link #RTS}: rendezvous request: message length &gt; eager limit, payload = the first
 *   {@code eager limit} bytes, sender id names the send.</li>
 *   <li>{@link #CTS}: clear to send: sender id from the RTS, receiver id names the receive, message length = bytes
 *   the receiver takes after the prefix (less than sent when truncating; 0 completes the send at once).</li>
 *   <li>{@link #DATA}: receiver id from the CTS, payload = exactly the bytes the CTS asked for, read by the receiver
 *   straight into the receive buffer.</li>
 *   <li>{@link #ACK}: sender id of a synchronous eager send that matched.</li>
 * </ul>
 */
public final class TcpFrameDescriptor
{
    public static final int HEADER_LENGTH = 32;
    public static final short MAGIC = 0x5854;
    public static final int PROTOCOL_VERSION = 1;
    public static final int MAX_HELLO_PAYLOAD = 1024;

    public static final byte HELLO = 1;
    public static final byte EAGER = 2;
    public static final byte RTS = 3;
    public static final byte CTS = 4;
    public static final byte DATA = 5;
    public static final byte ACK = 6;

    public static final byte FLAG_SYNC = 1;

    public static final int TYPE_OFFSET = 0;
    public static final int FLAGS_OFFSET = TYPE_OFFSET + Byte.BYTES;
    public static final int MAGIC_OFFSET = FLAGS_OFFSET + Byte.BYTES;
    public static final int PAYLOAD_LENGTH_OFFSET = MAGIC_OFFSET + Short.BYTES;
    public static final int MATCH_INFO_OFFSET = PAYLOAD_LENGTH_OFFSET + Integer.BYTES;
    public static final int MESSAGE_LENGTH_OFFSET = MATCH_INFO_OFFSET + Long.BYTES;
    public static final int SENDER_ID_OFFSET = MESSAGE_LENGTH_OFFSET + Long.BYTES;
    public static final int RECEIVER_ID_OFFSET = SENDER_ID_OFFSET + Integer.BYTES;

    private TcpFrameDescriptor()
    {
    }

    /** Writes a header at {@code index} of a little-endian buffer. */
    public static void writeHeader(
        final ByteBuffer buffer,
        final int index,
        final byte type,
        final byte flags,
        final int payloadLength,
        final long matchInfo,
        final long messageLength,
        final int senderId,
        final int receiverId)
    {
        buffer.put(index + TYPE_OFFSET, type);
        buffer.put(index + FLAGS_OFFSET, flags);
        buffer.putShort(index + MAGIC_OFFSET, MAGIC);
        buffer.putInt(index + PAYLOAD_LENGTH_OFFSET, payloadLength);
        buffer.putLong(index + MATCH_INFO_OFFSET, matchInfo);
        buffer.putLong(index + MESSAGE_LENGTH_OFFSET, messageLength);
        buffer.putInt(index + SENDER_ID_OFFSET, senderId);
        buffer.putInt(index + RECEIVER_ID_OFFSET, receiverId);
    }

    public static byte type(final ByteBuffer buffer, final int index)
    {
        return buffer.get(index + TYPE_OFFSET);
    }

    public static byte flags(final ByteBuffer buffer, final int index)
    {
        return buffer.get(index + FLAGS_OFFSET);
    }

    public static int payloadLength(final ByteBuffer buffer, final int index)
    {
        return buffer.getInt(index + PAYLOAD_LENGTH_OFFSET);
    }

    public static long matchInfo(final ByteBuffer buffer, final int index)
    {
        return buffer.getLong(index + MATCH_INFO_OFFSET);
    }

    public static long messageLength(final ByteBuffer buffer, final int index)
    {
        return buffer.getLong(index + MESSAGE_LENGTH_OFFSET);
    }

    public static int senderId(final ByteBuffer buffer, final int index)
    {
        return buffer.getInt(index + SENDER_ID_OFFSET);
    }

    public static int receiverId(final ByteBuffer buffer, final int index)
    {
        return buffer.getInt(index + RECEIVER_ID_OFFSET);
    }

    /**
     * Checks a header read from a peer before any field is trusted.
     *
     * @param eagerLimit the eager limit both ends agreed on in the handshake.
     * @return null when the header is well formed, else what is wrong with it.
     */
    public static String validate(final ByteBuffer buffer, final int index, final int eagerLimit)
    {
        if (buffer.getShort(index + MAGIC_OFFSET) != MAGIC)
        {
            return "bad magic 0x" + Integer.toHexString(buffer.getShort(index + MAGIC_OFFSET) & 0xFFFF);
        }
        final byte type = type(buffer, index);
        final byte flags = flags(buffer, index);
        final int payloadLength = payloadLength(buffer, index);
        final long messageLength = messageLength(buffer, index);
        if (flags != 0 && !(type == EAGER && flags == FLAG_SYNC))
        {
            return "flags " + flags + " on frame type " + type;
        }
        if (payloadLength < 0)
        {
            return "negative payload length " + payloadLength;
        }
        switch (type)
        {
            case EAGER:
                return payloadLength <= eagerLimit && messageLength == payloadLength ? null :
                    "eager frame of " + payloadLength + " bytes, message length " + messageLength +
                    ", eager limit " + eagerLimit;
            case RTS:
                return messageLength > eagerLimit && messageLength <= Integer.MAX_VALUE && payloadLength == eagerLimit ?
                    null : "rendezvous frame with prefix " + payloadLength + " for message length " + messageLength +
                    ", eager limit " + eagerLimit;
            case CTS:
                return payloadLength == 0 && messageLength >= 0 && messageLength <= Integer.MAX_VALUE ? null :
                    "clear-to-send frame with payload " + payloadLength + ", length " + messageLength;
            case ACK:
                return payloadLength == 0 ? null : "ack frame with payload " + payloadLength;
            case DATA:
                return null;
            case HELLO:
                return "unexpected handshake frame on an established connection";
            default:
                return "unknown frame type " + type;
        }
    }
}
