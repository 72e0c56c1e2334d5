package xen2mx.btl;

/**
 * The outcome of a receive, send or probe (MX's {@code mx_status_t}).
 *
 * @param code           {@link #SUCCESS}, {@link #TRUNCATED}, {@link #CANCELLED} or {@link #FAILED}.
 * @param source         world rank of the sender (for sends: the destination).
 * @param matchInfo      the message's match info.
 * @param messageLength  bytes the sender sent.
 * @param transferLength bytes actually placed in the receive buffer.
 * @param errorMessage   what went wrong when {@code code == FAILED}, else null.
 */
public record BtlStatus(int code, int source, long matchInfo, long messageLength, long transferLength,
    String errorMessage)
{
    public static final int SUCCESS = 0;
    public static final int TRUNCATED = 1;
    public static final int CANCELLED = 2;
    public static final int FAILED = 3;

    public static BtlStatus success(final int source, final long matchInfo, final long length)
    {
        return new BtlStatus(SUCCESS, source, matchInfo, length, length, null);
    }

    public static BtlStatus cancelled()
    {
        return new BtlStatus(CANCELLED, -1, 0, 0, 0, null);
    }

    public static BtlStatus failed(final int source, final String message)
    {
        return new BtlStatus(FAILED, source, 0, 0, 0, message);
    }

    public boolean isCancelled()
    {
        return code == CANCELLED;
    }

    public boolean isTruncated()
    {
        return code == TRUNCATED;
    }
}
