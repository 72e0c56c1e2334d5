package xen2mx.btl.tcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A frame queued on a connection because the socket did not take it at once: a private header and a view of the
 * payload. Pooled per connection; guarded by the connection's lock.
 */
final class OutFrame
{
    final ByteBuffer header = ByteBuffer.allocateDirect(TcpFrameDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer payload;
    int payloadEnd;
    TcpSendRequest completeOnWrite;

    boolean isWritten()
    {
        return !header.hasRemaining() && (payload == null || payload.position() == payloadEnd);
    }

    void reset()
    {
        header.clear();
        payload = null;
        payloadEnd = 0;
        completeOnWrite = null;
    }
}
