package xen2mx.boot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import static xen2mx.boot.ControlFrameDescriptor.ABORT;
import static xen2mx.boot.ControlFrameDescriptor.ACK;
import static xen2mx.boot.ControlFrameDescriptor.ALLGATHER_PENDING;
import static xen2mx.boot.ControlFrameDescriptor.ALLGATHER_PUT;
import static xen2mx.boot.ControlFrameDescriptor.ALLGATHER_QUERY;
import static xen2mx.boot.ControlFrameDescriptor.ALLGATHER_RESULT;
import static xen2mx.boot.ControlFrameDescriptor.FAILURE;
import static xen2mx.boot.ControlFrameDescriptor.FINALIZED;
import static xen2mx.boot.ControlFrameDescriptor.HEARTBEAT;
import static xen2mx.boot.ControlFrameDescriptor.HELLO;
import static xen2mx.boot.ControlFrameDescriptor.LENGTH_FIELD_SIZE;
import static xen2mx.boot.ControlFrameDescriptor.MAGIC;
import static xen2mx.boot.ControlFrameDescriptor.VERSION;
import static xen2mx.boot.ControlFrameDescriptor.WELCOME;

/**
 * Encodes and decodes {@link ControlMessage}s in the layout of {@link ControlFrameDescriptor}.
 *
 * <p>Decoding never trusts the peer: every length is checked against the frame length and the caller's limit, a
 * frame with bytes left over or missing is a {@link ProtocolException}, and nothing is allocated beyond the frame.
 * Stateless and thread-safe.
 */
public final class ControlFrameCodec
{
    private ControlFrameCodec()
    {
    }

