package xen2mx.btl.mx.driver;

/**
 * Types of {@link DriverEvent}, with Open-MX's event type codes. "Unexpected" events report frames that arrived;
 * "expected" events complete commands the library issued.
 */
public enum EventType
{
    /** Unexpected: a CONNECT request arrived. */
    RECV_CONNECT_REQUEST(0x11, false),
    /** Unexpected: a CONNECT reply arrived. */
    RECV_CONNECT_REPLY(0x12, false),
    /** Unexpected: a TINY message arrived, payload inline. */
    RECV_TINY(0x13, false),
    /** Unexpected: a SMALL message arrived. */
    RECV_SMALL(0x14, false),
    /** Unexpected: one MEDIUM fragment arrived. */
    RECV_MEDIUM_FRAG(0x15, false),
    /** Unexpected: a RNDV (large message announcement) arrived. */
    RECV_RNDV(0x16, false),
    /** Unexpected: a NOTIFY (the receiver finished pulling our large message) arrived. */
    RECV_NOTIFY(0x17, false),
    /** Unexpected: a TRUC library ack arrived. */
    RECV_LIBACK(0x18, false),
    /** Unexpected: a NACK_LIB arrived: a peer refused one of our messages. */
    RECV_NACK_LIB(0x19, false),
    /** Expected: the driver no longer reads a medium fragment's send queue bytes. */
    SEND_MEDIUMSQ_FRAG_DONE(0x20, true),
    /** Expected: a pull finished (successfully or not). */
    PULL_DONE(0x21, true);

    private static final EventType[] BY_CODE = new EventType[0x22];

    static
    {
        for (final EventType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean expected;

    EventType(final int code, final boolean expected)
    {
        this.code = code;
        this.expected = expected;
    }

    /** @return Open-MX's event type code. */
    public int code()
    {
        return code;
    }

    /** @return true for expected events (completions of commands), false for received frames. */
    public boolean expected()
    {
        return expected;
    }

    /**
     * @param code an event type code.
     * @return the type, or null if unknown.
     */
    public static EventType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
