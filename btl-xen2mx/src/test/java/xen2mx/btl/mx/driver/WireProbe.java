package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.MemoryPort;
import xen2mx.btl.mx.protocol.DecodedFrame;
import xen2mx.btl.mx.protocol.MxoeFrameDecoder;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeFrameEncoder;
import xen2mx.btl.mx.protocol.MxoeLayout;

/**
 * A peer on the wire played by the test: a real {@link MemoryPort} with the codec, to send hand-built frames to the
 * driver under test and to capture and decode what it sends.
 */
final class WireProbe implements AutoCloseable
{
    final MemoryPort port;
    final long mac;
    final MxoeFrameEncoder encoder;
    final MxoeFrameDecoder decoder;
    final ByteBuffer tx;

    WireProbe(final MemoryEthernet fabric, final MxoeLayout layout)
    {
        port = fabric.attach();
        mac = MxoeFrameDescriptor.macToLong(port.macAddress());
        encoder = new MxoeFrameEncoder(layout, fabric.mtu());
        decoder = new MxoeFrameDecoder(layout, fabric.mtu(), 256);
        tx = ByteBuffer.allocateDirect(fabric.maxFrameLength());
    }

    /** Sends the first {@code length} bytes of {@link #tx}. */
    void send(final int length)
    {
        tx.limit(length).position(0);
        port.send(tx);
        tx.clear();
    }

    /** @return copies of every frame received so far. */
    List<ByteBuffer> drain()
    {
        final List<ByteBuffer> frames = new ArrayList<>();
        port.receive(frame ->
        {
            final ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
            copy.put(frame.duplicate()).flip();
            frames.add(copy);
        }, Integer.MAX_VALUE);
        return frames;
    }

    /** @return the only frame received so far, decoded; fails if there is not exactly one. */
    DecodedFrame single()
    {
        final List<ByteBuffer> frames = drain();
        if (frames.size() != 1)
        {
            throw new AssertionError("expected one frame, got " + frames.size());
        }
        return decode(frames.get(0));
    }

    /** @return the frame decoded (the result is the decoder's, valid until the next decode). */
    DecodedFrame decode(final ByteBuffer frame)
    {
        final DecodedFrame decoded = decoder.decode(frame);
        if (!decoded.isAccepted())
        {
            throw new AssertionError("the codec refused a frame from the driver: " + decoded.dropReason());
        }
        return decoded;
    }

    @Override
    public void close()
    {
        port.close();
    }
}
