package xen2mx.btl.mx.pv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Futex wait and wake on a 32-bit word of a shared mapping (Linux {@code futex(2)} and {@code futex_waitv(2)} through
 * JNA direct mapping), the event channel of the paravirtual rings. Shared futexes (no {@code FUTEX_PRIVATE_FLAG}):
 * the word is in a file that two processes map, so the kernel keys it by inode and offset, not by address.
 *
 * <p>Every wait has a timeout: a lost wake-up costs at most that long, and callers recheck their rings afterwards.
 * Where {@code futex_waitv} is missing (kernels before 5.16) {@link #waitAny} sleeps out its timeout.
 */
public final class Futex
{
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int FUTEX_32 = 2;
    private static final int CLOCK_MONOTONIC = 1;
    private static final long SYS_FUTEX = Platform.isARM() ? 98 : 202;
    private static final long SYS_FUTEX_WAITV = 449;
    private static final int ENOSYS = 38;
    /** Bytes of one {@code struct futex_waitv}: u64 val, u64 uaddr, u32 flags, u32 reserved. */
    private static final int WAITV_LENGTH = 24;
    /** The kernel's limit on words per {@code futex_waitv}. */
    public static final int WAITV_MAX = 128;

    static
    {
        Native.register(Futex.class, Platform.C_LIBRARY_NAME);
    }

    private static volatile boolean waitvMissing;

    private final ByteBuffer timespec = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long timespecAddress = Pointer.nativeValue(Native.getDirectBufferPointer(timespec));
    private final ByteBuffer waitv = ByteBuffer.allocateDirect(WAITV_MAX * WAITV_LENGTH).order(ByteOrder.nativeOrder());
    private final long waitvAddress = Pointer.nativeValue(Native.getDirectBufferPointer(waitv));

    private static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /**
     * Sleeps while the word at {@code address} holds {@code expected}, at most {@code timeoutNanos}. One thread per
     * instance (the timespec is the instance's).
     *
     * @param address      address of a 4-byte aligned word in a shared mapping.
     * @param expected     the value seen before deciding to sleep.
     * @param timeoutNanos longest sleep, &gt; 0.
     */
    public void await(final long address, final int expected, final long timeoutNanos)
    {
        timespec.putLong(0, timeoutNanos / 1_000_000_000L).putLong(8, timeoutNanos % 1_000_000_000L);
        syscall(SYS_FUTEX, address, FUTEX_WAIT, expected, timespecAddress, 0, 0);
    }

    /**
     * Sleeps until one of the words changes from its expected value, is woken, or {@code timeoutNanos} passes. One
     * thread per instance.
     *
     * @param addresses    word addresses, at most {@link #WAITV_MAX}.
     * @param expected     the values seen before deciding to sleep.
     * @param count        how many words.
     * @param timeoutNanos longest sleep, &gt; 0.
     */
    public void waitAny(final long[] addresses, final int[] expected, final int count, final long timeoutNanos)
    {
        if (waitvMissing || count == 0)
        {
            sleep(timeoutNanos);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            final int at = i * WAITV_LENGTH;
            waitv.putLong(at, expected[i] & 0xFFFF_FFFFL).putLong(at + 8, addresses[i]).putInt(at + 16, FUTEX_32)
                .putInt(at + 20, 0);
        }
        final long deadline = System.nanoTime() + timeoutNanos; // futex_waitv takes an absolute CLOCK_MONOTONIC time
        timespec.putLong(0, deadline / 1_000_000_000L).putLong(8, deadline % 1_000_000_000L);
        final long result = syscall(SYS_FUTEX_WAITV, waitvAddress, count, 0, timespecAddress, CLOCK_MONOTONIC, 0);
        if (result < 0 && Native.getLastError() == ENOSYS)
        {
            waitvMissing = true;
            sleep(timeoutNanos);
        }
    }

    /**
     * Wakes every thread sleeping on the word at {@code address}, in any process.
     *
     * @param address the word.
     */
    public static void wakeAll(final long address)
    {
        syscall(SYS_FUTEX, address, FUTEX_WAKE, Integer.MAX_VALUE, 0, 0, 0);
    }

    private static void sleep(final long nanos)
    {
        java.util.concurrent.locks.LockSupport.parkNanos(nanos);
    }
}
