package xen2mx.bench;

import java.util.Arrays;

/**
 * The bytes {@code -c} checks: before each iteration the sender fills its buffer with a pattern that depends on the
 * iteration and on the sending rank, the receiver clears its buffer, and after the receive every byte is compared.
 * A stale buffer, a message from the wrong sender or iteration, or a torn copy is counted as errors.
 * <pre>
 *   byte j of iteration i from rank r = (j + 7 i + 31 r + 1) mod 256
 * </pre>
 */
public final class DataPattern
{
    private DataPattern()
    {
    }

    /**
     * @param buffer    the send buffer
     * @param size      bytes to fill
     * @param iteration the iteration number
     * @param rank      the sending rank
     */
    public static void fill(final byte[] buffer, final int size, final int iteration, final int rank)
    {
        final int base = 7 * iteration + 31 * rank + 1;
        for (int j = 0; j < size; j++)
        {
            buffer[j] = (byte)(j + base);
        }
    }

    /**
     * @param buffer the receive buffer
     * @param size   bytes to clear
     */
    public static void clear(final byte[] buffer, final int size)
    {
        Arrays.fill(buffer, 0, size, (byte)0);
    }

    /**
     * @param buffer    the receive buffer after the receive
     * @param size      bytes received
     * @param iteration the iteration number
     * @param sender    the rank that sent them
     * @return the number of bytes that differ from the pattern
     */
    public static int errors(final byte[] buffer, final int size, final int iteration, final int sender)
    {
        final int base = 7 * iteration + 31 * sender + 1;
        int errors = 0;
        for (int j = 0; j < size; j++)
        {
            if (buffer[j] != (byte)(j + base))
            {
                errors++;
            }
        }
        return errors;
    }

    /**
     * @param errors the error count of all ranks
     * @return OMB's {@code VALIDATION_STATUS}: {@code "Pass"} or {@code "Failed"}
     */
    public static String status(final long errors)
    {
        return errors > 0 ? "Failed" : "Pass";
    }
}
