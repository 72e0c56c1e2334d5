package xen2mx.btl.tcp;

import static xen2mx.btl.tcp.TcpFrameDescriptor.HEADER_LENGTH;
import static xen2mx.btl.tcp.TcpFrameDescriptor.HELLO;
import static xen2mx.btl.tcp.TcpFrameDescriptor.MAX_HELLO_PAYLOAD;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The connection handshake, one per socket until it is identified: each side sends one HELLO frame (see
 * {@link TcpFrameDescriptor}) naming job, source and destination rank, world size and eager limit. The initiator
 * (always the lower rank) sends first; the acceptor checks it and answers; the initiator checks the answer. Reads are
 * sized to the HELLO exactly so no byte of the data stream that follows is consumed here.
 */
final class TcpHandshake
{
    final SocketChannel channel;
    final TcpConnection connection;
    final List<InetSocketAddress> candidates;
    int candidateIndex;
    private final ByteBuffer buffer =
        ByteBuffer.allocate(HEADER_LENGTH + MAX_HELLO_PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);

    /** Inbound (connection null, identified by the HELLO) or outbound (connection and candidates known). */
    TcpHandshake(final SocketChannel channel, final TcpConnection connection, final List<InetSocketAddress> candidates)
    {
        this.channel = channel;
        this.connection = connection;
        this.candidates = candidates;
        buffer.limit(HEADER_LENGTH);
    }

    static void writeHello(
        final SocketChannel channel,
        final int source,
        final int destination,
        final int size,
        final int eagerLimit,
        final String jobId) throws IOException
    {
        final byte[] job = jobId.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer hello = ByteBuffer.allocate(HEADER_LENGTH + job.length).order(ByteOrder.LITTLE_ENDIAN);
        TcpFrameDescriptor.writeHeader(hello, 0, HELLO, (byte)0, job.length,
            ((long)source << 32) | (destination & 0xFFFFFFFFL), eagerLimit, TcpFrameDescriptor.PROTOCOL_VERSION, size);
        hello.put(HEADER_LENGTH, job);
        channel.write(hello);
        if (hello.hasRemaining())
        {
            throw new IOException("handshake frame not written in one go (" + hello.remaining() + " bytes left)");
        }
    }

    /**
     * Reads what is available of the peer's HELLO.
     *
     * @return the complete HELLO, or null while bytes are missing.
     * @throws IOException on end of stream or a header that is not a HELLO.
     */
    Hello read() throws IOException
    {
        if (channel.read(buffer) < 0)
        {
            throw new IOException("closed during the handshake");
        }
        if (buffer.position() < HEADER_LENGTH)
        {
            return null;
        }
        if (buffer.limit() == HEADER_LENGTH)
        {
            if (buffer.getShort(TcpFrameDescriptor.MAGIC_OFFSET) != TcpFrameDescriptor.MAGIC ||
                TcpFrameDescriptor.type(buffer, 0) != HELLO)
            {
                throw new IOException("first frame is not a handshake");
            }
            final int payload = TcpFrameDescriptor.payloadLength(buffer, 0);
            if (payload < 0 || payload > MAX_HELLO_PAYLOAD)
            {
                throw new IOException("handshake payload length " + payload);
            }
            buffer.limit(HEADER_LENGTH + payload);
            if (payload > 0 && channel.read(buffer) < 0)
            {
                throw new IOException("closed during the handshake");
            }
        }
        if (buffer.hasRemaining())
        {
            return null;
        }
        final long ranks = TcpFrameDescriptor.matchInfo(buffer, 0);
        final byte[] job = new byte[buffer.limit() - HEADER_LENGTH];
        buffer.get(HEADER_LENGTH, job);
        return new Hello((int)(ranks >>> 32), (int)ranks, TcpFrameDescriptor.receiverId(buffer, 0),
            (int)TcpFrameDescriptor.messageLength(buffer, 0), TcpFrameDescriptor.senderId(buffer, 0),
            new String(job, StandardCharsets.UTF_8));
    }

    /** A decoded HELLO. */
    record Hello(int source, int destination, int size, int eagerLimit, int version, String jobId)
    {
    }
}
