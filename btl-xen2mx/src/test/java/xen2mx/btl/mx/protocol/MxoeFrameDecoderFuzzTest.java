package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds more than a million random and mutated frames to the decoder: valid frames of every kind in three
 * configurations (DEFAULT at MTU 1500 and 9000, compat at 4144), then bit flips, truncations, extensions, length
 * field changes, byte overwrites, endpoint changes, and plain random frames. The decoder must never throw; an
 * unmutated frame must be accepted; every accepted frame must re-encode, field by field, to the same significant
 * bytes and decode again to the same type. Seeded and allocation-light, so it runs in a few seconds.
 */
class MxoeFrameDecoderFuzzTest
{
    private static final int FRAMES = 1_050_000;
    private static final int ENDPOINT_MAX = 32;
    private static final long SEED = 0x5EED_F00DL;
    private static final int MUTATIONS = 8;
    private static final FrameKind[] KINDS = FrameKind.values();

    /** Frame offsets of the length and length-like fields of each kind (either layout), for mutation 4. */
    private static final int[][] LENGTH_FIELDS = new int[KINDS.length][];

    static
    {
        for (final FrameKind kind : KINDS)
        {
            final int[] offsets;
            switch (kind)
            {
                case TINY:
                case SMALL:
                case RNDV:
                    offsets = new int[] {20};
                    break;
                case MEDIUM:
                    offsets = new int[] {20, 22, 40, 42, 43};
                    break;
                case PULL:
                    offsets = new int[] {40, 42, 48, 50, 52, 54};
                    break;
                case PULL_REPLY:
                    offsets = new int[] {18, 28};
                    break;
                case CONNECT_REQUEST:
                case CONNECT_REPLY:
                    offsets = new int[] {20, 42};
                    break;
                case LIBACK:
                    offsets = new int[] {20, 28, 32};
                    break;
                case NACK_LIB:
                case NACK_MCP:
                    offsets = new int[] {19, 25, 28};
                    break;
                case HOST_REPLY:
                case HOST_QUERY:
                    offsets = new int[] {17, 24};
                    break;
                default:
                    offsets = new int[] {17};
                    break;
            }
            LENGTH_FIELDS[kind.ordinal()] = offsets;
        }
    }

    private final Map<MxoeDropReason, Integer> drops = new EnumMap<>(MxoeDropReason.class);
    private final int[] acceptedByMutation = new int[MUTATIONS];
    private long accepted;

    @Test
    @Timeout(120)
    void shouldNeverThrowAndReencodeEveryAcceptedFrameConsistently()
    {
        final long start = System.nanoTime();
        final Random random = new Random(SEED);
        final Config[] configs = {
            new Config(MxoeLayout.DEFAULT, 1500),
            new Config(MxoeLayout.DEFAULT, 9000),
            new Config(MxoeLayout.MX_WIRE_COMPAT, MxoeLayout.MX_WIRE_COMPAT_MTU),
        };
        for (int i = 0; i < FRAMES; i++)
        {
            fuzzOne(configs[i % configs.length], random, i % MUTATIONS, i);
        }
        final long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("MXoE fuzz: %d frames in %d ms, %d accepted, drops %s%n", FRAMES, millis, accepted, drops);

        for (final MxoeDropReason reason : MxoeDropReason.values())
        {
            assertTrue(drops.getOrDefault(reason, 0) > 0, "no frame dropped as " + reason);
        }
        assertEquals(FRAMES / MUTATIONS, acceptedByMutation[0], "every unmutated frame is accepted");
        assertTrue(acceptedByMutation[3] > 0, "extended frames (padding) are accepted");
    }

