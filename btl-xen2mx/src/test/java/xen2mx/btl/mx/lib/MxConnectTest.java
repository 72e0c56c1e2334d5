package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.NativeDriver;

/** The connect handshake, keys, timeouts, NACKs, sessions, disconnect and reconnect. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxConnectTest
{
    @Test
    void shouldRefuseABadKeyBlockingAndNonBlocking()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxException refused = assertThrows(MxException.class,
                () -> a.connect(b.nicId(), b.endpointId(), MxFabric.KEY + 1, 5000));
            assertEquals(MxReturn.BAD_CONNECTION_KEY, refused.code());
            final MxRequest connect = a.iconnect(b.nicId(), b.endpointId(), 42, 0xC0, "ctx");
            final MxStatus status = fabric.await(a, connect);
            assertEquals(MxStatusCode.BAD_KEY, status.code());
            assertEquals(0xC0, status.matchInfo());
            assertEquals("ctx", status.context());
            assertEquals(2, b.counter(MxCounter.BAD_KEYS));
            final MxEndpointAddress good = MxFabric.connect(a, b);
            assertEquals(b.sessionId(), good.sessionId());
        }
    }

    @Test
    void shouldTimeOutWhenNobodyAnswers()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final long start = System.nanoTime();
            final MxException timeout = assertThrows(MxException.class,
                () -> a.connect(0x02_00_00_00_99_99L, 0, MxFabric.KEY, 200));
            assertEquals(MxReturn.TIMEOUT, timeout.code());
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 190 && millis < 5000, "took " + millis + " ms");
            assertTrue(a.counter(MxCounter.RESENDS) > 0, "connect requests were resent");
        }
    }

    @Test
    void shouldFailToConnectToAnEndpointThatIsNotOpen()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxException closed = assertThrows(MxException.class,
                () -> a.connect(b.nicId(), b.endpointId() + 5, MxFabric.KEY, 5000));
            assertEquals(MxReturn.CONNECTION_FAILED, closed.code());
            assertThrows(MxException.class, () -> a.connect(b.nicId(), 256, MxFabric.KEY, 5000));
        }
    }

    @Test
    void shouldFailPendingSendsOnDisconnectAndWorkAgainAfterReconnect()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            final MxEndpointAddress toA = MxFabric.connect(b, a);
            exchange(fabric, a, b, toB, toA, 1);
            final MxRequest large = a.isend(MxFabric.pattern(100_000, 0), toB, 99, null);
            fabric.progressFor(20);
            a.disconnect(toB);
            assertEquals(MxStatusCode.ENDPOINT_UNREACHABLE, fabric.await(a, large).code());
            final MxEndpointAddress again = MxFabric.connect(a, b);
            exchange(fabric, a, b, again, toA, 2);
        }
    }

    @Test
    void shouldFailSendsToAReopenedEndpointWithBadSessionAndReconnect()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final NativeDriver hostB = fabric.host();
            final MxEndpoint b = fabric.open(hostB, MxFabric.fastConfig());
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            final int index = b.endpointId();
            b.close();
            final MxEndpoint reopened = MxEndpoint.open(hostB, 0, index, MxFabric.KEY,
                MxFabric.fastConfig().conclude());
            try
            {
                final MxRequest stale = a.isend(MxFabric.pattern(8, 0), toB, 1, null);
                final MxRequest large = a.isend(MxFabric.pattern(60_000, 0), toB, 2, null);
                final MxStatus failed = fabric.await(a, large);
                assertEquals(MxStatusCode.BAD_SESSION, failed.code());
                assertTrue(stale.isDone(), "tiny sends complete once buffered");
                assertTrue(a.counter(MxCounter.NACKS_RECEIVED) > 0);
                assertEquals(MxStatusCode.BAD_SESSION, fabric.await(a, a.isend(MxFabric.pattern(8, 0), toB, 3, null))
                    .code(), "later sends fail at once");
                final MxEndpointAddress fresh = a.connect(reopened.nicId(), index, MxFabric.KEY, 5000);
                assertEquals(reopened.sessionId(), fresh.sessionId());
                final ByteBuffer into = ByteBuffer.allocate(8);
                final MxRequest receive = reopened.irecv(into, 4, Mx.MATCH_MASK_NONE, null);
                fabric.await(a, a.isend(MxFabric.pattern(8, 4), fresh, 4, null));
                final MxStatus status = new MxStatus();
                assertTrue(reopened.wait(receive, 5000, status));
                MxFabric.assertPattern(into, 0, 8, 4);
            }
            finally
            {
                reopened.close();
            }
        }
    }

    @Test
    void shouldFailALargeSendWhoseReceiverVanished()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint(MxFabric.fastConfig().resendsMax(10));
            final NativeDriver hostB = fabric.host();
            final MxEndpoint b = fabric.open(hostB, MxFabric.fastConfig());
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            final MxRequest large = a.isend(MxFabric.pattern(60_000, 0), toB, 2, null);
            fabric.progressFor(30);
            assertFalse(large.isDone());
            b.close();
            hostB.close();
            assertEquals(MxStatusCode.ENDPOINT_UNREACHABLE, fabric.await(a, large).code());
            assertTrue(a.counter(MxCounter.LIVENESS_PROBES) >= 10);
        }
    }

    private static void exchange(final MxFabric fabric, final MxEndpoint a, final MxEndpoint b,
        final MxEndpointAddress toB, final MxEndpointAddress toA, final int seed)
    {
        for (final int length : new int[] {8, 1000, 50_000})
        {
            final ByteBuffer atB = ByteBuffer.allocate(length);
            final ByteBuffer atA = ByteBuffer.allocate(length);
            final MxRequest rb = b.irecv(atB, seed, Mx.MATCH_MASK_NONE, null);
            final MxRequest ra = a.irecv(atA, seed, Mx.MATCH_MASK_NONE, null);
            fabric.await(a, a.isend(MxFabric.pattern(length, seed), toB, seed, null));
            fabric.await(b, b.isend(MxFabric.pattern(length, seed + 1), toA, seed, null));
            assertEquals(MxStatusCode.SUCCESS, fabric.await(b, rb).code());
            assertEquals(MxStatusCode.SUCCESS, fabric.await(a, ra).code());
            MxFabric.assertPattern(atB, 0, length, seed);
            MxFabric.assertPattern(atA, 0, length, seed + 1);
        }
    }
}
