package xen2mx.btl.mx.lib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The endpoint's {@link MxCounter} values, one 64-bit slot per id at byte offset {@code id * 8} of a buffer: the
 * driver's statistics area when it publishes one (tools then read them live, see {@link EndpointStatistics}), else
 * a private buffer. Written under the endpoint lock (release stores), readable from any thread (acquire loads).
 */
final class Counters
{
    /** Bytes the counters take at the start of the buffer. */
    static final int LENGTH = EndpointStatistics.COUNTER_SLOTS * Long.BYTES;

    private static final VarHandle SLOT = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer buffer;

    /** @param area at least {@link #LENGTH} bytes from index 0, 8-byte aligned; null for a private buffer. */
    Counters(final ByteBuffer area)
    {
        this.buffer = area != null ? area : ByteBuffer.allocateDirect(LENGTH);
    }

    void increment(final MxCounter counter)
    {
        final int offset = counter.id() * Long.BYTES;
        SLOT.setRelease(buffer, offset, (long)SLOT.get(buffer, offset) + 1); // single writer: the lock holder
    }

    long get(final MxCounter counter)
    {
        return (long)SLOT.getAcquire(buffer, counter.id() * Long.BYTES); // pairs with setRelease in increment
    }
}