    private void fuzzOne(final Config config, final Random random, final int mutation, final int iteration)
    {
        final ByteBuffer frame = config.frame;
        frame.clear();
        final FrameKind kind = KINDS[random.nextInt(KINDS.length)];
        int length = config.samples.encode(kind, frame, random);
        switch (mutation)
        {
            case 1:
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--)
                {
                    final int at = random.nextInt(random.nextBoolean() ? Math.min(length, 64) : length);
                    frame.put(at, (byte)(frame.get(at) ^ (1 << random.nextInt(8))));
                }
                break;
            case 2:
                length = random.nextInt(length);
                break;
            case 3:
            {
                final int extra = 1 + random.nextInt(64);
                for (int i = 0; i < extra; i++)
                {
                    frame.put(length + i, (byte)random.nextInt());
                }
                length += extra;
                break;
            }
            case 4:
            {
                final int[] fields = LENGTH_FIELDS[kind.ordinal()];
                final int at = fields[random.nextInt(fields.length)];
                if (random.nextBoolean())
                {
                    frame.putShort(at, (short)random.nextInt());
                }
                else
                {
                    frame.put(at, (byte)(random.nextBoolean() ? random.nextInt() : frame.get(at) + random.nextInt(5) - 2));
                }
                break;
            }
            case 5:
                for (int writes = 1 + random.nextInt(3); writes > 0; writes--)
                {
                    frame.put(random.nextInt(Math.min(length, 64)), (byte)random.nextInt());
                }
                break;
            case 6:
                frame.put(17, (byte)random.nextInt());
                break;
            case 7:
                length = randomFrame(frame, random);
                break;
            default:
                break;
        }

        final DecodedFrame decoded = config.decoder.decode(frame, 0, length);
        if (!decoded.isAccepted())
        {
            if (mutation == 0)
            {
                fail("valid " + kind + " dropped at iteration " + iteration + ": " + decoded);
            }
            drops.merge(decoded.dropReason(), 1, Integer::sum);
            return;
        }
        accepted++;
        acceptedByMutation[mutation]++;
        checkReencoding(config, decoded, iteration);
    }

    private static int randomFrame(final ByteBuffer frame, final Random random)
    {
        final int length = random.nextInt(4) == 0 ? random.nextInt(frame.capacity()) : random.nextInt(128);
        for (int i = 0; i + Long.BYTES <= length; i += Long.BYTES)
        {
            frame.putLong(i, random.nextLong());
        }
        if (length >= 14 && random.nextBoolean())
        {
            frame.putShort(12, (short)MxoeFrameDescriptor.ETHERTYPE_MXOE);
            if (length >= 17 && random.nextBoolean())
            {
                frame.put(16, (byte)KINDS[random.nextInt(KINDS.length)].type.code());
            }
        }
        return length;
    }

    private static void checkReencoding(final Config config, final DecodedFrame decoded, final int iteration)
    {
        final MxoePacketType type = decoded.packetType();
        config.copy.clear();
        final int copyLength = config.copier.copy(decoded, config.copy);
        final String mismatch = FrameCopier.compare(decoded, config.copy.array(), copyLength, config.layout);
        if (mismatch != null)
        {
            fail(type + " at iteration " + iteration + " re-encodes differently: " + mismatch);
        }
        final DecodedFrame again = config.decoderOfCopies.decode(config.copy, 0, copyLength);
        if (!again.isAccepted() || again.packetType() != type)
        {
            fail(type + " at iteration " + iteration + " re-encodes to a frame decoded as " + again);
        }
    }

    private static final class Config
    {
        final MxoeLayout layout;
        final MxoeFrameDecoder decoder;
        final MxoeFrameDecoder decoderOfCopies;
        final SampleFrames samples;
        final FrameCopier copier;
        final ByteBuffer frame;
        final ByteBuffer copy;

        Config(final MxoeLayout layout, final int mtu)
        {
            this.layout = layout;
            this.decoder = new MxoeFrameDecoder(layout, mtu, ENDPOINT_MAX);
            this.decoderOfCopies = new MxoeFrameDecoder(layout, mtu, ENDPOINT_MAX);
            this.samples = new SampleFrames(new MxoeFrameEncoder(layout, mtu), ENDPOINT_MAX, SEED + mtu);
            this.copier = new FrameCopier(new MxoeFrameEncoder(layout, mtu));
            this.frame = ByteBuffer.allocate(mtu + 128);
            this.copy = ByteBuffer.allocate(mtu + 128);
        }
    }
}
