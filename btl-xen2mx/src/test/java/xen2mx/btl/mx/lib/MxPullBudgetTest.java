package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.driver.DriverCounter;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.media.FaultInjector;

/**
 * A window of large messages on a clean link arrives without a single lost frame or retransmission, even when
 * their pull replies together are many times the receiver's ring. Regression: every pull requested its first four
 * blocks at once, a window of 4 MiB receives asked for tens of megabytes, the receive ring overflowed, and the lost
 * replies came back only with the pull retransmission timer (1 s): osu_bw fell to 130-240 MB/s at 2-4 MiB.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxPullBudgetTest
{
    private static final int RING_FRAMES = 64;
    private static final int MESSAGES = 8;
    private static final int LENGTH = 300_000;

    @Test
    void shouldPullAWindowOfLargeMessagesWithoutLossOrRetransmission()
    {
        try (MxFabric fabric = new MxFabric(9000, FaultInjector.NONE, RING_FRAMES))
        {
            final MxEndpoint a = fabric.endpoint();
            final NativeDriver receiverHost = fabric.host();
            final MxEndpoint b = fabric.open(receiverHost, MxFabric.fastConfig());
            final MxEndpointAddress toB = MxFabric.connect(a, b);
            MxFabric.connect(b, a);
            final List<ByteBuffer> into = new ArrayList<>();
            final List<MxRequest> requests = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++)
            {
                into.add(ByteBuffer.allocate(LENGTH));
                requests.add(b.irecv(into.get(i), i, Mx.MATCH_MASK_NONE, null));
            }
            for (int i = 0; i < MESSAGES; i++)
            {
                requests.add(a.isend(MxFabric.pattern(LENGTH, i), toB, i, null));
            }

            for (final MxRequest request : requests)
            {
                assertEquals(MxStatusCode.SUCCESS, fabric.await(request.endpoint(), request).code());
            }

            for (int i = 0; i < MESSAGES; i++)
            {
                MxFabric.assertPattern(into.get(i), 0, LENGTH, i);
            }
            assertEquals(0, receiverHost.counters().get(DriverCounter.DROP_RECEIVE_RING_FULL), "ring overflows");
            assertEquals(0, receiverHost.counters().get(DriverCounter.PULL_TIMEOUT_RETRANSMITS));
            assertEquals(0, receiverHost.counters().get(DriverCounter.PULL_EARLY_RETRANSMITS));
            assertEquals(MESSAGES, receiverHost.counters().get(DriverCounter.PULLS_COMPLETED));
            assertTrue(receiverHost.counters().get(DriverCounter.PULL_BLOCKS_DEFERRED) > 0,
                "the pulls waited for room in the ring");
        }
    }
}
