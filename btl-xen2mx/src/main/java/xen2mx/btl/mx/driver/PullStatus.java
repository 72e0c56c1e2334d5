package xen2mx.btl.mx.driver;

/**
 * Status codes of {@link EventType#PULL_DONE} (Open-MX's values). The MX status a library derives from them:
 * BAD_ENDPT -&gt; BAD_ENDPOINT, ENDPT_CLOSED -&gt; ENDPOINT_CLOSED, BAD_SESSION -&gt; BAD_SESSION,
 * BAD_RDMAWIN -&gt; BAD_RDMAWIN, ABORTED -&gt; ABORTED, TIMEOUT -&gt; ENDPOINT_UNREACHABLE.
 */
public final class PullStatus
{
    /** Every requested byte arrived in the puller's region. */
    public static final int SUCCESS = 0;
    /** The pulled side answered NACK_MCP BAD_ENDPT. */
    public static final int BAD_ENDPT = 1;
    /** The pulled side answered NACK_MCP ENDPT_CLOSED. */
    public static final int ENDPT_CLOSED = 2;
    /** The pulled side answered NACK_MCP BAD_SESSION. */
    public static final int BAD_SESSION = 3;
    /** The pulled side answered NACK_MCP BAD_RDMAWIN (its region does not exist). */
    public static final int BAD_RDMAWIN = 4;
    /** The pull was abandoned locally (its region was destroyed). */
    public static final int ABORTED = 5;
    /** The pull's deadline passed before every reply arrived. */
    public static final int TIMEOUT = 6;

    private PullStatus()
    {
    }

    /**
     * @param status a code.
     * @return its name, for logs.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case SUCCESS:
                return "SUCCESS";
            case BAD_ENDPT:
                return "BAD_ENDPT";
            case ENDPT_CLOSED:
                return "ENDPT_CLOSED";
            case BAD_SESSION:
                return "BAD_SESSION";
            case BAD_RDMAWIN:
                return "BAD_RDMAWIN";
            case ABORTED:
                return "ABORTED";
            case TIMEOUT:
                return "TIMEOUT";
            default:
                return "UNKNOWN(" + status + ")";
        }
    }
}
