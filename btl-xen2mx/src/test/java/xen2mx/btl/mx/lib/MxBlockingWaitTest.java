package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking call that has spun past its poll phase sleeps where an arriving frame wakes it. Regression: it used to
 * park on a condition that only a progress pass signals, while the background thread stayed out because the caller
 * had been active within its grace period, so nothing progressed the endpoint until the park timed out (1 ms by
 * default, the 1 ms steps seen in native ping-pongs). Here the park is 10 s long and there is no background thread:
 * only the wake-up by the frame can end the wait in time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MxBlockingWaitTest
{
    private static final long SLEEPER_PARK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long SEND_AFTER_MILLIS = 50;
    private static final long PROMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000);

    private MxFabric fabric;
    private MxEndpoint sender;
    private MxEndpoint sleeper;
    private MxEndpointAddress toSleeper;

    @BeforeEach
    void open()
    {
        fabric = new MxFabric();
        sender = fabric.endpoint();
        sleeper = fabric.endpoint(MxFabric.fastConfig().progressThread(false).spinNanos(0)
            .parkNanos(SLEEPER_PARK_NANOS));
        MxFabric.connect(sleeper, sender);
        final MxRequest connect = sender.iconnect(sleeper.nicId(), sleeper.endpointId(), MxFabric.KEY, 0, null);
        toSleeper = fabric.await(sender, connect).source(); // progresses the sleeper, which has no thread of its own
    }

    @AfterEach
    void close()
    {
        fabric.close();
    }

    @Test
    void shouldWakeABlockedWaitWhenTheMessageArrives() throws Exception
    {
        final ByteBuffer into = ByteBuffer.allocate(8);
        final MxRequest receive = sleeper.irecv(into, 7, Mx.MATCH_MASK_NONE, null);
        final CompletableFuture<Long> sentAt = CompletableFuture.supplyAsync(() ->
        {
            sleep(SEND_AFTER_MILLIS);
            final long now = System.nanoTime();
            sender.isend(MxFabric.pattern(8, 3), toSleeper, 7, null);
            return now;
        });
        final MxStatus status = new MxStatus();

        final boolean done = sleeper.wait(receive, 20_000, status);
        final long wokenAt = System.nanoTime();

        assertTrue(done, "the wait ended without its message");
        assertEquals(MxStatusCode.SUCCESS, status.code());
        MxFabric.assertPattern(into, 0, 8, 3);
        final long lateNanos = wokenAt - sentAt.get(10, TimeUnit.SECONDS);
        assertTrue(lateNanos < PROMPT_NANOS, "woken " + TimeUnit.NANOSECONDS.toMillis(lateNanos)
            + " ms after the send: the sleeping wait did not notice the arrival");
    }

    @Test
    void shouldHandTheDriverToTheNextWaiterWhenTheSleeperIsDone() throws Exception
    {
        final MxRequest first = sleeper.irecv(ByteBuffer.allocate(8), 1, Mx.MATCH_MASK_NONE, null);
        final MxRequest second = sleeper.irecv(ByteBuffer.allocate(8), 2, Mx.MATCH_MASK_NONE, null);
        final CompletableFuture<Boolean> otherWaiter = CompletableFuture.supplyAsync(
            () -> sleeper.wait(second, 20_000, null));
        final CompletableFuture<Boolean> firstWaiter = CompletableFuture.supplyAsync(
            () -> sleeper.wait(first, 20_000, null));
        sleep(SEND_AFTER_MILLIS);
        sender.isend(MxFabric.pattern(8, 1), toSleeper, 1, null);
        assertTrue(firstWaiter.get(10, TimeUnit.SECONDS));
        sleep(SEND_AFTER_MILLIS);
        final long sentAt = System.nanoTime();

        sender.isend(MxFabric.pattern(8, 2), toSleeper, 2, null);

        assertTrue(otherWaiter.get(10, TimeUnit.SECONDS));
        final long lateNanos = System.nanoTime() - sentAt;
        assertTrue(lateNanos < PROMPT_NANOS, "the remaining waiter noticed its message only after "
            + TimeUnit.NANOSECONDS.toMillis(lateNanos) + " ms");
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
