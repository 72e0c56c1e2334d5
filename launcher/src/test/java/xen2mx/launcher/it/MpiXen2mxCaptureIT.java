package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static xen2mx.launcher.it.Xen2mxJobs.counter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xen2mx.btl.mx.MxBtl;
import xen2mx.btl.mx.protocol.DecodedFrame;
import xen2mx.btl.mx.protocol.MxoeFrameDecoder;
import xen2mx.btl.mx.protocol.MxoeLayout;
import xen2mx.btl.mx.protocol.MxoePacketType;
import xen2mx.itest.PointToPointChecks;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * What xen2mx native puts on the wire: {@code tcpdump} captures the veth of one of two namespaces during a short MPI
 * job ({@link PointToPointChecks} {@code ordering sizes ssend}: every message class and the acks), then a pcap reader
 * in this test checks every frame: EtherType 0x86DF, between the two ranks' MACs, at most MTU + 14 bytes, accepted by
 * {@link MxoeFrameDecoder}, and within its type's limits from the wire tables (tiny &le; 32 bytes, small 33..128,
 * medium fragments in messages of 129 bytes to the 32 KiB eager limit, medium fragments and pull replies as long as
 * the MTU rule allows and the full ones exactly that long). The counts by type must equal what the two ranks' drivers say they sent, so nothing
 * else crossed the link and nothing was missed. At MTU 9000 and 1500.
 *
 * <p>Root and {@code tcpdump} only ({@link RootRequirement}).
 */
