package xen2mx.btl.mx.pv;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped buffer at once ({@code sun.misc.Unsafe.invokeCleaner}, exported by {@code jdk.unsupported} to every
 * module), instead of when the collector finds it: the backend detaches guests for as long as it runs, and their
 * gigabyte segments must not stay mapped. The caller guarantees no thread touches the buffer any more.
 */
final class Unmapper
{
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static
    {
        Object unsafe = null;
        Method cleaner = null;
        try
        {
            final Class<?> type = Class.forName("sun.misc.Unsafe");
            final Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            unsafe = null; // left to the collector
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private Unmapper()
    {
    }

    static void unmap(final MappedByteBuffer mapping)
    {
        if (INVOKE_CLEANER == null)
        {
            return;
        }
        try
        {
            INVOKE_CLEANER.invoke(UNSAFE, mapping);
        }
        catch (final ReflectiveOperationException ex)
        {
            // left to the collector
        }
    }
}
