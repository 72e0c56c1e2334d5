package xen2mx.btl.mx.frontend;

import java.nio.ByteBuffer;

/**
 * A region of a guest endpoint: the user's buffers (views from position to limit at creation) and the segment range
 * the backend works on. Bytes cross between the two only when the frontend copies them: in before a RNDV announces
 * the region, out when a pull into it is done.
 */
final class FrontendRegion
{
    final ByteBuffer[] user;
    final long offset;
    final int length;
    boolean filled;

    FrontendRegion(final ByteBuffer[] user, final long offset, final int length)
    {
        this.user = user;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Copies the user's bytes into the segment range (once).
     *
     * @param segment the segment.
     */
    void fill(final ByteBuffer segment)
    {
        if (filled)
        {
            return;
        }
        int at = (int)offset;
        for (final ByteBuffer part : user)
        {
            segment.put(at, part, part.position(), part.remaining());
            at += part.remaining();
        }
        filled = true;
    }

    /**
     * Copies {@code count} bytes from the segment range back into the user's buffers.
     *
     * @param segment the segment.
     * @param count   bytes the pull wrote.
     */
    void drain(final ByteBuffer segment, final int count)
    {
        int at = (int)offset;
        int left = Math.min(count, length);
        for (final ByteBuffer part : user)
        {
            if (left <= 0)
            {
                break;
            }
            final int n = Math.min(left, part.remaining());
            part.put(part.position(), segment, at, n);
            at += n;
            left -= n;
        }
    }
}