class MpiXen2mxCaptureIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Duration TCPDUMP_START = Duration.ofSeconds(10);
    /**
     * Bytes tcpdump keeps of a frame: a whole jumbo frame. In immediate mode every slot of its 64 MiB ring is this
     * long, so the default (256 KiB) would leave 256 slots and drop frames.
     */
    private static final int SNAPLEN = 9216;
    private static final List<String> CHECKS = List.of("ordering", "sizes", "ssend");
    private static final int RNDV_THRESHOLD = 32 * 1024;
    private static final Pattern TCPDUMP_COUNT = Pattern.compile("(\\d+) packets? (captured|received by filter|"
        + "dropped by kernel)");
    /** Wire kind (packet type, connects split into request and reply) to the driver counter of its sends. */
    private static final Map<String, String> SENT_COUNTERS = new TreeMap<>(Map.of("CONNECT_REQUEST",
        "CONNECT_REQUEST_SENT", "CONNECT_REPLY", "CONNECT_REPLY_SENT", "TINY", "TINY_SENT", "SMALL", "SMALL_SENT",
        "MEDIUM", "MEDIUM_FRAG_SENT", "RNDV", "RNDV_SENT", "PULL", "PULL_SENT", "PULL_REPLY", "PULL_REPLY_SENT",
        "NOTIFY", "NOTIFY_SENT", "TRUC", "LIBACK_SENT"));

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRoot()
    {
        RootRequirement.require("ip", "tcpdump");
    }

    @ParameterizedTest(name = "MTU {0}")
    @ValueSource(ints = {9000, 1500})
    @Timeout(120)
    void shouldPutOnlyWellFormedMxoeFramesOnTheWire(final int mtu) throws Exception
    {
        try (NetworkNamespaces hosts = NetworkNamespaces.builder().hosts(2).mtu(mtu).prefix("x2mxcap").create())
        {
            final Path pcap = dir.resolve("mx0-" + mtu + ".pcap");
            final Path tcpdumpErr = dir.resolve("tcpdump-" + mtu + ".err");
            final Process tcpdump = hosts.processBuilder(1, List.of(RootRequirement.findTool("tcpdump").toString(),
                "-i", hosts.interfaceName(), "-w", pcap.toString(), "-s", Integer.toString(SNAPLEN), "-B", "65536",
                "--immediate-mode", "-Z", "root"))
                .redirectOutput(dir.resolve("tcpdump-" + mtu + ".out").toFile()).redirectError(tcpdumpErr.toFile())
                .start();
            final MpirunRun run;
            try
            {
                awaitListening(tcpdump, tcpdumpErr);
                final String hostfile = hosts.writeHostfile(dir.resolve("hosts"), 1).toString();
                run = MpirunRun.start(Xen2mxJobs.argv(hosts, hostfile, List.of("--mca", MxBtl.PRINT_COUNTERS_PARAM,
                    "1"), CHECKS));
                Xen2mxJobs.assertChecksPassed(run, RUN_LIMIT, CHECKS, 2);
            }
            finally
            {
                stop(tcpdump);
            }
            final String tcpdumpSummary = Files.readString(tcpdumpErr);
            final Map<String, Long> tcpdumpCounts = new TreeMap<>();
            final Matcher count = TCPDUMP_COUNT.matcher(tcpdumpSummary);
            while (count.find())
            {
                tcpdumpCounts.put(count.group(2), Long.parseLong(count.group(1)));
            }
            assertEquals(0L, tcpdumpCounts.get("dropped by kernel"), "tcpdump missed nothing:\n" + tcpdumpSummary);
            assertEquals(tcpdumpCounts.get("received by filter"), tcpdumpCounts.get("captured"), tcpdumpSummary);

            final Map<String, Long> byKind = checkFrames(Pcap.read(pcap), hosts, mtu);
            final Map<String, Map<String, Long>> counters = Xen2mxJobs.counters(run.stdout());
            System.out.printf("capture on %s's %s at MTU %d: %d MXoE frames by type %s%n", hosts.name(1),
                hosts.interfaceName(), mtu, byKind.values().stream().mapToLong(Long::longValue).sum(), byKind);
            for (final Map.Entry<String, String> kind : SENT_COUNTERS.entrySet())
            {
                assertTrue(byKind.getOrDefault(kind.getKey(), 0L) > 0, kind.getKey() + " frames captured: " + byKind);
                assertEquals(counter(counters, "driver", kind.getValue()), byKind.get(kind.getKey()),
                    kind.getKey() + " frames on the wire vs the drivers' " + kind.getValue());
            }
            assertEquals(counter(counters, "driver", "FRAMES_SENT"),
                byKind.values().stream().mapToLong(Long::longValue).sum(), "every frame the ranks sent, no other");
        }
    }

    /**
     * Checks every captured frame against the wire tables.
     *
     * @return the frames counted by kind: the packet type's name, connects split into CONNECT_REQUEST and
     * CONNECT_REPLY.
     */
    private static Map<String, Long> checkFrames(final List<byte[]> frames, final NetworkNamespaces hosts,
        final int mtu)
    {
        final MxoeFrameDecoder decoder = new MxoeFrameDecoder(MxoeLayout.DEFAULT, mtu);
        final int mediumFragmentLength = mtu - 48 <= 4096 ? mtu - 48 : 8192;
        final int pullReplyLength = mtu - 32;
        final List<String> macs = List.of(hosts.macAddress(0), hosts.macAddress(1));
        final Map<String, Long> byKind = new TreeMap<>();
        final Map<MxoePacketType, Integer> longest = new EnumMap<>(MxoePacketType.class);
        for (int i = 0; i < frames.size(); i++)
        {
            final byte[] frame = frames.get(i);
            final String where = "frame " + (i + 1) + " of " + frames.size() + " (" + frame.length + " bytes)";
            assertTrue(frame.length >= 14 && frame.length <= mtu + 14, where + ": length within the MTU");
            assertEquals(0x86DF, (frame[12] & 0xFF) << 8 | frame[13] & 0xFF, where + ": EtherType");
            final String destination = mac(frame, 0);
            final String source = mac(frame, 6);
            assertTrue(macs.contains(source) && macs.contains(destination) && !source.equals(destination),
                where + ": from one rank's board to the other's, " + source + " -> " + destination);
            final DecodedFrame decoded = decoder.decode(ByteBuffer.wrap(frame));
            if (!decoded.isAccepted())
            {
                fail(where + ": refused by the decoder: " + decoded.dropReason() + " " + decoded);
            }
            final MxoePacketType type = decoded.packetType();
            assertEquals(type.code(), frame[16] & 0xFF, where + ": ptype at frame byte 16");
            final int length = payloadLength(decoded);
            longest.merge(type, length, Math::max);
            switch (type)
            {
                case TINY -> assertTrue(length <= 32, where + ": tiny of " + length);
                case SMALL -> assertTrue(length > 32 && length <= 128, where + ": small of " + length);
                case MEDIUM -> assertTrue(length <= mediumFragmentLength && decoded.medium().msgLength() > 128 &&
                    decoded.medium().msgLength() <= RNDV_THRESHOLD, where + ": medium fragment of " + length +
                    " in a message of " + decoded.medium().msgLength());
                case PULL_REPLY -> assertTrue(length <= pullReplyLength, where + ": pull reply of " + length);
                default ->
                {
                }
            }
            final String kind = type == MxoePacketType.CONNECT
                ? (decoded.connect().isReply() ? "CONNECT_REPLY" : "CONNECT_REQUEST") : type.name();
            byKind.merge(kind, 1L, Long::sum);
        }
        assertEquals(mediumFragmentLength, longest.get(MxoePacketType.MEDIUM),
            "full medium fragments follow the MTU rule at MTU " + mtu);
        assertEquals(pullReplyLength, longest.get(MxoePacketType.PULL_REPLY),
            "full pull replies follow the MTU rule at MTU " + mtu);
        return byKind;
    }

    private static int payloadLength(final DecodedFrame decoded)
    {
        return switch (decoded.packetType())
        {
            case TINY, SMALL -> decoded.eager().payloadLength();
            case MEDIUM -> decoded.medium().fragLength();
            case PULL_REPLY -> decoded.pullReply().payloadLength();
            default -> 0;
        };
    }

    private static String mac(final byte[] frame, final int offset)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 6; i++)
        {
            text.append(String.format("%02x", frame[offset + i] & 0xFF)).append(i < 5 ? ":" : "");
        }
        return text.toString();
    }

    private static void awaitListening(final Process tcpdump, final Path stderr) throws Exception
    {
        final long deadline = System.nanoTime() + TCPDUMP_START.toNanos();
        while (!Files.readString(stderr).contains("listening on"))
        {
            if (!tcpdump.isAlive() || System.nanoTime() - deadline > 0)
            {
                fail("tcpdump did not start capturing within " + TCPDUMP_START + ":\n" + Files.readString(stderr));
            }
            Thread.sleep(20);
        }
    }

    /** Ends tcpdump with SIGTERM (it writes out what it captured and its summary), SIGKILL after 5 s. */
    private static void stop(final Process tcpdump) throws InterruptedException
    {
        tcpdump.destroy();
        if (!tcpdump.waitFor(5, TimeUnit.SECONDS))
        {
            tcpdump.destroyForcibly();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
            fail("tcpdump did not end on SIGTERM");
        }
    }

    /**
     * A reader of classic pcap files (not pcapng), as tcpdump {@code -w} writes them: a 24-byte global header (magic
     * {@code a1b2c3d4} for microseconds or {@code a1b23c4d} for nanoseconds, in the writer's byte order; link type at
     * byte 20), then per frame a 16-byte record header (seconds, fraction, captured length, original length) and the
     * captured bytes.
     */
    static final class Pcap
    {
        private static final int MAGIC_MICROS = 0xA1B2C3D4;
        private static final int MAGIC_NANOS = 0xA1B23C4D;
        private static final int LINKTYPE_ETHERNET = 1;

        private Pcap()
        {
        }

        /**
         * @param file a pcap file of an Ethernet interface.
         * @return every frame, whole.
         * @throws AssertionError if the file is not such a pcap file, is cut short, or holds a truncated frame.
         */
        static List<byte[]> read(final Path file) throws IOException
        {
            final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
            assertTrue(data.remaining() >= 24, "pcap global header in " + file);
            final int magic = data.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (magic != MAGIC_MICROS && magic != MAGIC_NANOS)
            {
                data.order(ByteOrder.BIG_ENDIAN);
                final int swapped = data.getInt(0);
                assertTrue(swapped == MAGIC_MICROS || swapped == MAGIC_NANOS,
                    "not a pcap file (magic " + Integer.toHexString(magic) + "): " + file);
            }
            assertEquals(LINKTYPE_ETHERNET, data.getInt(20) & 0x0FFFFFFF, "link type Ethernet");
            final List<byte[]> frames = new ArrayList<>();
            int offset = 24;
            while (offset < data.limit())
            {
                assertTrue(offset + 16 <= data.limit(), "record header cut short at byte " + offset);
                final int captured = data.getInt(offset + 8);
                final int original = data.getInt(offset + 12);
                assertEquals(original, captured, "frame " + (frames.size() + 1) + " captured whole");
                assertTrue(offset + 16 + captured <= data.limit(), "frame cut short at byte " + offset);
                final byte[] frame = new byte[captured];
                data.get(offset + 16, frame);
                frames.add(frame);
                offset += 16 + captured;
            }
            return frames;
        }
    }
}
