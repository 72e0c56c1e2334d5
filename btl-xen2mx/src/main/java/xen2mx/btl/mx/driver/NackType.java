package xen2mx.btl.mx.driver;

/**
 * NACK subtypes on the wire ({@code nack_type} of NACK_LIB and NACK_MCP) and in {@link EventType#RECV_NACK_LIB}
 * events. Codes are fixed by the wire protocol.
 */
public final class NackType
{
    /** The destination endpoint index is out of range on the receiving board. */
    public static final int BAD_ENDPT = 1;
    /** The destination endpoint is not open. */
    public static final int ENDPT_CLOSED = 2;
    /** The session id in the frame is not the destination endpoint's current session. */
    public static final int BAD_SESSION = 3;
    /** NACK_MCP only: the pulled region does not exist. */
    public static final int BAD_RDMAWIN = 4;

    private NackType()
    {
    }

    /**
     * @param nackType a code.
     * @return its name, for logs.
     */
    public static String name(final int nackType)
    {
        switch (nackType)
        {
            case BAD_ENDPT:
                return "BAD_ENDPT";
            case ENDPT_CLOSED:
                return "ENDPT_CLOSED";
            case BAD_SESSION:
                return "BAD_SESSION";
            case BAD_RDMAWIN:
                return "BAD_RDMAWIN";
            default:
                return "UNKNOWN(" + nackType + ")";
        }
    }
}
