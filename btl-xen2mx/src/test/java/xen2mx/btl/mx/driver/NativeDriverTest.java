package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.media.FaultInjector;
import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.MemoryPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native driver as the library uses it: endpoints, waiting, wake-ups, threading modes, closing. */
@Timeout(30)
class NativeDriverTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MemoryEthernet fabric;

    @AfterEach
    void stop() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private NativeDriver driver(final ThreadingMode mode)
    {
        return driver(mode, fabric.attach());
    }

    private NativeDriver driver(final ThreadingMode mode, final MemoryPort port)
    {
        final NativeDriver driver = new NativeDriver(port, new DriverContext().threadingMode(mode).queueSlots(64));
        resources.add(driver);
        return driver;
    }

    @Test
    void shouldDeliverATinyToAWaitingEndpointInDedicatedMode() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver a = driver(ThreadingMode.DEDICATED);
        final NativeDriver b = driver(ThreadingMode.DEDICATED);
        final DriverEndpoint sender = a.openEndpoint(0, 1);
        final DriverEndpoint receiver = b.openEndpoint(0, 2);
        final int peer = a.peerIndex(b.boardAddress(0));
        b.peerIndex(a.boardAddress(0)); // frames from boards not in the table are dropped (a connect would add it)
        assertEquals(DriverStatus.SUCCESS, sender.sendTiny(peer, 2, receiver.sessionId(), 1, 0, 42L,
            ByteBuffer.wrap(new byte[] {9})));
        assertEquals(WaitResult.EVENTS, receiver.await(TimeUnit.SECONDS.toNanos(5)));
        final EventRecorder recorder = new EventRecorder();
        assertEquals(1, receiver.poll(recorder, 10));
        assertEquals(EventType.RECV_TINY, recorder.only().type());
        assertEquals(42L, recorder.only().matchInfo());
        assertEquals(b.peerIndex(a.boardAddress(0)), recorder.only().peerIndex());
    }

    @Test
    void shouldProgressInsideAwaitInInvokerMode() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver a = driver(ThreadingMode.INVOKER);
        final NativeDriver b = driver(ThreadingMode.INVOKER);
        final DriverEndpoint sender = a.openEndpoint(0, 1);
        final DriverEndpoint receiver = b.openEndpoint(0, 2);
        b.peerIndex(a.boardAddress(0));
        sender.sendSmall(a.peerIndex(b.boardAddress(0)), 2, receiver.sessionId(), 1, 0, 7L, ByteBuffer.allocate(100));
        assertEquals(WaitResult.EVENTS, receiver.await(TimeUnit.SECONDS.toNanos(5)));
        final EventRecorder recorder = new EventRecorder();
        receiver.poll(recorder, 10);
        assertEquals(EventType.RECV_SMALL, recorder.only().type());
        assertEquals(100, recorder.payloads.get(0).length);
    }

    @Test
    void shouldTimeOutAndWakeUp() throws Exception
    {
        fabric = new MemoryEthernet(9000);
        for (final ThreadingMode mode : ThreadingMode.values())
        {
            final DriverEndpoint endpoint = driver(mode).openEndpoint(0, 0);
            final long start = System.nanoTime();
            assertEquals(WaitResult.TIMEOUT, endpoint.await(TimeUnit.MILLISECONDS.toNanos(20)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20));
            assertEquals(WaitResult.TIMEOUT, endpoint.await(0));

            endpoint.wakeup();
            assertEquals(WaitResult.WAKEUP, endpoint.await(TimeUnit.SECONDS.toNanos(5)), "a pending wake-up counts");
            assertEquals(WaitResult.TIMEOUT, endpoint.await(0), "and is consumed");

            final CountDownLatch waiting = new CountDownLatch(1);
            final Thread waker = new Thread(() ->
            {
                try
                {
                    waiting.await();
                    Thread.sleep(20);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                endpoint.wakeup();
            });
            waker.start();
            waiting.countDown();
            final long before = System.nanoTime();
            assertEquals(WaitResult.WAKEUP, endpoint.await(TimeUnit.SECONDS.toNanos(10)), mode.name());
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(5));
            waker.join(5_000);
        }
    }

    @Test
    void shouldOpenEndpointsByIndexOrAnyAndRefuseTheRest() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver driver = driver(ThreadingMode.INVOKER);
        assertEquals(1, driver.boardCount());
        assertEquals("mem1", driver.interfaceName(0));
        final DriverEndpoint zero = driver.openEndpoint(0, Driver.ANY_ENDPOINT);
        assertEquals(0, zero.endpointIndex());
        assertEquals(1, driver.openEndpoint(0, Driver.ANY_ENDPOINT).endpointIndex());
        final DriverEndpoint five = driver.openEndpoint(0, 5);
        assertEquals(5, five.endpointIndex());
        assertEquals(DriverStatus.BUSY, assertThrows(DriverException.class, () -> driver.openEndpoint(0, 5)).status());
        assertEquals(DriverStatus.BAD_ENDPOINT,
            assertThrows(DriverException.class, () -> driver.openEndpoint(0, 32)).status());
        assertEquals(DriverStatus.BAD_BOARD,
            assertThrows(DriverException.class, () -> driver.openEndpoint(1, 0)).status());
        final int oldSession = five.sessionId();
        five.close();
        assertTrue(five.isClosed());
        assertEquals(WaitResult.CLOSED, five.await(TimeUnit.SECONDS.toNanos(1)));
        assertEquals(0, five.poll(event -> { }, 1));
        final DriverEndpoint reopened = driver.openEndpoint(0, 5);
        assertNotEquals(oldSession, reopened.sessionId(), "a reopened endpoint has a fresh session");
        driver.close();
        assertTrue(zero.isClosed());
        assertEquals(DriverStatus.CLOSED,
            assertThrows(DriverException.class, () -> driver.openEndpoint(0, 9)).status());
    }

    @Test
    void shouldAnswerPeerQueries() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver driver = driver(ThreadingMode.INVOKER);
        assertEquals(0, driver.peerIndex(driver.boardAddress(0)));
        final long other = 0x02AB_CDEF_0001L;
        final int index = driver.peerIndex(other);
        assertEquals(1, index);
        assertEquals(index, driver.peerIndex(other));
        assertEquals(other, driver.peerAddress(index));
        assertEquals(Driver.NO_ADDRESS, driver.peerAddress(2));
        assertEquals(Driver.NO_PEER, driver.peerIndex(0xFFFF_FFFF_FFFFL), "broadcast is no peer");
        assertEquals(Driver.NO_PEER, driver.peerIndex(0x0100_0000_0001L), "multicast is no peer");
    }

    @Test
    void shouldDeliverBetweenEndpointsOfOneDriverAndNackAStaleSession() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver driver = driver(ThreadingMode.INVOKER);
        final DriverEndpoint first = driver.openEndpoint(0, 0);
        final DriverEndpoint second = driver.openEndpoint(0, 1);
        final int self = driver.peerIndex(driver.boardAddress(0));
        first.sendTiny(self, 1, second.sessionId(), 0x4001, 0, 1L, ByteBuffer.allocate(3));
        first.sendTiny(self, 1, second.sessionId() + 1, 0x4002, 0, 2L, ByteBuffer.allocate(3));
        final EventRecorder atSecond = new EventRecorder();
        final EventRecorder atFirst = new EventRecorder();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((atSecond.events.isEmpty() || atFirst.events.isEmpty()) && System.nanoTime() < deadline)
        {
            second.poll(atSecond, 10);
            first.poll(atFirst, 10);
        }
        assertEquals(EventType.RECV_TINY, atSecond.only().type());
        assertEquals(self, atSecond.only().peerIndex());
        assertEquals(0, atSecond.only().srcEndpoint());
        assertEquals(EventType.RECV_NACK_LIB, atFirst.only().type());
        assertEquals(NackType.BAD_SESSION, atFirst.only().nackType());
        assertEquals(0x4002, atFirst.only().seqnum());
        assertEquals(1, atFirst.only().srcEndpoint());
    }

    @Test
    void shouldCountIntoASuppliedBufferReadableByAnotherView() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final ByteBuffer shared = ByteBuffer.allocateDirect(DriverCounters.LENGTH);
        final NativeDriver driver = new NativeDriver(fabric.attach(),
            new DriverContext().threadingMode(ThreadingMode.INVOKER).queueSlots(16).countersBuffer(shared));
        resources.add(driver);
        final DriverEndpoint endpoint = driver.openEndpoint(0, 0);
        endpoint.sendTiny(driver.peerIndex(0x0200_0000_0042L), 1, 0, 0, 0, 0, ByteBuffer.allocate(0));
        final DriverCounters reader = new DriverCounters(shared); // as a tool over a mapped file would
        assertEquals(1, reader.get(DriverCounter.TINY_SENT));
        assertEquals(1, reader.get(DriverCounter.FRAMES_SENT));
        assertEquals(1, reader.get(DriverCounter.ENDPOINTS_OPENED));
        assertTrue(reader.toString().contains("Tiny sent: 1"));
    }

    @Test
    void shouldStopItsThreadOnClose() throws DriverException
    {
        fabric = new MemoryEthernet(9000);
        final NativeDriver driver = driver(ThreadingMode.DEDICATED);
        final Thread thread = findThread(driver.roleName());
        assertTrue(thread != null && thread.isAlive() && thread.isDaemon());
        driver.close();
        assertFalse(thread.isAlive());
    }

    @Test
    void shouldKeepTheBooksUnderConcurrentSenders() throws Exception
    {
        fabric = new MemoryEthernet(9000, FaultInjector.NONE, 4096);
        final NativeDriver a = driver(ThreadingMode.DEDICATED);
        final MemoryPort portB = fabric.attach();
        final NativeDriver b = driver(ThreadingMode.DEDICATED, portB);
        final DriverEndpoint receiver = b.openEndpoint(0, 0);
        final int peer = a.peerIndex(b.boardAddress(0));
        b.peerIndex(a.boardAddress(0));
        final int threads = 4;
        final int perThread = 5_000;
        final List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final DriverEndpoint sender = a.openEndpoint(0, t + 1);
            final Thread thread = new Thread(() ->
            {
                final ByteBuffer payload = ByteBuffer.allocate(16);
                for (int i = 0; i < perThread; i++)
                {
                    if (sender.sendTiny(peer, 0, receiver.sessionId(), i, 0, i, payload) != DriverStatus.SUCCESS)
                    {
                        throw new AssertionError("send refused");
                    }
                }
            });
            senders.add(thread);
            thread.start();
        }
        final int[] received = new int[1];
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (final Thread thread : senders)
        {
            while (thread.isAlive() && System.nanoTime() < deadline)
            {
                received[0] += receiver.poll(event -> { }, 256);
            }
            thread.join(1);
        }
        final DriverCounters counters = b.counters();
        final long sent = a.counters().get(DriverCounter.TINY_SENT);
        assertEquals(threads * perThread, sent);
        while (counters.get(DriverCounter.TINY_RECEIVED) + counters.get(DriverCounter.DROP_UNEXP_EVENTQ_FULL)
            + portB.overflowDrops() < sent && System.nanoTime() < deadline)
        {
            received[0] += receiver.poll(event -> { }, 256);
        }
        received[0] += receiver.poll(event -> { }, 1024);
        assertEquals(sent, counters.get(DriverCounter.TINY_RECEIVED) + counters.get(DriverCounter.DROP_UNEXP_EVENTQ_FULL)
            + portB.overflowDrops(), counters::toString);
        assertEquals(counters.get(DriverCounter.TINY_RECEIVED), received[0]);
        assertTrue(received[0] > 0);
        assertEquals(0, a.counters().get(DriverCounter.ERRORS) + counters.get(DriverCounter.ERRORS));
    }

    private static Thread findThread(final String name)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals(name))
            {
                return thread;
            }
        }
        return null;
    }
}
