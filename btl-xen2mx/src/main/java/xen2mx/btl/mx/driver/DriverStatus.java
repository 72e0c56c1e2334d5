package xen2mx.btl.mx.driver;

/**
 * Result of a driver command. Commands do not throw for these: they return the status, so the hot path allocates
 * nothing and the paravirtual frontend can carry the result back in a ring slot ({@link #code()}).
 *
 * <p>Only {@link #SUCCESS} means the command was taken. Every other status means nothing was sent and no event
 * will follow for this command.
 */
public enum DriverStatus
{
    /** The command was taken: its frames were built and handed to the link (which may still lose them). */
    SUCCESS(0),
    /** The endpoint (or the driver) is closed. */
    CLOSED(1),
    /** No such board. */
    BAD_BOARD(2),
    /** Endpoint index out of range (own or destination). */
    BAD_ENDPOINT(3),
    /** The endpoint index is already open, or no index is free. */
    BUSY(4),
    /** The peer index is not in the peer table. */
    BAD_PEER(5),
    /** A length is out of range for the command (payload class, fragment, message, region bounds). */
    BAD_LENGTH(6),
    /** Another parameter is out of range (send queue offset, fragment index, status code, ...). */
    BAD_PARAMETER(7),
    /** The region id is out of range, not created, or already created. */
    BAD_REGION(8),
    /**
     * No room right now for the event this command must produce later (expected event queue) or for its state (pull
     * handles). Retry after polling events; Open-MX's library parks such requests in its "need resources" queue.
     */
    NO_RESOURCES(9);

    private static final DriverStatus[] BY_CODE = values();

    private final int code;

    DriverStatus(final int code)
    {
        this.code = code;
    }

    /** @return the stable numeric code, for rings and logs. */
    public int code()
    {
        return code;
    }

    /**
     * @param code a value of {@link #code()}.
     * @return the status, or null if the code is unknown.
     */
    public static DriverStatus fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
