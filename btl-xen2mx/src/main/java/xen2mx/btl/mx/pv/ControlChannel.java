package xen2mx.btl.mx.pv;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The attach protocol on a guest's UNIX domain socket: length-prefixed messages, big-endian. The socket also is the
 * liveness signal: while it stays open both sides are alive; end-of-file means the other side is gone.
 *
 * <pre>
 * message:  | length i32 (bytes after this field) | op i32 | fields... |
 * HELLO          guest -&gt; backend: version i32, pid i64, segment length i64
 *                backend -&gt; guest: status i32 (0 ok), text, guest id i32, board address i64, mtu i32, wire compat
 *                i32, endpoint max i32, peer max i32, queue slots i32, command slots i32, event slots i32, receive
 *                slots i32, receive slot length i32, segment length i64, interface text, command ring path text,
 *                event ring path text, segment path text
 * OPEN_ENDPOINT  guest: endpoint index i32 (-1 any), send queue offset i32, send queue length i32
 *                backend: status i32 (a DriverStatus ordinal), text, endpoint index i32, session id i32
 * PEER_INDEX     guest: board address i64;  backend: peer index i32 (-1 none)
 * PEER_ADDRESS   guest: peer index i32;     backend: board address i64 (-1 none)
 * text = length u16 + UTF-8 bytes
 * </pre>
 * Not thread-safe: one reader and one writer thread at a time (they may differ).
 */
public final class ControlChannel implements AutoCloseable
{
    public static final int VERSION = 1;
    public static final int HELLO = 1;
    public static final int OPEN_ENDPOINT = 2;
    public static final int PEER_INDEX = 3;
    public static final int PEER_ADDRESS = 4;
    private static final int MAX_MESSAGE = 4096;

    private final SocketChannel socket;
    private final ByteBuffer in = ByteBuffer.allocate(MAX_MESSAGE).order(ByteOrder.BIG_ENDIAN);
    private final ByteBuffer out = ByteBuffer.allocate(MAX_MESSAGE).order(ByteOrder.BIG_ENDIAN);

    /** @param socket a connected, blocking socket. */
    public ControlChannel(final SocketChannel socket)
    {
        this.socket = socket;
    }

    /** @return the socket. */
    public SocketChannel socket()
    {
        return socket;
    }

    /**
     * Starts a message to send.
     *
     * @param op the operation.
     * @return the buffer to put fields into.
     */
    public ByteBuffer begin(final int op)
    {
        out.clear();
        out.putInt(0).putInt(op);
        return out;
    }

    /**
     * Sends the message begun by {@link #begin(int)}.
     *
     * @throws IOException if the socket fails.
     */
    public void send() throws IOException
    {
        out.putInt(0, out.position() - 4).flip();
        while (out.hasRemaining())
        {
            socket.write(out);
        }
    }

    /**
     * Reads one whole message.
     *
     * @return the message with its position after the op field; the op via {@link #op(ByteBuffer)}.
     * @throws EOFException if the other side closed the socket.
     * @throws IOException  on a socket error or a message that is too long or too short.
     */
    public ByteBuffer receive() throws IOException
    {
        in.clear().limit(4);
        fill();
        final int length = in.getInt(0);
        if (length < 4 || length > MAX_MESSAGE - 4)
        {
            throw new IOException("control message of " + length + " bytes");
        }
        in.limit(4 + length);
        fill();
        in.flip().position(8);
        return in;
    }

    /**
     * @param message a received message.
     * @return its op.
     */
    public static int op(final ByteBuffer message)
    {
        return message.getInt(4);
    }

    /**
     * @param buffer a message being built.
     * @param text   text to append.
     */
    public static void putText(final ByteBuffer buffer, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final int length = Math.min(bytes.length, Math.min(0xFFFF, buffer.remaining() - 2));
        buffer.putShort((short)length).put(bytes, 0, length);
    }

    /**
     * @param buffer a received message.
     * @return the next text field.
     */
    public static String getText(final ByteBuffer buffer)
    {
        final int length = buffer.getShort() & 0xFFFF;
        final byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void fill() throws IOException
    {
        while (in.hasRemaining())
        {
            if (socket.read(in) < 0)
            {
                throw new EOFException("closed");
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            socket.close();
        }
        catch (final IOException ignored)
        {
            // closing: nothing left to tell anyone
        }
    }
}
