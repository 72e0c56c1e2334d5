package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random valid frames of every kind, both layouts, MTU 1500 and 9000 (compat: 4144 and 9000), heap and direct
 * buffers: the decoder accepts each one, and re-encoding every field it reads gives back the same bytes.
 */
class MxoeRoundTripTest
{
    private static final int FRAMES_PER_KIND = 300;
    private static final int ENDPOINT_MAX = 32;

    static Stream<Arguments> configurations()
    {
        return Stream.of(
            Arguments.of(MxoeLayout.DEFAULT, 1500, false),
            Arguments.of(MxoeLayout.DEFAULT, 9000, true),
            Arguments.of(MxoeLayout.MX_WIRE_COMPAT, 4144, false),
            Arguments.of(MxoeLayout.MX_WIRE_COMPAT, 9000, true));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void shouldDecodeAndReencodeEveryKindIdentically(final MxoeLayout layout, final int mtu, final boolean direct)
    {
        final MxoeFrameEncoder encoder = new MxoeFrameEncoder(layout, mtu);
        final MxoeFrameDecoder decoder = new MxoeFrameDecoder(layout, mtu, ENDPOINT_MAX);
        final SampleFrames samples = new SampleFrames(encoder, ENDPOINT_MAX, 42);
        final FrameCopier copier = new FrameCopier(new MxoeFrameEncoder(layout, mtu));
        final ByteBuffer frame = direct ? ByteBuffer.allocateDirect(mtu) : ByteBuffer.allocate(mtu);
        final ByteBuffer copy = ByteBuffer.allocate(mtu);
        final Random random = new Random(mtu * 31L + layout.ordinal());
        for (final FrameKind kind : FrameKind.values())
        {
            for (int i = 0; i < FRAMES_PER_KIND; i++)
            {
                frame.clear();
                final int length = samples.encode(kind, frame, random);
                assertTrue(length <= mtu, () -> kind + " frame of " + length + " bytes above MTU " + mtu);
                frame.limit(length);
                final DecodedFrame decoded = decoder.decode(frame);
                assertTrue(decoded.isAccepted(), () -> kind + ": " + decoded);
                assertEquals(kind.type, decoded.packetType());
                assertEquals(0, frame.position());
                assertEquals(length, frame.limit());

                copy.clear();
                final int copyLength = copier.copy(decoded, copy);
                assertEquals(length, copyLength);
                final byte[] original = new byte[length];
                frame.get(0, original);
                assertArrayEquals(original, Arrays.copyOf(copy.array(), copyLength), kind::toString);
                assertNull(FrameCopier.compare(decoder.decode(copy, 0, copyLength), original, length, layout));
            }
        }
    }
}
