package xen2mx.bench;

import java.util.Arrays;

/**
 * The buffers of a collective benchmark, allocated once for the largest size: bytes for {@code size} per rank on
 * {@code ranks} ranks (gather, scatter, allgather and all-to-all need all of them), floats for the reductions.
 */
public final class CollectiveBuffers
{
    private final int ranks;
    private final byte[] sendBytes;
    private final byte[] receiveBytes;
    private final float[] sendFloats;
    private final float[] receiveFloats;

    /**
     * @param largestMessage the largest message size in bytes
     * @param ranks          the number of ranks
     */
    public CollectiveBuffers(final int largestMessage, final int ranks)
    {
        if (largestMessage < 0 || (long)largestMessage * ranks > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("largestMessage " + largestMessage + " on " + ranks + " ranks");
        }
        this.ranks = ranks;
        sendBytes = new byte[largestMessage * ranks];
        receiveBytes = new byte[largestMessage * ranks];
        sendFloats = new float[largestMessage / Float.BYTES];
        receiveFloats = new float[largestMessage / Float.BYTES];
    }

    /** Fills the send buffers as OMB does ({@code 'a'} bytes, floats of 1.0) and clears the receive buffers. */
    public void prepare()
    {
        Arrays.fill(sendBytes, (byte)'a');
        Arrays.fill(receiveBytes, (byte)0);
        Arrays.fill(sendFloats, 1.0f);
        Arrays.fill(receiveFloats, 0.0f);
    }

    byte[] sendBytes()
    {
        return sendBytes;
    }

    byte[] receiveBytes()
    {
        return receiveBytes;
    }

    float[] sendFloats()
    {
        return sendFloats;
    }

    float[] receiveFloats()
    {
        return receiveFloats;
    }

    /**
     * @param size the message size in bytes
     * @return per rank, its share of {@code size / 4} floats: equal shares, the first ranks one more
     */
    int[] reduceScatterCounts(final int size)
    {
        final int floats = size / Float.BYTES;
        final int[] counts = new int[ranks];
        for (int r = 0; r < ranks; r++)
        {
            counts[r] = floats / ranks + (r < floats % ranks ? 1 : 0);
        }
        return counts;
    }
}
