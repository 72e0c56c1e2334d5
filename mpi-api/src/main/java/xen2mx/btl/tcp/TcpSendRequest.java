package xen2mx.btl.tcp;

import java.nio.ByteBuffer;

import xen2mx.btl.BtlStatus;
import xen2mx.btl.match.AbstractRequest;

/**
 * A send over a tcp connection. Completes when its bytes are copied into the connection's staging buffer or the
 * kernel (eager), when the ACK arrives (synchronous eager), or when the data after the CTS is staged or in the kernel
 * (rendezvous); fails when the connection fails first.
 */
final class TcpSendRequest extends AbstractRequest
{
    final int destination;
    final long matchInfo;
    final ByteBuffer payload;
    final int offset;
    final int length;

    TcpSendRequest(final int destination, final long matchInfo, final ByteBuffer payload)
    {
        this.destination = destination;
        this.matchInfo = matchInfo;
        this.payload = payload;
        this.offset = payload.position();
        this.length = payload.remaining();
    }

    void completeSent()
    {
        complete(BtlStatus.success(destination, matchInfo, length));
    }

    void fail(final String message)
    {
        complete(new BtlStatus(BtlStatus.FAILED, destination, matchInfo, length, 0, message));
    }
}
