package xen2mx.btl.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.btl.tcp.TcpFrameDescriptor.EAGER;
import static xen2mx.btl.tcp.TcpFrameDescriptor.HEADER_LENGTH;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import xen2mx.btl.BtlStatus;

/** The outbound stream: staging of heap payloads with offsets, direct payloads, partial writes, completion, order. */
class TcpOutboundTest
{
    @Test
    void shouldStageHeapPayloadsWithOffsetsAndCompleteThemAtOnce() throws IOException
    {
        final TcpOutbound outbound = new TcpOutbound(4096, 1024);
        final byte[] array = pattern(300, 7);
        final TcpSendRequest send = request(ByteBuffer.wrap(array, 100, 50));
        outbound.add(EAGER, (byte)0, 9, 50, 0, 0, send.payload, send.offset, send.length, send, true);
        assertTrue(send.isComplete(), "a staged heap payload no longer needs the caller's buffer");
        final ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        outbound.flush(channel);
        assertTrue(outbound.isEmpty());
        assertFrames(channel.bytes(), List.of(slice(array, 100, 50)));
        assertEquals(1, channel.writes, "one write");
    }

    @Test
    void shouldCoalesceFramesIntoOneWrite() throws IOException
    {
        final TcpOutbound outbound = new TcpOutbound(4096, 1024);
        final List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            final byte[] array = pattern(10 + i, i);
            outbound.add(EAGER, (byte)0, i, array.length, 0, 0, ByteBuffer.wrap(array), 0, array.length, null, true);
            expected.add(array);
        }
        final ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        outbound.flush(channel);
        assertEquals(1, channel.writes);
        assertFrames(channel.bytes(), expected);
    }

    @Test
    void shouldKeepOrderAndBytesThroughPartialWritesAndAFullStage() throws IOException
    {
        final TcpOutbound outbound = new TcpOutbound(4096, 1024);
        final List<byte[]> expected = new ArrayList<>();
        final List<TcpSendRequest> sends = new ArrayList<>();
        final int[] lengths = {5000, 17, 20_000, 0, 3000, 9000};
        for (int i = 0; i < lengths.length; i++)
        {
            final byte[] array = pattern(lengths[i] + 11, i);
            final ByteBuffer payload = i % 2 == 0 ? ByteBuffer.wrap(array, 11, lengths[i]) :
                ByteBuffer.allocateDirect(array.length).put(array).position(11);
            final TcpSendRequest send = request(payload);
            outbound.add(EAGER, (byte)0, i, lengths[i], 0, 0, payload.remaining() == 0 ? null : payload,
                send.offset, send.length, send, true);
            sends.add(send);
            expected.add(slice(array, 11, lengths[i]));
        }
        assertFalse(sends.get(0).isComplete(), "5000 bytes do not fit a 4096-byte stage");
        final ThrottledChannel channel = new ThrottledChannel(777);
        int rounds = 0;
        while (!outbound.isEmpty())
        {
            channel.open();
            outbound.flush(channel);
            rounds++;
        }
        assertTrue(rounds > 10, "the channel took 777 bytes per round");
        assertFrames(channel.bytes(), expected);
        for (final TcpSendRequest send : sends)
        {
            assertTrue(send.isComplete());
            assertEquals(BtlStatus.SUCCESS, send.status().code());
        }
    }

    @Test
    void shouldWriteHeapPayloadsLongerThanTheStageInStagePiecesWithoutHandingThemToTheSocket() throws IOException
    {
        final TcpOutbound outbound = new TcpOutbound(4096, 1024);
        final byte[] first = pattern(20_000, 3);
        final byte[] second = pattern(9000, 5);
        final TcpSendRequest big = request(ByteBuffer.wrap(first));
        final TcpSendRequest next = request(ByteBuffer.wrap(second, 100, 8000));
        outbound.add(EAGER, (byte)0, 1, first.length, 0, 0, big.payload, big.offset, big.length, big, true);
        outbound.add(EAGER, (byte)0, 2, 8000, 0, 0, next.payload, next.offset, next.length, next, true);
        assertFalse(big.isComplete(), "20000 bytes do not fit a 4096-byte stage");
        final ThrottledChannel partial = new ThrottledChannel(1500);
        outbound.flush(partial);
        assertEquals(0, partial.heapSources, "a heap payload reaches the socket only through the stage");
        final ThrottledChannel channel = new ThrottledChannel(Integer.MAX_VALUE);
        outbound.flush(channel);
        assertTrue(outbound.isEmpty());
        assertEquals(0, channel.heapSources, "a heap payload reaches the socket only through the stage");
        assertTrue(channel.writes >= 7, "about 29 KB leave in stage-sized writes");
        assertTrue(big.isComplete());
        assertTrue(next.isComplete());
        final byte[] stream = new byte[partial.bytes().length + channel.bytes().length];
        System.arraycopy(partial.bytes(), 0, stream, 0, partial.bytes().length);
        System.arraycopy(channel.bytes(), 0, stream, partial.bytes().length, channel.bytes().length);
        assertFrames(stream, List.of(first, slice(second, 100, 8000)));
    }

    @Test
    void shouldNotStageWhenToldToQueue()
    {
        final TcpOutbound outbound = new TcpOutbound(4096, 1024);
        final TcpSendRequest send = request(ByteBuffer.allocate(8));
        outbound.add(EAGER, (byte)0, 1, 8, 0, 0, send.payload, 0, 8, send, false);
        assertFalse(send.isComplete());
        assertEquals(1, outbound.backlog());
        final List<TcpSendRequest> dropped = new ArrayList<>();
        outbound.clear(dropped::add);
        assertEquals(List.of(send), dropped);
        assertTrue(outbound.isEmpty());
    }

    private static TcpSendRequest request(final ByteBuffer payload)
    {
        return new TcpSendRequest(1, 0, payload);
    }

    private static byte[] pattern(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return bytes;
    }

    private static byte[] slice(final byte[] array, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        System.arraycopy(array, offset, bytes, 0, length);
        return bytes;
    }

    private static void assertFrames(final byte[] stream, final List<byte[]> payloads)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN);
        int index = 0;
        for (final byte[] payload : payloads)
        {
            assertEquals(payload.length, TcpFrameDescriptor.payloadLength(buffer, index));
            final byte[] actual = slice(stream, index + HEADER_LENGTH, payload.length);
            assertEquals(Arrays.toString(payload), Arrays.toString(actual));
            index += HEADER_LENGTH + payload.length;
        }
        assertEquals(stream.length, index, "no trailing bytes");
    }

    /** A channel that takes at most {@code budget} bytes between calls to {@link #open()}. */
    private static final class ThrottledChannel implements GatheringByteChannel
    {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final int budget;
        private int left;
        int writes;
        int heapSources;

        ThrottledChannel(final int budget)
        {
            this.budget = budget;
            this.left = budget;
        }

        void open()
        {
            left = budget;
        }

        byte[] bytes()
        {
            return written.toByteArray();
        }

        @Override
        public long write(final ByteBuffer[] sources, final int offset, final int length)
        {
            writes++;
            long total = 0;
            for (int i = offset; i < offset + length; i++)
            {
                total += take(sources[i]);
            }
            return total;
        }

        @Override
        public long write(final ByteBuffer[] sources)
        {
            return write(sources, 0, sources.length);
        }

        @Override
        public int write(final ByteBuffer source)
        {
            writes++;
            return take(source);
        }

        private int take(final ByteBuffer source)
        {
            if (!source.isDirect())
            {
                heapSources++;
            }
            final int count = Math.min(left, source.remaining());
            for (int i = 0; i < count; i++)
            {
                written.write(source.get());
            }
            left -= count;
            return count;
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
            left = 0;
        }
    }
}
