package xen2mx.btl.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.lib.MxCounter;
import xen2mx.btl.mx.media.FaultInjectingChannel;
import xen2mx.btl.mx.media.FaultInjector;
import xen2mx.btl.mx.media.FrameCheckChannel;
import xen2mx.btl.mx.media.FrameFate;
import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.media.RandomFaults;

/**
 * Closing the module on a lossy link: it waits (boundedly) for the peers to acknowledge its last messages, since MX's
 * close abandons them; and the counters report it prints with {@value MxBtl#PRINT_COUNTERS_PARAM}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MxBtlCloseTest
{
    private static final int TINY = 37;

    @Test
    void shouldResendALostLastMessageBeforeClosing()
    {
        final DropTiny dropper = new DropTiny();
        final MemoryEthernet fabric = new MemoryEthernet(9000, dropper, 1024);
        try (BtlWorld world = open(fabric, Map.of(MxBtl.RESEND_DELAY_PARAM, "20")))
        {
            dropper.armed = true;
            final BtlRequest send = world.rank(0).isend(1, 9, ByteBuffer.wrap(new byte[] {1, 2, 3}), false);
            world.await(send);
            assertEquals(BtlStatus.SUCCESS, send.status().code(), "an eager send completes once transmitted");
            assertEquals(1, dropper.dropped, "but its only frame was lost");
            world.rank(0).close();
            final ByteBuffer into = ByteBuffer.allocate(3);
            final BtlRequest receive = world.rank(1).irecv(9, -1L, into);
            world.await(receive);
            assertEquals(BtlStatus.SUCCESS, receive.status().code(), "the closing sender resent it");
            assertEquals(3, into.get(2));
        }
    }

    @Test
    void shouldStopWaitingForAPeerThatIsGone()
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        try (BtlWorld world = open(fabric, Map.of(MxBtl.RESEND_DELAY_PARAM, "20", MxBtl.CLOSE_DRAIN_PARAM, "300")))
        {
            world.rank(1).close();
            final MxBtl sender = (MxBtl)world.rank(0);
            world.await(sender.isend(1, 9, ByteBuffer.allocate(8), false));
            assertEquals(1, sender.endpoint().unacknowledgedSends());
            final long start = System.nanoTime();
            sender.close();
            final long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed >= 280 && elapsed < 2_000, "close waited about the drain limit: " + elapsed + " ms");
            assertTrue(sender.endpoint().counter(MxCounter.RESENDS) > 0, "it resent while it waited");
        }
    }

    @Test
    void shouldReportLibraryDriverFrameCheckAndFaultCounters()
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        final MxBtlComponent component = new MxBtlComponent(context -> new NativeDriver(
            new FrameCheckChannel(new FaultInjectingChannel(fabric.attach("rank" + context.rank()),
                RandomFaults.seeded(context.rank()).loss(0.2), context.rank())),
            new DriverContext().threadingMode(ThreadingMode.INVOKER)));
        try (BtlWorld world = BtlWorld.open(component, 2, "counters", Map.of(MxBtl.RESEND_DELAY_PARAM, "5")))
        {
            for (int i = 0; i < 50; i++)
            {
                final ByteBuffer into = ByteBuffer.allocate(4);
                final BtlRequest receive = world.rank(1).irecv(i, -1L, into);
                world.await(world.rank(0).isend(1, i, ByteBuffer.allocate(4).putInt(0, i), false), receive);
                assertEquals(i, into.getInt(0));
            }
            final String report = ((MxBtl)world.rank(0)).countersReport();
            final String[] lines = report.split("\n");
            assertEquals(4, lines.length, report);
            assertTrue(lines[0].matches("\\[rank 0] xen2mx counters mx: MESSAGES_SENT=\\d+ RESENDS=[1-9].*"), report);
            assertTrue(lines[0].contains(" UNREACHABLE=0"), "every library counter is listed: " + report);
            assertTrue(lines[1].startsWith("[rank 0] xen2mx counters driver: FRAMES_SENT="), report);
            assertTrue(!lines[1].contains("=0 ") && !lines[1].endsWith("=0"), "only non-zero driver counters: " +
                report);
            assertTrue(lines[2].matches("\\[rank 0] xen2mx counters frame-check: accepted=[1-9]\\d* rejected=0"),
                report);
            assertTrue(lines[3].matches("\\[rank 0] xen2mx counters faults: lost=[1-9]\\d* duplicated=0 " +
                "reordered=0 corrupted=0"), report);
        }
    }

    private static BtlWorld open(final MemoryEthernet fabric, final Map<String, String> parameters)
    {
        final MxBtlComponent component = new MxBtlComponent(context -> new NativeDriver(
            fabric.attach("rank" + context.rank()), new DriverContext().threadingMode(ThreadingMode.INVOKER)));
        return BtlWorld.open(component, 2, "close", parameters);
    }

    /** Loses the first TINY frame once armed. */
    private static final class DropTiny implements FaultInjector
    {
        volatile boolean armed;
        volatile int dropped;

        @Override
        public void inject(final int sourcePort, final ByteBuffer frame, final FrameFate fate)
        {
            if (armed && dropped == 0 && frame.limit() > 16 && (frame.get(16) & 0xFF) == TINY)
            {
                dropped++;
                fate.lose();
            }
        }
    }
}
