package xen2mx.btl.mx.lib;

/** A connect in flight ({@code mx_iconnect}), resent until a reply comes or its deadline passes. */
final class ConnectRequest extends MxRequest
{
    final int key;
    final int connectSeq;
    final long deadlineNanos;
    long lastSendNanos;

    ConnectRequest(
        final MxEndpoint endpoint,
        final Partner partner,
        final int key,
        final int connectSeq,
        final long matchInfo,
        final long deadlineNanos,
        final Object context)
    {
        super(endpoint, context);
        this.partner = partner;
        this.key = key;
        this.connectSeq = connectSeq;
        this.deadlineNanos = deadlineNanos;
        status.matchInfo(matchInfo);
    }

    @Override
    String type()
    {
        return "connect";
    }
}