    /**
     * @param message the message.
     * @return the complete frame, length field included, ready for one {@code write}.
     */
    public static byte[] encode(final ControlMessage message)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        final DataOutputStream out = new DataOutputStream(bytes);
        try
        {
            out.writeInt(0);
            out.writeByte(message.type());
            writeBody(out, message);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("in-memory stream failed", ex);
        }
        final byte[] frame = bytes.toByteArray();
        final int length = frame.length - LENGTH_FIELD_SIZE;
        frame[0] = (byte)(length >>> 24);
        frame[1] = (byte)(length >>> 16);
        frame[2] = (byte)(length >>> 8);
        frame[3] = (byte)length;
        return frame;
    }

    /**
     * Writes one frame with a single {@code write} call; callers serialise concurrent writers themselves.
     *
     * @param out     the stream.
     * @param message the message.
     * @throws IOException when the stream fails.
     */
    public static void write(final OutputStream out, final ControlMessage message) throws IOException
    {
        out.write(encode(message));
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param in        the stream.
     * @param maxLength the largest frame length accepted.
     * @return the message.
     * @throws EOFException      when the stream ends cleanly before a frame starts, or in the middle of one.
     * @throws ProtocolException when the frame is malformed, too long or of an unknown type.
     * @throws IOException       when the stream fails.
     */
    public static ControlMessage read(final InputStream in, final int maxLength) throws IOException
    {
        final DataInputStream data = new DataInputStream(in);
        final int length = data.readInt();
        if (length < 1 || length > maxLength)
        {
            throw new ProtocolException("frame length " + length + " is not in 1.." + maxLength);
        }
        final byte[] frame = new byte[length];
        data.readFully(frame);
        return decode(frame);
    }

    /**
     * @param frame a frame without its length field: type, then body.
     * @return the message.
     * @throws ProtocolException when the frame is malformed or of an unknown type.
     */
    public static ControlMessage decode(final byte[] frame) throws ProtocolException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame));
        try
        {
            final byte type = in.readByte();
            final ControlMessage message = readBody(in, type, frame.length);
            if (in.available() != 0)
            {
                throw new ProtocolException("frame of type " + type + " has " + in.available() + " extra bytes");
            }
            return message;
        }
        catch (final ProtocolException ex)
        {
            throw ex;
        }
        catch (final IOException ex)
        {
            throw new ProtocolException("truncated frame: " + ex);
        }
    }

    private static void writeBody(final DataOutputStream out, final ControlMessage message) throws IOException
    {
        if (message instanceof ControlMessage.Hello m)
        {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            writeBlob(out, m.token());
            out.writeInt(m.rank());
            out.writeLong(m.pid());
        }
        else if (message instanceof ControlMessage.Welcome m)
        {
            out.writeInt(m.heartbeatMillis());
        }
        else if (message instanceof ControlMessage.AllgatherPut m)
        {
            out.writeInt(m.sequence());
            writeBlob(out, m.data());
        }
        else if (message instanceof ControlMessage.AllgatherResult m)
        {
            out.writeInt(m.sequence());
            out.writeInt(m.data().length);
            for (final byte[] d : m.data())
            {
                writeBlob(out, d);
            }
        }
        else if (message instanceof ControlMessage.AllgatherQuery m)
        {
            out.writeInt(m.sequence());
        }
        else if (message instanceof ControlMessage.AllgatherPending m)
        {
            out.writeInt(m.sequence());
            out.writeInt(m.missing().length);
            for (final int rank : m.missing())
            {
                out.writeInt(rank);
            }
        }
        else if (message instanceof ControlMessage.Abort m)
        {
            out.writeInt(m.code());
            writeString(out, m.reason());
        }
        else if (message instanceof ControlMessage.Failure m)
        {
            writeString(out, m.exceptionClass());
            writeString(out, m.message());
            writeString(out, m.firstFrame());
        }
        else if (message instanceof ControlMessage.Ack m)
        {
            out.writeByte(m.acknowledged());
        }
    }

    private static ControlMessage readBody(final DataInputStream in, final byte type, final int frameLength)
        throws IOException
    {
        switch (type)
        {
            case HELLO:
                final int magic = in.readInt();
                final short version = in.readShort();
                if (magic != MAGIC || version != VERSION)
                {
                    throw new ProtocolException("not an x2mx HELLO (magic " + Integer.toHexString(magic)
                        + ", version " + version + ")");
                }
                return new ControlMessage.Hello(readBlob(in, frameLength), in.readInt(), in.readLong());
            case WELCOME:
                return new ControlMessage.Welcome(in.readInt());
            case HEARTBEAT:
                return new ControlMessage.Heartbeat();
            case ALLGATHER_PUT:
                return new ControlMessage.AllgatherPut(in.readInt(), readBlob(in, frameLength));
            case ALLGATHER_RESULT:
                final int sequence = in.readInt();
                final byte[][] data = new byte[readCount(in, frameLength, Integer.BYTES)][];
                for (int i = 0; i < data.length; i++)
                {
                    data[i] = readBlob(in, frameLength);
                }
                return new ControlMessage.AllgatherResult(sequence, data);
            case ALLGATHER_QUERY:
                return new ControlMessage.AllgatherQuery(in.readInt());
            case ALLGATHER_PENDING:
                final int pendingSequence = in.readInt();
                final int[] missing = new int[readCount(in, frameLength, Integer.BYTES)];
                for (int i = 0; i < missing.length; i++)
                {
                    missing[i] = in.readInt();
                }
                return new ControlMessage.AllgatherPending(pendingSequence, missing);
            case ABORT:
                return new ControlMessage.Abort(in.readInt(), readString(in, frameLength));
            case FAILURE:
                return new ControlMessage.Failure(readString(in, frameLength), readString(in, frameLength),
                    readString(in, frameLength));
            case FINALIZED:
                return new ControlMessage.Finalized();
            case ACK:
                return new ControlMessage.Ack(in.readByte());
            default:
                throw new ProtocolException("unknown frame type " + type);
        }
    }

    private static int readCount(final DataInputStream in, final int frameLength, final int minElementSize)
        throws IOException
    {
        final int count = in.readInt();
        if (count < 0 || (long)count * minElementSize > frameLength)
        {
            throw new ProtocolException("element count " + count + " does not fit a frame of " + frameLength);
        }
        return count;
    }

    private static void writeBlob(final DataOutputStream out, final byte[] blob) throws IOException
    {
        out.writeInt(blob.length);
        out.write(blob);
    }

    private static byte[] readBlob(final DataInputStream in, final int frameLength) throws IOException
    {
        final byte[] blob = new byte[readCount(in, frameLength, 1)];
        in.readFully(blob);
        return blob;
    }

    private static void writeString(final DataOutputStream out, final String s) throws IOException
    {
        if (s == null)
        {
            out.writeInt(-1);
        }
        else
        {
            writeBlob(out, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String readString(final DataInputStream in, final int frameLength) throws IOException
    {
        final int n = in.readInt();
        if (n == -1)
        {
            return null;
        }
        if (n < 0 || n > frameLength)
        {
            throw new ProtocolException("string length " + n + " does not fit a frame of " + frameLength);
        }
        final byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
