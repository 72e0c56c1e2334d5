package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MxEndpoint#progress()} counts the frames its driver handled on its own as work. Regression: a pull moves
 * its reply frames into the receive buffer without an event until it ends, so progress said "nothing to do" while
 * megabytes streamed in; the MPI layer's waiters then backed off into yields and sleeps in the middle of the
 * transfer, on both sides (osu_bw at 2.5 GB/s, a receiver at 40% of a core).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxProgressWorkTest
{
    private static final int LENGTH = 1 << 20;
    /** Pull reply frames of the message at MTU 9000 (8968 bytes each). */
    private static final int REPLY_FRAMES = (LENGTH + 8967) / 8968;

    @Test
    void shouldReportPullRepliesHandledWithoutAnEventAsWork()
    {
        try (MxFabric fabric = new MxFabric())
        {
            final MxEndpoint a = fabric.endpoint(MxFabric.fastConfig().progressThread(false));
            final MxEndpoint b = fabric.endpoint(MxFabric.fastConfig().progressThread(false));
            final MxEndpointAddress toB = fabric.await(a, a.iconnect(b.nicId(), b.endpointId(), MxFabric.KEY, 0,
                null)).source();
            fabric.await(b, b.iconnect(a.nicId(), a.endpointId(), MxFabric.KEY, 0, null));
            final ByteBuffer into = ByteBuffer.allocate(LENGTH);
            final MxRequest receive = b.irecv(into, 1, Mx.MATCH_MASK_NONE, null);
            a.isend(MxFabric.pattern(LENGTH, 1), toB, 1, null);
            int work = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!receive.isDone() && System.nanoTime() - deadline < 0)
            {
                a.progress(); // answers the PULLs
                work += b.progress(); // reply frames land in the receive buffer, one event at the very end
            }

            assertEquals(MxStatusCode.SUCCESS, fabric.await(b, receive).code());
            assertTrue(work >= REPLY_FRAMES, "the " + REPLY_FRAMES + " reply frames count as work; progress said "
                + work);
            MxFabric.assertPattern(into, 0, LENGTH, 1);
        }
    }
}
