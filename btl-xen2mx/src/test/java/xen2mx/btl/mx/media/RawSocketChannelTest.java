package xen2mx.btl.mx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * The raw channel between two network namespaces: joined directly by a veth pair at MTU 9000, and through a bridge at
 * MTU 1500. Channels are opened in-JVM on threads that entered each namespace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RawSocketChannelTest
{
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static NetworkNamespaces jumbo;
    private static NetworkNamespaces standard;

    @BeforeAll
    static void createHosts()
    {
        RootRequirement.require("ip");
        jumbo = NetworkNamespaces.builder().hosts(2).mtu(9000).create();
        standard = NetworkNamespaces.builder().hosts(2).mtu(1500).bridge(true).create();
    }

    @AfterAll
    static void deleteHosts()
    {
        try
        {
            if (jumbo != null)
            {
                jumbo.close();
            }
        }
        finally
        {
            if (standard != null)
            {
                standard.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {9000, 1500})
    void shouldDiscoverNameMacMtuAndIfindex(final int mtu)
    {
        final NetworkNamespaces hosts = hosts(mtu);
        for (int host = 0; host < 2; host++)
        {
            try (RawSocketChannel channel = open(hosts, host))
            {
                assertEquals(NetworkNamespaces.INTERFACE_NAME, channel.interfaceName());
                assertEquals(hosts.macAddress(host), MacAddresses.format(channel.macAddress()));
                assertEquals(mtu, channel.mtu());
                assertEquals(mtu + 14, channel.maxFrameLength());
                assertEquals(hosts.ifindex(host), channel.ifindex());
            }
        }
        final NetInterface chosen = InNetworkNamespace.call(hosts.name(0), NetInterfaces::defaultInterface);
        assertEquals(NetworkNamespaces.INTERFACE_NAME, chosen.name());
        assertEquals(hosts.macAddress(0), MacAddresses.format(chosen.mac()));
        assertTrue(chosen.usable());
        final List<NetInterface> all = InNetworkNamespace.call(hosts.name(0), NetInterfaces::list);
        assertEquals(2, all.size(), all::toString);
        assertTrue(all.get(0).loopback());
        assertFalse(all.get(0).usable());
    }

    @ParameterizedTest
    @ValueSource(ints = {9000, 1500})
    void shouldCarryFramesOfEverySizeUpToTheMtuIntactAndInOrder(final int mtu) throws Exception
    {
        final NetworkNamespaces hosts = hosts(mtu);
        final int[] sizes = sizes(mtu);
        try (RawSocketChannel a = open(hosts, 0); RawSocketChannel b = open(hosts, 1))
        {
            exchange(a, b, sizes);
            exchange(b, a, sizes);
            assertEquals(0, b.truncatedFrames());
            assertEquals(0, b.takeKernelDrops());
        }
    }

    @Test
    void shouldDeliverOnlyMxoeFramesForThisHost() throws Exception
    {
        try (RawSocketChannel a = open(standard, 0); RawSocketChannel b = open(standard, 1))
        {
            final byte[] other = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
            assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 0x0806, 60, 1)), "ARP");
            assertTrue(a.send(Frames.frame(Frames.BROADCAST, a.macAddress(), 0x0806, 60, 2)), "ARP broadcast");
            assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 0x0800, 200, 3)), "IPv4");
            assertTrue(a.send(Frames.frame(other, a.macAddress(), 100, 4)), "MXoE for another host");
            assertTrue(a.send(Frames.frame(Frames.BROADCAST, a.macAddress(), 100, 5)), "MXoE broadcast");
            assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 100, 6)), "MXoE for b");

            final List<Integer> received = new ArrayList<>();
            final long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (received.size() < 2 && System.nanoTime() < deadline)
            {
                b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(100));
                b.receive(frame -> received.add(Frames.sequence(frame)), 16);
            }
            b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(50));
            b.receive(frame -> received.add(Frames.sequence(frame)), 16);
            assertEquals(List.of(5, 6), received);
            assertEquals(1, b.foreignHostFrames(), "the bridge floods the frame for an unknown host");
            assertEquals(0, a.receive(frame -> received.add(-1), 16), "no frame returns to its sender");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {9000, 1500})
    void shouldRefuseFramesLongerThanTheMtu(final int mtu)
    {
        try (RawSocketChannel a = open(hosts(mtu), 0); RawSocketChannel b = open(hosts(mtu), 1))
        {
            final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> a.send(Frames.frame(b.macAddress(), a.macAddress(), mtu + 15, 1)));
            assertTrue(tooLong.getMessage().contains("MTU " + mtu), tooLong.getMessage());
            final ByteBuffer direct = ByteBuffer.allocateDirect(mtu + 100);
            assertThrows(IllegalArgumentException.class, () -> a.send(direct));
            assertThrows(IllegalArgumentException.class, () -> a.send(ByteBuffer.allocate(13)));
            b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(20));
            assertEquals(0, b.receive(frame -> { }, 16));
            assertEquals(0, a.framesSent());
        }
    }

    @Test
    void shouldWakeAWaitingReceiverAndOtherwiseWaitOutTheTimeout() throws Exception
    {
        try (RawSocketChannel a = open(jumbo, 0); RawSocketChannel b = open(jumbo, 1))
        {
            final long quiet = System.nanoTime();
            b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(30));
            assertTrue(System.nanoTime() - quiet >= TimeUnit.MILLISECONDS.toNanos(25), "waits out its timeout");

            final AtomicReference<Long> waited = new AtomicReference<>();
            final Thread receiver = new Thread(() ->
            {
                final long start = System.nanoTime();
                b.awaitFrames(TimeUnit.SECONDS.toNanos(10));
                waited.set(System.nanoTime() - start);
            });
            receiver.start();
            Thread.sleep(100);
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 1));
            receiver.join(10_000);
            assertTrue(waited.get() < TimeUnit.SECONDS.toNanos(5), "woken by the frame: " + waited.get() + " ns");
            assertEquals(1, b.receive(frame -> { }, 16));
        }
    }

    @Test
    void shouldNameTheInterfacesThatAreUpWhenTheInterfaceIsUnknown()
    {
        final MediaException unknown = assertThrows(MediaException.class,
            () -> InNetworkNamespace.call(jumbo.name(0), () -> RawSocketChannel.open("nosuch0")));
        assertTrue(unknown.getMessage().contains("'nosuch0'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("mx0 (ifindex " + jumbo.ifindex(0)), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("\n"));
    }

    @Test
    void shouldSayInOneLineHowToGetCapNetRawWhenItIsMissing() throws Exception
    {
        final String setpriv = RootRequirement.findTool("setpriv") == null ? null :
            RootRequirement.findTool("setpriv").toString();
        org.junit.jupiter.api.Assumptions.assumeTrue(setpriv != null, "setpriv (util-linux) is not installed");
        final List<String> command = new ArrayList<>(List.of(setpriv, "--inh-caps=-net_raw",
            "--bounding-set=-net_raw", "--"));
        command.addAll(jumbo.javaProcessBuilder(0, OpenRawChannelMain.class, "mx0").command());
        final Process process = new ProcessBuilder(command).start();
        try
        {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "child JVM exits");
            final String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, process.exitValue(), stderr);
            assertEquals(RawSocketChannel.NO_CAP_NET_RAW + "\n", stderr);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private static void exchange(final RawSocketChannel from, final RawSocketChannel to, final int[] sizes)
        throws InterruptedException
    {
        final AtomicInteger received = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread receiver = new Thread(() ->
        {
            final long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (received.get() < sizes.length && System.nanoTime() < deadline && failure.get() == null)
            {
                if (to.receive(frame -> check(frame, sizes, received, failure), 32) == 0)
                {
                    to.awaitFrames(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }, "receiver");
        receiver.start();
        final ByteBuffer heap = ByteBuffer.allocate(from.maxFrameLength());
        final ByteBuffer direct = ByteBuffer.allocateDirect(from.maxFrameLength() + 3).position(3).slice();
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        int sent = 0;
        while (sent < sizes.length && System.nanoTime() < deadline && failure.get() == null)
        {
            if (sent - received.get() >= 64)
            {
                Thread.onSpinWait();
                continue;
            }
            final ByteBuffer frame = sent % 2 == 0 ? heap : direct;
            frame.clear().limit(sizes[sent]);
            Frames.fill(frame, to.macAddress(), from.macAddress(), EthernetChannel.ETHERTYPE_MXOE, sent);
            if (from.send(frame))
            {
                sent++;
            }
        }
        receiver.join(DEADLINE_NANOS / 1_000_000);
        assertNull(failure.get());
        assertEquals(sizes.length, received.get(), "frames received");
    }

    private static void check(final ByteBuffer frame, final int[] sizes, final AtomicInteger received,
        final AtomicReference<String> failure)
    {
        final int expected = received.get();
        final int length = frame.remaining();
        final int wanted = sizes[expected];
        if (length != wanted || (length >= 18 && Frames.sequence(frame) != expected) || !Frames.intact(frame) ||
            frame.getShort(frame.position() + 12) != (short)EthernetChannel.ETHERTYPE_MXOE)
        {
            failure.compareAndSet(null, "frame " + expected + ": " + length + " bytes where " + wanted +
                " were expected, sequence " + (length >= 18 ? Frames.sequence(frame) : -1) + ", intact " +
                Frames.intact(frame));
        }
        received.incrementAndGet();
    }

    private static int[] sizes(final int mtu)
    {
        final List<Integer> sizes = new ArrayList<>(List.of(18, 19, 59, 60, 61, 64, 100, 127, 128, 129, 1000, 1499,
            1500, 1513, 1514));
        if (mtu > 1500)
        {
            sizes.addAll(List.of(4096, 4144, 8192 + 48, mtu + 13, mtu + 14));
        }
        final Random random = new Random(mtu);
        while (sizes.size() < 600)
        {
            sizes.add(18 + random.nextInt(mtu + 14 - 18 + 1));
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static RawSocketChannel open(final NetworkNamespaces hosts, final int host)
    {
        return InNetworkNamespace.call(hosts.name(host), () -> RawSocketChannel.open(hosts.interfaceName()));
    }

    private static NetworkNamespaces hosts(final int mtu)
    {
        return mtu == 9000 ? jumbo : standard;
    }
}
