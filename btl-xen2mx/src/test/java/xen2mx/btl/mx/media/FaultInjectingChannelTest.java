package xen2mx.btl.mx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fault decorator over an in-memory fabric (the raw-socket case is in {@link RawSocketFaultsTest}). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FaultInjectingChannelTest
{
    @Test
    void shouldLoseAndDuplicateWhatTheInjectorSays()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500, FaultInjector.NONE, 4096);
        final MemoryPort b = fabric.attach();
        final RandomFaults faults = RandomFaults.seeded(5).loss(0.1).duplication(0.1);
        try (FaultInjectingChannel a = new FaultInjectingChannel(fabric.attach(), faults, 1))
        {
            assertEquals("mem2", a.interfaceName());
            assertEquals(1500, a.mtu());
            for (int i = 0; i < 1000; i++)
            {
                assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 80, i)));
            }
            final List<Integer> received = new ArrayList<>();
            b.receive(frame -> received.add(Frames.sequence(frame)), Integer.MAX_VALUE);
            assertEquals(1000 - faults.lost() + faults.duplicated(), received.size());
            assertTrue(faults.lost() > 50 && faults.duplicated() > 50, faults.lost() + " " + faults.duplicated());
            assertEquals(received.stream().sorted().toList(), received);
        }
    }

    @Test
    void shouldSendDelayedFramesWhenTheyFallDueFromTheReceivingSide()
    {
        final long delay = TimeUnit.MILLISECONDS.toNanos(30);
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort b = fabric.attach();
        try (FaultInjectingChannel a = new FaultInjectingChannel(fabric.attach(), RandomFaults.seeded(1)
            .delay(delay, 0), 1))
        {
            final long start = System.nanoTime();
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 1));
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 64, 2));
            assertEquals(0, b.receive(frame -> { }, 10));
            a.awaitFrames(TimeUnit.SECONDS.toNanos(2));
            final long elapsed = System.nanoTime() - start;
            assertTrue(elapsed >= delay && elapsed < TimeUnit.MILLISECONDS.toNanos(1500), elapsed + " ns");
            final List<Integer> received = new ArrayList<>();
            b.receive(frame -> received.add(Frames.sequence(frame)), 10);
            assertEquals(List.of(1, 2), received);
        }
    }

    @Test
    void shouldCorruptOnlyItsCopyAndRefuseOversizeFrames()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        final MemoryPort b = fabric.attach();
        try (FaultInjectingChannel a = new FaultInjectingChannel(fabric.attach(), RandomFaults.seeded(2)
            .corruption(1), 1))
        {
            final ByteBuffer frame = Frames.frame(b.macAddress(), a.macAddress(), 300, 9);
            a.send(frame);
            assertTrue(Frames.intact(frame));
            final boolean[] intact = {true};
            assertEquals(1, b.receive(f -> intact[0] = Frames.intact(f) && Frames.sequence(f) == 9, 1));
            assertEquals(false, intact[0]);
            assertThrows(IllegalArgumentException.class,
                () -> a.send(Frames.frame(b.macAddress(), a.macAddress(), 1515, 1)));
        }
    }
}
