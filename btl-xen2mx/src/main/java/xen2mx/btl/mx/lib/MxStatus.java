package xen2mx.btl.mx.lib;

/**
 * The outcome of a request ({@code mx_status_t}): a mutable holder the caller owns and the library fills, so that
 * testing requests allocates nothing.
 *
 * <p>For receives {@link #source()} is the sender; for sends it is the destination; for connects it is the new
 * address. {@link #xferLength()} is the number of bytes actually moved: {@code min(msgLength, receive buffer)} for a
 * receive; for a large send, the length the receiver pulled.
 */
public final class MxStatus
{
    private MxStatusCode code = MxStatusCode.PENDING;
    private MxEndpointAddress source;
    private long matchInfo;
    private long msgLength;
    private long xferLength;
    private Object context;

    /** @return the completion code. */
    public MxStatusCode code()
    {
        return code;
    }

    /** @return the peer: sender of a receive, destination of a send, new address of a connect; may be null. */
    public MxEndpointAddress source()
    {
        return source;
    }

    /** @return the message's 64-bit match info (the sender's). */
    public long matchInfo()
    {
        return matchInfo;
    }

    /** @return bytes the sender sent. */
    public long msgLength()
    {
        return msgLength;
    }

    /** @return bytes actually moved. */
    public long xferLength()
    {
        return xferLength;
    }

    /** @return the context given when the request was posted. */
    public Object context()
    {
        return context;
    }

    /** Copies every field of {@code other} into this holder. */
    public void copyFrom(final MxStatus other)
    {
        set(other.code, other.source, other.matchInfo, other.msgLength, other.xferLength, other.context);
    }

    void set(
        final MxStatusCode code,
        final MxEndpointAddress source,
        final long matchInfo,
        final long msgLength,
        final long xferLength,
        final Object context)
    {
        this.code = code;
        this.source = source;
        this.matchInfo = matchInfo;
        this.msgLength = msgLength;
        this.xferLength = xferLength;
        this.context = context;
    }

    void code(final MxStatusCode code)
    {
        this.code = code;
    }

    void source(final MxEndpointAddress source)
    {
        this.source = source;
    }

    void lengths(final long msgLength, final long xferLength)
    {
        this.msgLength = msgLength;
        this.xferLength = xferLength;
    }

    void matchInfo(final long matchInfo)
    {
        this.matchInfo = matchInfo;
    }

    void context(final Object context)
    {
        this.context = context;
    }

    @Override
    public String toString()
    {
        return "MxStatus[" + code + " source=" + source + " match=0x" + Long.toHexString(matchInfo) + " msg="
            + msgLength + " xfer=" + xferLength + "]";
    }
}
