package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.DriverCounter;
import xen2mx.btl.mx.driver.NativeDriver;

/** MX API semantics between two hosts of an in-memory fabric, over the real driver core. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxEndpointTest
{
    private MxFabric fabric;
    private NativeDriver hostA;
    private MxEndpoint a;
    private MxEndpoint b;
    private MxEndpointAddress toB;
    private MxEndpointAddress toA;

    @BeforeEach
    void open()
    {
        fabric = new MxFabric();
        hostA = fabric.host();
        a = fabric.open(hostA, MxFabric.fastConfig());
        b = fabric.endpoint();
        toB = MxFabric.connect(a, b);
        toA = MxFabric.connect(b, a);
    }

    @AfterEach
    void close()
    {
        fabric.close();
    }

    private static ByteBuffer[] split(final ByteBuffer whole, final int parts)
    {
        final ByteBuffer[] segments = new ByteBuffer[parts];
        final int step = whole.capacity() / parts;
        for (int i = 0; i < parts; i++)
        {
            final int from = i * step;
            final int to = i == parts - 1 ? whole.capacity() : from + step;
            segments[i] = whole.duplicate().position(from).limit(to);
        }
        return segments;
    }

    @Test
    void shouldCarryEveryMessageClassBetweenSegmentLists()
    {
        final int[] sizes = {0, 1, 32, 33, 128, 129, 8192, 8193, 32768, 32769, 300_001};
        for (int i = 0; i < sizes.length; i++)
        {
            final int length = sizes[i];
            final ByteBuffer into = ByteBuffer.allocate(length);
            final MxRequest receive = b.irecv(split(into, 3), 0x100 + i, Mx.MATCH_MASK_NONE, "r" + i);
            final MxRequest send = a.isend(split(MxFabric.pattern(length, i), 2), toB, 0x100 + i, "s" + i);
            final MxStatus received = fabric.await(b, receive);
            final MxStatus sent = fabric.await(a, send);
            assertEquals(MxStatusCode.SUCCESS, received.code(), () -> "length " + length);
            assertEquals(length, received.msgLength());
            assertEquals(length, received.xferLength());
            assertEquals(0x100 + i, received.matchInfo());
            assertEquals("r" + i, received.context());
            assertEquals(a.nicId(), received.source().nicId());
            assertEquals(a.endpointId(), received.source().endpointId());
            assertEquals(MxStatusCode.SUCCESS, sent.code());
            assertEquals(length, sent.xferLength());
            assertEquals(b.endpointId(), sent.source().endpointId());
            MxFabric.assertPattern(into, 0, length, i);
        }
    }

    @Test
    void shouldTruncateEveryMessageClass()
    {
        final int[] sizes = {20, 100, 5000, 20_000, 100_000};
        for (int i = 0; i < sizes.length; i++)
        {
            final int capacity = sizes[i] / 2;
            final ByteBuffer into = ByteBuffer.allocate(capacity + 8);
            into.position(4).limit(4 + capacity);
            final boolean postFirst = i % 2 == 0;
            MxRequest receive = postFirst ? b.irecv(into, 9, Mx.MATCH_MASK_NONE, null) : null;
            final MxRequest send = a.isend(MxFabric.pattern(sizes[i], i), toB, 9, null);
            if (!postFirst)
            {
                fabric.progressFor(5);
                receive = b.irecv(into, 9, Mx.MATCH_MASK_NONE, null);
            }
            final MxStatus received = fabric.await(b, receive);
            final MxStatus sent = fabric.await(a, send);
            assertEquals(MxStatusCode.TRUNCATED, received.code());
            assertEquals(sizes[i], received.msgLength());
            assertEquals(capacity, received.xferLength());
            MxFabric.assertPattern(into, 4, capacity, i);
            assertEquals(0, into.duplicate().clear().get(4 + capacity));
            assertEquals(MxStatusCode.SUCCESS, sent.code());
            if (sizes[i] > a.rndvThreshold())
            {
                assertEquals(capacity, sent.xferLength(), "a large send learns the pulled length");
            }
        }
    }

    @Test
    void shouldRefuseInfoBitsOutsideTheMask()
    {
        final ByteBuffer into = ByteBuffer.allocate(1);
        final MxStatus status = new MxStatus();
        assertEquals(MxReturn.BAD_MATCH_MASK,
            assertThrows(MxException.class, () -> b.irecv(into, 0x10, 0x01, null)).code());
        assertEquals(MxReturn.BAD_MATCH_MASK,
            assertThrows(MxException.class, () -> b.iprobe(0x10, 0x01, status)).code());
        assertEquals(MxReturn.BAD_MATCH_MASK,
            assertThrows(MxException.class, () -> b.testAny(0x10, 0x01, status)).code());
    }

    @Test
    void shouldMatchPostedReceivesInOrderAndUnexpectedMessagesInArrivalOrder()
    {
        final MxRequest any = b.irecv(ByteBuffer.allocate(8), 0, 0, null);
        final MxRequest exact = b.irecv(ByteBuffer.allocate(8), 0x33, Mx.MATCH_MASK_NONE, null);
        assertEquals(0x33, fabric.await(b, wrap(a.isend(MxFabric.pattern(8, 1), toB, 0x33, null), any)).matchInfo());
        assertFalse(exact.isDone());
        fabric.await(a, a.isend(MxFabric.pattern(8, 2), toB, 0x33, null));
        fabric.await(b, exact);
        for (int i = 0; i < 4; i++)
        {
            fabric.await(a, a.isend(MxFabric.pattern(4, i), toB, 0xA0 + i % 2, null));
        }
        final MxStatus probe = new MxStatus();
        assertTrue(b.probe(5000, 0xA1, Mx.MATCH_MASK_NONE, probe));
        assertEquals(4, probe.msgLength());
        final int[] expected = {1, 3, 0, 2};
        for (int i = 0; i < expected.length; i++)
        {
            final ByteBuffer into = ByteBuffer.allocate(4);
            final long info = i < 2 ? 0xA1 : 0xA0;
            fabric.await(b, b.irecv(into, info, Mx.MATCH_MASK_NONE, null));
            MxFabric.assertPattern(into, 0, 4, expected[i]);
        }
        assertFalse(b.iprobe(0, 0, probe));
    }

    private MxRequest wrap(final MxRequest send, final MxRequest receive)
    {
        fabric.await(a, send);
        return receive;
    }

    @Test
    void shouldCancelOnlyUnmatchedReceivesAndRefuseToCancelSends()
    {
        final MxRequest receive = b.irecv(ByteBuffer.allocate(4), 1, Mx.MATCH_MASK_NONE, null);
        assertTrue(b.cancel(receive));
        assertTrue(receive.isDone());
        assertEquals(MxStatusCode.CANCELLED, receive.status().code());
        assertNull(b.ipeek(), "a cancelled request is released, not queued as done");
        final MxRequest matched = b.irecv(ByteBuffer.allocate(4), 2, Mx.MATCH_MASK_NONE, null);
        fabric.await(a, a.isend(MxFabric.pattern(4, 0), toB, 2, null));
        fabric.progressFor(5);
        assertFalse(b.cancel(matched));
        fabric.await(b, matched);
        final MxRequest send = a.isend(MxFabric.pattern(4, 0), toB, 3, null);
        assertEquals(MxReturn.CANCEL_NOT_SUPPORTED, assertThrows(MxException.class, () -> a.cancel(send)).code());
    }

    @Test
    void shouldCompleteSynchronousSendsOnlyOnceMatched()
    {
        final MxRequest send = a.issend(MxFabric.pattern(8, 5), toB, 77, null);
        fabric.progressFor(50);
        assertFalse(send.isDone());
        assertFalse(a.ibuffered(send));
        final ByteBuffer into = ByteBuffer.allocate(8);
        fabric.await(b, b.irecv(into, 77, Mx.MATCH_MASK_NONE, null));
        assertEquals(MxStatusCode.SUCCESS, fabric.await(a, send).code());
        MxFabric.assertPattern(into, 0, 8, 5);
    }

    @Test
    void shouldReportBufferedSendsAndKeepContexts()
    {
        final Object context = new Object();
        final MxRequest tiny = a.isend(MxFabric.pattern(8, 0), toB, 1, context);
        assertTrue(a.ibuffered(tiny));
        assertSame(context, tiny.context());
        final MxRequest large = a.isend(MxFabric.pattern(100_000, 0), toB, 2, null);
        assertFalse(a.ibuffered(large));
        fabric.await(b, b.irecv(ByteBuffer.allocate(8), 1, Mx.MATCH_MASK_NONE, null));
        fabric.await(b, b.irecv(ByteBuffer.allocate(100_000), 2, Mx.MATCH_MASK_NONE, null));
        fabric.await(a, large);
        assertEquals(MxReturn.BAD_REQUEST, assertThrows(MxException.class,
            () -> a.ibuffered(b.irecv(ByteBuffer.allocate(1), 3, -1, null))).code());
    }

    @Test
    void shouldCompleteAnyDoneRequestByMatchInfoAndPeekTheOldest()
    {
        final MxRequest r1 = b.irecv(ByteBuffer.allocate(4), 0x1_0001L, Mx.MATCH_MASK_NONE, null);
        final MxRequest r2 = b.irecv(ByteBuffer.allocate(4), 0x2_0002L, Mx.MATCH_MASK_NONE, null);
        fabric.await(a, a.isend(MxFabric.pattern(4, 0), toB, 0x2_0002L, null));
        fabric.await(a, a.isend(MxFabric.pattern(4, 0), toB, 0x1_0001L, null));
        final MxStatus status = new MxStatus();
        assertTrue(b.waitAny(5000, 0x1_0000L, 0xF_0000L, status));
        assertEquals(0x1_0001L, status.matchInfo());
        assertTrue(r1.isDone());
        final MxRequest oldest = b.peek(5000);
        assertSame(r2, oldest);
        assertTrue(b.test(oldest, status));
        assertEquals(0x2_0002L, status.matchInfo());
        assertNull(b.ipeek());
        assertFalse(b.testAny(0, 0, status));
    }

    @Test
    void shouldLetTheUnexpectedHandlerConsumeOrPostReceives()
    {
        final List<Long> seen = new ArrayList<>();
        final ByteBuffer posted = ByteBuffer.allocate(4);
        final MxRequest[] postedByHandler = new MxRequest[1];
        b.registerUnexpectedHandler((source, info, length, data) ->
        {
            seen.add(info);
            if (info == 7)
            {
                assertNotNull(data);
                assertEquals(length, data.remaining());
                return MxUnexpectedHandler.Action.FINISHED;
            }
            if (info == 8)
            {
                postedByHandler[0] = b.irecv(posted, 8, Mx.MATCH_MASK_NONE, null);
            }
            if (info == 9)
            {
                assertNull(data, "no data for a large message");
                assertThrows(MxException.class, b::close);
                return MxUnexpectedHandler.Action.FINISHED;
            }
            return MxUnexpectedHandler.Action.CONTINUE;
        });
        fabric.await(a, a.isend(MxFabric.pattern(4, 1), toB, 7, null));
        fabric.await(a, a.isend(MxFabric.pattern(4, 2), toB, 8, null));
        final MxStatus large = fabric.await(a, a.isend(MxFabric.pattern(50_000, 3), toB, 9, null));
        assertEquals(MxStatusCode.SUCCESS, large.code());
        assertEquals(0, large.xferLength(), "the sender learns the receiver discarded the message");
        fabric.await(b, postedByHandler[0]);
        MxFabric.assertPattern(posted, 0, 4, 2);
        assertEquals(List.of(7L, 8L, 9L), seen);
        final MxStatus probe = new MxStatus();
        assertFalse(b.iprobe(0, 0, probe), "consumed messages are not queued");
    }

    @Test
    void shouldWakeUpABlockedWaiter() throws Exception
    {
        final MxRequest receive = b.irecv(ByteBuffer.allocate(4), 1, Mx.MATCH_MASK_NONE, null);
        final AtomicBoolean result = new AtomicBoolean(true);
        final Thread waiter = new Thread(() -> result.set(b.wait(receive, Mx.INFINITE, new MxStatus())));
        waiter.start();
        Thread.sleep(50);
        b.wakeup();
        waiter.join(5000);
        assertFalse(waiter.isAlive());
        assertFalse(result.get());
        assertFalse(b.wait(receive, 20, new MxStatus()), "times out");
    }

    @Test
    void shouldSendToItselfWithoutTheDriver()
    {
        final long framesBefore = hostA.counters().get(DriverCounter.FRAMES_SENT);
        final MxEndpointAddress self = a.connect(a.nicId(), a.endpointId(), MxFabric.KEY, 1000);
        assertEquals(a.sessionId(), self.sessionId());
        final MxRequest eager = a.isend(MxFabric.pattern(1000, 1), self, 5, null);
        assertTrue(eager.isDone(), "a buffered self send completes at once");
        final MxRequest sync = a.issend(MxFabric.pattern(70_000, 2), self, 6, null);
        assertFalse(sync.isDone());
        final ByteBuffer first = ByteBuffer.allocate(1000);
        final ByteBuffer second = ByteBuffer.allocate(70_000);
        fabric.await(a, a.irecv(first, 5, Mx.MATCH_MASK_NONE, null));
        fabric.await(a, a.irecv(second, 6, Mx.MATCH_MASK_NONE, null));
        fabric.await(a, sync);
        MxFabric.assertPattern(first, 0, 1000, 1);
        MxFabric.assertPattern(second, 0, 70_000, 2);
        assertEquals(framesBefore, hostA.counters().get(DriverCounter.FRAMES_SENT));
    }

    @Test
    void shouldDecomposeAddresses()
    {
        assertEquals(b.nicId(), toB.nicId());
        assertEquals(b.endpointId(), toB.endpointId());
        assertEquals(b.sessionId(), toB.sessionId());
        toB.context("peer b");
        assertEquals("peer b", toB.context());
        assertEquals(a.endpointAddress().nicId(), toA.nicId());
    }
}
