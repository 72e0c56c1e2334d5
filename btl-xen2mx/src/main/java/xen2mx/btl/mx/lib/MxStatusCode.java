package xen2mx.btl.mx.lib;

/**
 * Completion codes of a request ({@code mx_status_code_t}), with the numeric values of {@code myriexpress.h}.
 * A truncated receive completes with {@link #TRUNCATED}: it is a status, not an error.
 */
public enum MxStatusCode
{
    /** The request completed normally. */
    SUCCESS(0),
    /** Not complete yet. */
    PENDING(1),
    /** A send whose data has been copied. */
    BUFFERED(2),
    /** Refused by the peer. */
    REJECTED(3),
    /** No answer in time (a connect, or a request whose timeout expired). */
    TIMEOUT(4),
    /** The message was longer than the receive buffer; {@code xferLength < msgLength}. */
    TRUNCATED(5),
    /** Cancelled by the application. */
    CANCELLED(6),
    /** The peer endpoint is unknown. */
    ENDPOINT_UNKNOWN(7),
    /** The peer endpoint is closed (a NACK said so). */
    ENDPOINT_CLOSED(8),
    /** The peer did not acknowledge after every resend, or was disconnected locally. */
    ENDPOINT_UNREACHABLE(9),
    /** The peer endpoint was reopened: its session changed. */
    BAD_SESSION(10),
    /** The peer endpoint refused the connection key. */
    BAD_KEY(11),
    /** The peer endpoint id does not exist. */
    BAD_ENDPOINT(12),
    /** The peer's RDMA window (region) is invalid. */
    BAD_RDMAWIN(13),
    /** The transfer was aborted. */
    ABORTED(14),
    /** Internal: an event queue overflowed. */
    EVENTQ_FULL(15),
    /** Out of resources. */
    NO_RESOURCES(16);

    private final int value;

    MxStatusCode(final int value)
    {
        this.value = value;
    }

    /** @return the value of the constant in {@code myriexpress.h}. */
    public int value()
    {
        return value;
    }

    /** @return true for {@link #SUCCESS} and {@link #TRUNCATED}: the message was delivered. */
    public boolean delivered()
    {
        return this == SUCCESS || this == TRUNCATED;
    }
}
