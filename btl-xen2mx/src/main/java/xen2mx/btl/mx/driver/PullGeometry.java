package xen2mx.btl.mx.driver;

/**
 * How a pulled message is cut into pull reply frames, shared by the puller and the pulled side.
 *
 * <p>Frames are aligned on multiples of the reply length {@code F} in the pulled region, so a message that starts at
 * region offset {@code o} has a short first frame: with {@code ffo = o mod F},
 * <pre>
 *   start(0) = 0,   start(k) = k * F - ffo          (k &gt;= 1)
 *   end(k)   = min(length, (k + 1) * F - ffo)
 *   frames   = ceil((length + ffo) / F)
 * </pre>
 * A PULL for frames {@code [a, a + n)} says {@code frame_index = a}, {@code first_frame_offset = (a == 0 ? ffo : 0)}
 * and {@code block_length = end(a + n - 1) - start(a)}; the replier sends reply {@code a + i} with
 * {@code msg_offset = a * F - ffo + first_frame_offset} for {@code i = 0} and {@code start(a + i)} after that.
 * Open-MX senders always advertise {@code o = 0}, where every frame but the last is full.
 */
final class PullGeometry
{
    private PullGeometry()
    {
    }

    /**
     * @param length           message bytes, &gt; 0.
     * @param firstFrameOffset {@code o mod F}.
     * @param frameLength      {@code F}.
     * @return the number of frames.
     */
    static int frameCount(final long length, final int firstFrameOffset, final int frameLength)
    {
        return (int)((length + firstFrameOffset + frameLength - 1) / frameLength);
    }

    /**
     * @param frame            frame index.
     * @param firstFrameOffset {@code o mod F}.
     * @param frameLength      {@code F}.
     * @return the message offset where the frame starts.
     */
    static long frameStart(final int frame, final int firstFrameOffset, final int frameLength)
    {
        return frame == 0 ? 0 : (long)frame * frameLength - firstFrameOffset;
    }

    /**
     * @param frame            frame index.
     * @param length           message bytes.
     * @param firstFrameOffset {@code o mod F}.
     * @param frameLength      {@code F}.
     * @return the message offset where the frame ends (exclusive).
     */
    static long frameEnd(final int frame, final long length, final int firstFrameOffset, final int frameLength)
    {
        return Math.min(length, (long)(frame + 1) * frameLength - firstFrameOffset);
    }
}
