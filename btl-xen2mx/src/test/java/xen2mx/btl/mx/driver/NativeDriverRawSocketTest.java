package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import xen2mx.btl.mx.media.InNetworkNamespace;
import xen2mx.btl.mx.media.RawSocketChannel;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Smoke test of the native driver on real raw sockets between two network namespaces joined by a veth pair (needs
 * root; skipped without it unless CI requires it): a tiny message and a 2 MiB pull, at MTU 9000 and 1500.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NativeDriverRawSocketTest
{
    private static NetworkNamespaces jumbo;
    private static NetworkNamespaces standard;

    @BeforeAll
    static void createHosts()
    {
        RootRequirement.require("ip");
        jumbo = NetworkNamespaces.builder().hosts(2).mtu(9000).create();
        standard = NetworkNamespaces.builder().hosts(2).mtu(1500).create();
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
    void shouldCarryATinyAndALargePullOverRawSockets(final int mtu) throws DriverException
    {
        final NetworkNamespaces hosts = mtu == 9000 ? jumbo : standard;
        try (NativeDriver a = open(hosts, 0); NativeDriver b = open(hosts, 1))
        {
            assertEquals(mtu, a.limits(0).mtu());
            final DriverEndpoint sender = a.openEndpoint(0, 0);
            final DriverEndpoint receiver = b.openEndpoint(0, 0);
            final int bAtA = a.peerIndex(b.boardAddress(0));
            final int aAtB = b.peerIndex(a.boardAddress(0));

            assertEquals(DriverStatus.SUCCESS, sender.sendTiny(bAtA, 0, receiver.sessionId(), 1, 0, 77L,
                ByteBuffer.wrap(new byte[] {1, 2, 3})));
            assertEquals(WaitResult.EVENTS, receiver.await(TimeUnit.SECONDS.toNanos(10)));
            final EventRecorder atReceiver = new EventRecorder();
            receiver.poll(atReceiver, 10);
            assertEquals(EventType.RECV_TINY, atReceiver.only().type());
            assertArrayEquals(new byte[] {1, 2, 3}, atReceiver.payloads.get(0));

            final byte[] data = new byte[2 << 20];
            new Random(mtu).nextBytes(data);
            sender.createRegion(4, ByteBuffer.wrap(data));
            final ByteBuffer destination = ByteBuffer.allocateDirect(data.length);
            receiver.createRegion(6, destination);
            assertEquals(DriverStatus.SUCCESS, receiver.pull(aAtB, 0, sender.sessionId(), data.length, 6, 4, 0, 0,
                10_000, 1L));
            atReceiver.clear();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (atReceiver.events.isEmpty() && System.nanoTime() < deadline)
            {
                receiver.await(TimeUnit.MILLISECONDS.toNanos(100));
                receiver.poll(atReceiver, 1);
            }
            assertEquals(PullStatus.SUCCESS, atReceiver.only().status(), b.counters()::toString);
            final byte[] received = new byte[data.length];
            destination.get(0, received);
            assertArrayEquals(data, received);
            assertEquals(0, a.counters().get(DriverCounter.ERRORS) + b.counters().get(DriverCounter.ERRORS));
        }
    }

    private static NativeDriver open(final NetworkNamespaces hosts, final int host)
    {
        final RawSocketChannel channel =
            InNetworkNamespace.call(hosts.name(host), () -> RawSocketChannel.open(hosts.interfaceName()));
        return new NativeDriver(channel, new DriverContext().threadingMode(ThreadingMode.DEDICATED).queueSlots(64));
    }
}
