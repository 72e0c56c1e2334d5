package xen2mx.btl.mx.pv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FutexTest
{
    private final SharedBuffer word = new SharedBuffer(ByteBuffer.allocateDirect(64));

    @Test
    void shouldWakeASleeperOnOneWordLongBeforeItsTimeout() throws Exception
    {
        final long[] slept = new long[1];
        final Thread sleeper = new Thread(() ->
        {
            final long start = System.nanoTime();
            new Futex().await(word.address(), 0, TimeUnit.SECONDS.toNanos(5));
            slept[0] = System.nanoTime() - start;
        });
        sleeper.start();
        Thread.sleep(50);
        word.getAndAddInt(0, 1);
        Futex.wakeAll(word.address());
        sleeper.join();
        assertTrue(slept[0] >= TimeUnit.MILLISECONDS.toNanos(40) && slept[0] < TimeUnit.SECONDS.toNanos(2),
            "slept " + slept[0] / 1000 + " us");
    }

    @Test
    void shouldWakeASleeperOnAnyOfSeveralWords() throws Exception
    {
        final long[] slept = new long[1];
        final Thread sleeper = new Thread(() ->
        {
            final long start = System.nanoTime();
            new Futex().waitAny(new long[] {word.address(), word.address() + 8}, new int[] {0, 0}, 2,
                TimeUnit.SECONDS.toNanos(5));
            slept[0] = System.nanoTime() - start;
        });
        sleeper.start();
        Thread.sleep(50);
        word.getAndAddInt(8, 1);
        Futex.wakeAll(word.address() + 8);
        sleeper.join();
        assertTrue(slept[0] >= TimeUnit.MILLISECONDS.toNanos(40) && slept[0] < TimeUnit.SECONDS.toNanos(2),
            "slept " + slept[0] / 1000 + " us");
    }

    @Test
    void shouldSleepOutTheTimeoutWhenNobodyWakes()
    {
        final long start = System.nanoTime();
        new Futex().waitAny(new long[] {word.address()}, new int[] {0}, 1, TimeUnit.MILLISECONDS.toNanos(100));
        final long slept = System.nanoTime() - start;
        assertTrue(slept >= TimeUnit.MILLISECONDS.toNanos(90), "slept " + slept / 1000 + " us");
    }
}
