package xen2mx.btl.mx.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MemoryEthernetTest
{
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Test
    void shouldDeliverUnicastOnlyToThePortWithTheDestinationMac()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final MemoryPort c = fabric.attach();
        assertEquals("02:4d:58:00:00:02", MacAddresses.format(b.macAddress()));
        assertEquals("mem3", c.interfaceName());
        assertEquals(1500, c.mtu());

        final ByteBuffer frame = Frames.frame(b.macAddress(), a.macAddress(), 100, 7);
        assertTrue(a.send(frame));
        assertEquals(0, frame.position(), "send leaves the position");

        final List<byte[]> atB = drain(b);
        assertEquals(1, atB.size());
        assertArrayEquals(frame.array(), atB.get(0));
        assertTrue(drain(c).isEmpty());
        assertTrue(drain(a).isEmpty());

        a.send(Frames.frame(new byte[] {2, 0, 0, 0, 0, 9}, a.macAddress(), 60, 1));
        assertEquals(1, fabric.unknownDestinationDrops());
    }

    @Test
    void shouldDeliverBroadcastToEveryOtherPort()
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final MemoryPort c = fabric.attach();
        a.send(Frames.frame(Frames.BROADCAST, a.macAddress(), 9014, 3));
        assertEquals(1, drain(b).size());
        assertEquals(1, drain(c).size());
        assertTrue(drain(a).isEmpty(), "a frame never returns to its sender");
    }

    @Test
    void shouldRefuseFramesLongerThanMtuPlusHeaderAndShorterThanHeader()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 1514, 1)));
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> a.send(Frames.frame(b.macAddress(), a.macAddress(), 1515, 2)));
        assertTrue(tooLong.getMessage().contains("1515"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.send(ByteBuffer.allocate(13)));
        assertEquals(1, drain(b).size());
    }

    @Test
    void shouldDropFramesOfOtherEtherTypesAtTheReceiver()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 0x0800, 100, 1));
        a.send(Frames.frame(Frames.BROADCAST, a.macAddress(), 0x0806, 60, 2));
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 100, 3));
        final List<byte[]> frames = drain(b);
        assertEquals(1, frames.size());
        assertEquals(3, Frames.sequence(ByteBuffer.wrap(frames.get(0))));
        assertEquals(2, b.foreignFrameDrops());
    }

    @Test
    void shouldLoseFramesWhenTheReceiveRingIsFull()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500, FaultInjector.NONE, 4);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        for (int i = 0; i < 6; i++)
        {
            assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, i)));
        }
        assertEquals(2, b.overflowDrops());
        final List<byte[]> frames = drain(b);
        assertEquals(4, frames.size());
        assertEquals(3, Frames.sequence(ByteBuffer.wrap(frames.get(3))));
    }

    @Test
    void shouldHandOutAtMostMaxFramesAndKeepTheRest()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        for (int i = 0; i < 5; i++)
        {
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, i));
        }
        final List<Integer> seen = new ArrayList<>();
        assertEquals(2, b.receive(frame -> seen.add(Frames.sequence(frame)), 2));
        assertEquals(3, b.receive(frame -> seen.add(Frames.sequence(frame)), 10));
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }

    @Test
    void shouldStopDeliveringToAClosedPort()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        b.close();
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 1));
        assertEquals(0, b.receive(frame -> { }, 10));
        assertEquals(1, fabric.unknownDestinationDrops());
        assertThrows(IllegalStateException.class, () -> b.send(Frames.frame(a.macAddress(), b.macAddress(), 64, 1)));
    }

    @Test
    void shouldWakeAWaitingReceiverWhenAFrameArrives() throws Exception
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final AtomicReference<Long> waited = new AtomicReference<>();
        final Thread receiver = new Thread(() ->
        {
            final long start = System.nanoTime();
            b.awaitFrames(TimeUnit.SECONDS.toNanos(5));
            waited.set(System.nanoTime() - start);
        });
        receiver.start();
        Thread.sleep(50);
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 1));
        receiver.join(5_000);
        assertTrue(waited.get() < TimeUnit.SECONDS.toNanos(3), "woken by the frame, not the timeout");
        assertEquals(1, drain(b).size());

        final long start = System.nanoTime();
        b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(19), "waits out its timeout");
    }

    @Test
    void shouldKeepOrderAndContentsBetweenASenderAndAReceiverThread() throws Exception
    {
        final int count = 50_000;
        final MemoryEthernet fabric = new MemoryEthernet(9000, FaultInjector.NONE, 64);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final AtomicReference<String> failure = new AtomicReference<>();
        final int[] next = {0};
        final Thread receiver = new Thread(() ->
        {
            final long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (next[0] < count && System.nanoTime() < deadline && failure.get() == null)
            {
                if (b.receive(frame ->
                {
                    if (Frames.sequence(frame) != next[0] || !Frames.intact(frame))
                    {
                        failure.compareAndSet(null, "frame " + Frames.sequence(frame) + " where " + next[0] +
                            " was expected, intact " + Frames.intact(frame));
                    }
                    next[0]++;
                }, 16) == 0)
                {
                    b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        });
        receiver.start();
        final ByteBuffer frame = ByteBuffer.allocate(9014);
        int sent = 0;
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (sent < count && System.nanoTime() < deadline)
        {
            if (sent - next[0] < 32) // racy read is fine: it only paces the sender below the ring size
            {
                frame.clear().limit(18 + sent % 1000);
                Frames.fill(frame, b.macAddress(), a.macAddress(), EthernetChannel.ETHERTYPE_MXOE, sent);
                a.send(frame);
                sent++;
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        receiver.join(DEADLINE_NANOS / 1_000_000);
        assertEquals(null, failure.get());
        assertEquals(count, next[0]);
        assertEquals(0, b.overflowDrops());
    }

    @Test
    void shouldLoseTheFramesAnInjectorChooses()
    {
        final int[] seen = {0};
        final FaultInjector loseSecond = (source, frame, fate) ->
        {
            if (seen[0]++ == 1)
            {
                fate.lose();
            }
        };
        final MemoryEthernet fabric = new MemoryEthernet(1500, loseSecond, 16);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        for (int i = 0; i < 3; i++)
        {
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, i));
        }
        assertEquals(List.of(0, 2), sequences(drain(b)));
    }

    @Test
    void shouldLoseAboutTheConfiguredShareOfFrames()
    {
        final RandomFaults faults = RandomFaults.seeded(42).loss(0.25);
        final List<Integer> received = exchange(faults, 2000);
        assertEquals(2000 - faults.lost(), received.size());
        assertTrue(faults.lost() > 400 && faults.lost() < 600, "lost " + faults.lost());
        assertEquals(received.stream().sorted().toList(), received, "loss keeps the order");
        assertEquals(received, exchange(RandomFaults.seeded(42).loss(0.25), 2000), "same seed, same losses");
    }

    @Test
    void shouldDuplicateFrames()
    {
        final RandomFaults faults = RandomFaults.seeded(7).duplication(0.1);
        final List<Integer> received = exchange(faults, 1000);
        assertEquals(1000 + faults.duplicated(), received.size());
        assertTrue(faults.duplicated() > 50, "duplicated " + faults.duplicated());
        assertEquals(1000, received.stream().distinct().count());
    }

    @Test
    void shouldReorderFramesWithoutLosingAny()
    {
        final RandomFaults faults = RandomFaults.seeded(3).reordering(0.2, TimeUnit.MILLISECONDS.toNanos(2));
        final List<Integer> received = exchange(faults, 1000);
        assertEquals(1000, received.size());
        assertNotEquals(received.stream().sorted().toList(), received, "some frames overtaken");
        assertEquals(1000, received.stream().distinct().count());
        assertTrue(faults.reordered() > 100, "reordered " + faults.reordered());
    }

    @Test
    void shouldFlipOneBitPastTheHeaderOfCorruptedFrames()
    {
        final RandomFaults faults = RandomFaults.seeded(11).corruption(0.5);
        final MemoryEthernet fabric = new MemoryEthernet(1500, faults, 256);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final ByteBuffer original = Frames.frame(b.macAddress(), a.macAddress(), 200, 5);
        int corrupted = 0;
        for (int i = 0; i < 100; i++)
        {
            a.send(original);
        }
        for (final byte[] received : drain(b))
        {
            int bits = 0;
            for (int i = 0; i < received.length; i++)
            {
                bits += Integer.bitCount((received[i] ^ original.get(i)) & 0xff);
                if (i < EthernetChannel.ETHERNET_HEADER_LENGTH)
                {
                    assertEquals(original.get(i), received[i], "header untouched");
                }
            }
            assertTrue(bits <= 1);
            corrupted += bits;
        }
        assertEquals(faults.corrupted(), corrupted);
        assertTrue(corrupted > 30, "corrupted " + corrupted);
        assertEquals(5, Frames.sequence(original), "the sender's buffer is never touched");
        assertTrue(Frames.intact(original));
    }

    @Test
    void shouldDelayFramesAndWakeTheReceiverWhenTheyFallDue()
    {
        final long delay = TimeUnit.MILLISECONDS.toNanos(30);
        final MemoryEthernet fabric = new MemoryEthernet(1500, RandomFaults.seeded(1).delay(delay, 0), 16);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final long start = System.nanoTime();
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 1));
        a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 2));
        assertEquals(0, b.receive(frame -> { }, 10), "not yet due");
        final List<Integer> seen = new ArrayList<>();
        while (seen.size() < 2 && System.nanoTime() - start < DEADLINE_NANOS)
        {
            b.awaitFrames(TimeUnit.SECONDS.toNanos(1));
            b.receive(frame -> seen.add(Frames.sequence(frame)), 10);
        }
        final long elapsed = System.nanoTime() - start;
        assertEquals(List.of(1, 2), seen, "a constant delay keeps the order");
        assertTrue(elapsed >= delay, "arrived after " + elapsed + " ns");
        assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(900), "woken when due, not at the 1 s timeout");
    }

    /**
     * Sends {@code count} numbered frames from one port to another and receives until every frame the faults let
     * through (count - lost + duplicated, all decided at send time) has arrived, then once more for strays.
     */
    private static List<Integer> exchange(final RandomFaults faults, final int count)
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500, faults, 4096);
        final MemoryPort a = fabric.attach();
        final MemoryPort b = fabric.attach();
        final ByteBuffer frame = ByteBuffer.allocate(100);
        for (int i = 0; i < count; i++)
        {
            Frames.fill(frame, b.macAddress(), a.macAddress(), EthernetChannel.ETHERTYPE_MXOE, i);
            a.send(frame);
        }
        final long expected = count - faults.lost() + faults.duplicated();
        final List<Integer> received = new ArrayList<>();
        final EthernetChannel.FrameHandler collect = f ->
        {
            assertTrue(Frames.intact(f));
            received.add(Frames.sequence(f));
        };
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (received.size() < expected && System.nanoTime() < deadline)
        {
            if (b.receive(collect, 64) == 0)
            {
                b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        b.awaitFrames(TimeUnit.MILLISECONDS.toNanos(5));
        b.receive(collect, Integer.MAX_VALUE);
        assertFalse(received.isEmpty());
        return received;
    }

    private static List<byte[]> drain(final MemoryPort port)
    {
        final List<byte[]> frames = new ArrayList<>();
        port.receive(frame ->
        {
            final byte[] copy = new byte[frame.remaining()];
            frame.get(frame.position(), copy);
            frames.add(copy);
        }, Integer.MAX_VALUE);
        return frames;
    }

    private static List<Integer> sequences(final List<byte[]> frames)
    {
        return frames.stream().map(bytes -> Frames.sequence(ByteBuffer.wrap(bytes))).toList();
    }
}
