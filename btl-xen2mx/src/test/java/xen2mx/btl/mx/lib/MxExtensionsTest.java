package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.media.FaultInjector;

/** MX extensions: {@code mx_set_request_timeout}, context ids ({@code MX_PARAM_CONTEXT_ID}) and {@code mx_get_info}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxExtensionsTest
{
    /** Loses every frame while {@link #cut} is set. */
    private static final class Cable implements FaultInjector
    {
        volatile boolean cut;

        @Override
        public void inject(final int sourcePort, final ByteBuffer frame, final xen2mx.btl.mx.media.FrameFate fate)
        {
            if (cut)
            {
                fate.lose();
            }
        }
    }

    /** Large sends complete only when the receiver's NOTIFY comes back, so their completion shows the timeout. */
    private static final int LARGE = 100_000;
    private static final long CONTEXT_FIELD = 0xFL << 32;

    private static long inContext(final int context, final long low)
    {
        return ((long)context << 32) | low;
    }

    @Test
    void shouldDeclareThePeerUnreachableAfterTheRequestTimeoutNotTheEndpointDefault()
    {
        final Cable cable = new Cable();
        try (MxFabric fabric = new MxFabric(9000, cable))
        {
            final MxEndpoint a = fabric.open(fabric.host(), MxFabric.fastConfig().resendsMax(100_000));
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            cable.cut = true;
            final MxRequest send = a.isend(MxFabric.pattern(LARGE, 1), toB, 7, null);
            a.setRequestTimeout(send, 100);
            final long start = System.nanoTime();
            assertEquals(MxStatusCode.ENDPOINT_UNREACHABLE, fabric.await(a, send).code());
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 90 && millis < 10_000, "gave up after " + millis + " ms, asked 100 ms (default 1000 s)");
        }
    }

    @Test
    void shouldApplyTheEndpointWideTimeoutToSendsPostedAfterIt()
    {
        final Cable cable = new Cable();
        try (MxFabric fabric = new MxFabric(9000, cable))
        {
            final MxEndpoint a = fabric.open(fabric.host(), MxFabric.fastConfig().resendsMax(100_000));
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            a.setRequestTimeout(null, 50);
            cable.cut = true;
            final MxRequest send = a.isend(MxFabric.pattern(LARGE, 2), toB, 8, null);
            assertEquals(MxStatusCode.ENDPOINT_UNREACHABLE, fabric.await(a, send).code());
        }
    }

    @Test
    void shouldNeverGiveUpWithAnInfiniteTimeout()
    {
        final Cable cable = new Cable();
        try (MxFabric fabric = new MxFabric(9000, cable))
        {
            final MxEndpoint a = fabric.open(fabric.host(), MxFabric.fastConfig().resendsMax(3));
            final MxEndpoint b = fabric.endpoint();
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            final MxEndpointAddress toA = MxFabric.connect(b, a);
            cable.cut = true;
            final MxRequest send = a.isend(MxFabric.pattern(LARGE, 3), toB, 9, null);
            a.setRequestTimeout(send, Mx.INFINITE);
            fabric.progressFor(200);
            assertFalse(a.test(send, new MxStatus()), "20 resend periods against a limit of 3: still trying");
            cable.cut = false;
            final ByteBuffer into = ByteBuffer.allocate(LARGE);
            final MxRequest recv = b.irecv(into, 9, Mx.MATCH_MASK_NONE, null);
            assertEquals(MxStatusCode.SUCCESS, fabric.await(b, recv).code());
            assertEquals(MxStatusCode.SUCCESS, fabric.await(a, send).code());
            MxFabric.assertPattern(into, 0, LARGE, 3);
            assertEquals(toA.nicId(), a.nicId());
        }
    }

    @Test
    void shouldRejectANegativeTimeoutAndReceives()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            assertEquals(MxReturn.BAD_PARAM_VAL, assertThrows(MxException.class,
                () -> a.setRequestTimeout(null, -1)).code());
            final MxRequest recv = a.irecv(ByteBuffer.allocate(4), 1, Mx.MATCH_MASK_NONE, null);
            assertEquals(MxReturn.BAD_REQUEST, assertThrows(MxException.class,
                () -> a.setRequestTimeout(recv, 10)).code());
        }
    }

    @Test
    void shouldMatchEachContextInItsOwnQueues()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint();
            final MxEndpoint b = fabric.open(fabric.host(), MxFabric.fastConfig().contextIds(4, 32));
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            final MxRequest first = a.isend(MxFabric.pattern(8, 1), toB, inContext(1, 5), null);
            final MxRequest second = a.isend(MxFabric.pattern(8, 2), toB, inContext(2, 5), null);
            fabric.await(a, first);
            fabric.await(a, second);
            final MxStatus probed = new MxStatus();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!b.iprobe(inContext(2, 0), CONTEXT_FIELD, probed))
            {
                assertTrue(System.nanoTime() < deadline, "context 2's message never arrived");
            }
            assertEquals(inContext(2, 5), probed.matchInfo());
            final ByteBuffer into = ByteBuffer.allocate(8);
            final MxRequest recv = b.irecv(into, inContext(2, 0), CONTEXT_FIELD, null);
            assertEquals(inContext(2, 5), fabric.await(b, recv).matchInfo());
            MxFabric.assertPattern(into, 0, 8, 2);
            final ByteBuffer other = ByteBuffer.allocate(8);
            final MxRequest recvOther = b.irecv(other, inContext(1, 5), CONTEXT_FIELD | 0xFF, null);
            assertEquals(inContext(1, 5), fabric.await(b, recvOther).matchInfo());
            MxFabric.assertPattern(other, 0, 8, 1);
            assertFalse(b.iprobe(inContext(1, 0), CONTEXT_FIELD, probed));
        }
    }

    @Test
    void shouldRefuseMasksThatLeaveTheContextOpenAndPeeks()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint b = fabric.open(fabric.host(), MxFabric.fastConfig().contextIds(4, 32));
            final long partial = 0x7L << 32;
            assertEquals(MxReturn.BAD_MATCHING_FOR_CONTEXT_ID_MASK, assertThrows(MxException.class,
                () -> b.irecv(ByteBuffer.allocate(4), 0, partial, null)).code());
            assertEquals(MxReturn.BAD_MATCHING_FOR_CONTEXT_ID_MASK, assertThrows(MxException.class,
                () -> b.iprobe(0, 0, new MxStatus())).code());
            assertEquals(MxReturn.BAD_MATCHING_FOR_CONTEXT_ID_MASK, assertThrows(MxException.class,
                () -> b.testAny(0, 0, new MxStatus())).code());
            assertEquals(MxReturn.NOT_SUPPORTED_WITH_CONTEXT_ID, assertThrows(MxException.class, b::ipeek).code());
            assertEquals(MxReturn.NOT_SUPPORTED_WITH_CONTEXT_ID, assertThrows(MxException.class,
                () -> b.peek(1)).code());
            assertEquals(MxReturn.BAD_PARAM_VAL, assertThrows(MxException.class,
                () -> new MxEndpointConfig().contextIds(17, 0).conclude()).code());
            assertEquals(MxReturn.BAD_PARAM_VAL, assertThrows(MxException.class,
                () -> new MxEndpointConfig().contextIds(16, 50).conclude()).code());
        }
    }

    @Test
    void shouldKeepMatchingUnchangedWithoutContextIds()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint b = fabric.endpoint();
            assertNull(b.ipeek());
            assertFalse(b.iprobe(0, 0, new MxStatus()));
        }
    }

    @Test
    void shouldAnswerInfoFromTheDriver()
    {
        try (MxFabric fabric = new MxFabric(1500, FaultInjector.NONE))
        {
            final NativeDriver host = fabric.host();
            assertEquals(1, Mx.getInfo(host, MxInfoKey.NIC_COUNT, Mx.ANY_NIC));
            assertArrayEquals(new long[] {host.boardAddress(0)}, (long[])Mx.getInfo(host, MxInfoKey.NIC_IDS, 0));
            assertEquals(1500, Mx.getInfo(host, MxInfoKey.MTU, 0));
            assertEquals(host.limits(0).mediumFragmentLength(), Mx.getInfo(host, MxInfoKey.COPYBLOCK_SIZE, 0));
            assertEquals(host.limits(0).endpointMax(), Mx.getInfo(host, MxInfoKey.MAX_NATIVE_ENDPOINTS, 0));
            assertEquals(host.interfaceName(0), Mx.getInfo(host, MxInfoKey.PRODUCT_CODE, 0));
            assertEquals(0, Mx.nicIdToBoardNumber(host, Mx.boardNumberToNicId(host, 0)));
            assertEquals(MxReturn.BOARD_UNKNOWN, assertThrows(MxException.class,
                () -> Mx.getInfo(host, MxInfoKey.MTU, 3)).code());
            assertEquals(MxReturn.BAD_INFO_KEY, assertThrows(MxException.class,
                () -> Mx.getInfo(host, null, 0)).code());
            assertEquals(MxReturn.NIC_NOT_FOUND, assertThrows(MxException.class,
                () -> Mx.nicIdToBoardNumber(host, 0x0200_0000_0001L)).code());
        }
    }
}
