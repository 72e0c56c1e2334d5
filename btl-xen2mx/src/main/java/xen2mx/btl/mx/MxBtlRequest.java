package xen2mx.btl.mx;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.mx.lib.MxRequest;
import xen2mx.btl.mx.lib.MxStatus;
import xen2mx.btl.mx.lib.MxStatusCode;

/**
 * A BTL request over an MX request the module {@linkplain xen2mx.btl.mx.lib.MxEndpoint#forget forgot}: completion
 * is the MX request's done flag (an acquire read), and the BTL status is derived from the MX status once.
 */
final class MxBtlRequest implements BtlRequest
{
    final MxRequest request;
    private final MxBtl btl;
    private final int peer;
    private volatile BtlStatus status;

    /**
     * @param peer the destination rank of a send, -1 for a receive (its source comes from the MX status).
     */
    MxBtlRequest(final MxBtl btl, final MxRequest request, final int peer)
    {
        this.btl = btl;
        this.request = request;
        this.peer = peer;
    }

    /** @return true for a send. */
    boolean isSend()
    {
        return peer >= 0;
    }

    @Override
    public boolean isComplete()
    {
        return request.isDone();
    }

    @Override
    public BtlStatus status()
    {
        BtlStatus result = status;
        if (result == null && request.isDone())
        {
            result = translate(request.status());
            status = result;
        }
        return result;
    }

    private BtlStatus translate(final MxStatus mx)
    {
        final int source = peer >= 0 ? peer : btl.rankOf(mx.source());
        final MxStatusCode code = mx.code();
        switch (code)
        {
            case SUCCESS:
                return new BtlStatus(BtlStatus.SUCCESS, source, mx.matchInfo(), mx.msgLength(), mx.xferLength(), null);
            case TRUNCATED:
                return new BtlStatus(BtlStatus.TRUNCATED, source, mx.matchInfo(), mx.msgLength(), mx.xferLength(),
                    null);
            case CANCELLED:
                return BtlStatus.cancelled();
            default:
                return new BtlStatus(BtlStatus.FAILED, source, mx.matchInfo(), mx.msgLength(), 0,
                    "xen2mx: rank " + source + " (" + mx.source() + "): " + describe(code));
        }
    }

    private static String describe(final MxStatusCode code)
    {
        switch (code)
        {
            case ENDPOINT_CLOSED:
                return "its endpoint is closed";
            case BAD_SESSION:
                return "its endpoint was reopened";
            case BAD_ENDPOINT:
                return "no such endpoint";
            case ENDPOINT_UNREACHABLE:
                return "unreachable (no acknowledgement after every resend)";
            default:
                return code.name();
        }
    }

    @Override
    public String toString()
    {
        return "MxBtlRequest[" + request + "]";
    }
}
