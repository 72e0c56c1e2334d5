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

/** The CRC-32C trailer over an in-memory fabric: corrupted frames never reach the receiver, intact ones do. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameCheckChannelTest
{
    @Test
    void shouldDropEveryCorruptedFrameAndDeliverEveryIntactOne()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500, FaultInjector.NONE, 8192);
        final RandomFaults faults = RandomFaults.seeded(3).corruption(0.2);
        try (FrameCheckChannel a = new FrameCheckChannel(new FaultInjectingChannel(fabric.attach(), faults, 1));
             FrameCheckChannel b = new FrameCheckChannel(fabric.attach()))
        {
            final int count = 3000;
            for (int i = 0; i < count; i++)
            {
                assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 56 + i % (a.mtu() + 14 - 55), i)));
            }
            final List<Integer> received = new ArrayList<>();
            final int[] damaged = {0};
            final int delivered = b.receive(frame ->
            {
                if (Frames.intact(frame))
                {
                    received.add(Frames.sequence(frame));
                }
                else
                {
                    damaged[0]++;
                }
            }, Integer.MAX_VALUE);
            assertTrue(faults.corrupted() > 400, "corrupted " + faults.corrupted());
            assertEquals(0, damaged[0], "corrupted frames delivered");
            assertEquals(faults.corrupted(), b.framesRejected());
            assertEquals(count - faults.corrupted(), b.framesAccepted());
            assertEquals(b.framesAccepted(), delivered);
            assertEquals(received.size(), delivered);
        }
    }

    @Test
    void shouldLetCorruptedFramesThroughWithoutTheCheck()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500, FaultInjector.NONE, 8192);
        final RandomFaults faults = RandomFaults.seeded(3).corruption(0.2);
        try (FaultInjectingChannel a = new FaultInjectingChannel(fabric.attach(), faults, 1);
             MemoryPort b = fabric.attach())
        {
            for (int i = 0; i < 1000; i++)
            {
                a.send(Frames.frame(b.macAddress(), a.macAddress(), 200, i));
            }
            final int[] damaged = {0};
            b.receive(frame -> damaged[0] += Frames.intact(frame) ? 0 : 1, Integer.MAX_VALUE);
            assertTrue(damaged[0] > 100, "the faults this test relies on reach an unchecked receiver: " + damaged[0]);
        }
    }

    @Test
    void shouldPadShortFramesToTheEthernetMinimumAndHandOverTheFrameWithoutTrailer()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        try (FrameCheckChannel a = new FrameCheckChannel(fabric.attach());
             MemoryPort raw = fabric.attach();
             FrameCheckChannel b = new FrameCheckChannel(fabric.attach()))
        {
            assertEquals(1496, a.mtu());
            final ByteBuffer shortFrame = Frames.frame(raw.macAddress(), a.macAddress(), 20, 7);
            assertTrue(a.send(shortFrame));
            assertEquals(0, shortFrame.position(), "the caller's buffer is untouched");
            final int[] length = {0};
            raw.receive(frame -> length[0] = frame.remaining(), 1);
            assertEquals(FrameCheckChannel.MIN_FRAME_LENGTH, length[0]);

            final ByteBuffer full = Frames.frame(b.macAddress(), a.macAddress(), 1496 + 14, 8);
            assertTrue(a.send(full));
            assertTrue(a.send(Frames.frame(b.macAddress(), a.macAddress(), 20, 9)));
            final List<Integer> lengths = new ArrayList<>();
            b.receive(frame ->
            {
                lengths.add(frame.remaining());
                assertTrue(Frames.intact(frame.duplicate().limit(frame.position() + 20)));
            }, 10);
            assertEquals(List.of(1510, 56), lengths, "the trailer is removed, the padding stays");
            assertThrows(IllegalArgumentException.class,
                () -> a.send(Frames.frame(b.macAddress(), a.macAddress(), 1496 + 15, 1)));
        }
    }

    @Test
    void shouldRejectFramesWithoutTrailer()
    {
        final MemoryEthernet fabric = new MemoryEthernet(1500);
        try (MemoryPort a = fabric.attach(); FrameCheckChannel b = new FrameCheckChannel(fabric.attach()))
        {
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 100, 1));
            a.send(Frames.frame(b.macAddress(), a.macAddress(), 30, 2));
            assertEquals(0, b.receive(frame -> { }, 10));
            assertEquals(2, b.framesRejected());
            assertEquals(0, b.framesAccepted());
        }
    }
}
