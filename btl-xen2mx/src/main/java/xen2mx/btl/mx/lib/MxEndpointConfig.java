package xen2mx.btl.mx.lib;

import java.util.concurrent.TimeUnit;

/**
 * Tunables of an {@link MxEndpoint} (Open-MX's environment variables), with validated defaults: set what you need,
 * then {@link #conclude()}.
 *
 * <p>Defaults differ from Open-MX's where its values come from kernel timer granularity: resends after 50 ms instead
 * of 500 ms and delayed acks after 2 ms instead of about 16 ms, so a lost frame on a fast link costs milliseconds
 * rather than half a second. The ratios (immediate ack after 4 messages, 1000 resends before giving up, rendezvous
 * at 32 KiB) are Open-MX's.
 */
public final class MxEndpointConfig
{
    /** Default delay before an unacknowledged message is sent again. */
    public static final long RESEND_DELAY_DEFAULT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Default number of resends before the peer is declared unreachable (Open-MX's {@code OMX_RESENDS_MAX}). */
    public static final int RESENDS_MAX_DEFAULT = 1000;
    /** Default delay of a standalone ack when fewer than {@link #ACK_IMMEDIATE_DEFAULT} messages are owed. */
    public static final long ACK_DELAY_DEFAULT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Messages received and not acknowledged that trigger an ack at once (Open-MX's {@code OMX_NOTACKED_MAX}). */
    public static final int ACK_IMMEDIATE_DEFAULT = 4;
    /** Messages above this many bytes go by rendezvous (Open-MX's {@code OMX_RNDV_THRESHOLD} default). */
    public static final int RNDV_THRESHOLD_DEFAULT = 32 * 1024;
    /** How long a blocking call polls before it sleeps. */
    public static final long SPIN_DEFAULT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * How long the application must leave the endpoint alone before the background thread progresses it: well above
     * the millisecond-long preemptions of a busy two-core host (JIT compiler threads, other processes), which it must
     * not mistake for a computing application and then contend with for the lock and the cores, and well below the
     * resend delay.
     */
    public static final long BACKGROUND_GRACE_DEFAULT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private long resendDelayNanos = RESEND_DELAY_DEFAULT_NANOS;
    private int resendsMax = RESENDS_MAX_DEFAULT;
    private long ackDelayNanos = ACK_DELAY_DEFAULT_NANOS;
    private int ackImmediate = ACK_IMMEDIATE_DEFAULT;
    private int rndvThreshold = RNDV_THRESHOLD_DEFAULT;
    private long spinNanos = SPIN_DEFAULT_NANOS;
    private long parkNanos = TimeUnit.MILLISECONDS.toNanos(1);
    private boolean progressThread = true;
    private long backgroundGraceNanos = BACKGROUND_GRACE_DEFAULT_NANOS;
    private long backgroundSleepMaxNanos = TimeUnit.MILLISECONDS.toNanos(1);
    private int eventsPerPoll = 64;
    private boolean selfPath = true;
    private int contextIdBits;
    private int contextIdShift;
    private ContextIds contextIds = ContextIds.NONE;
    private boolean concluded;

    public MxEndpointConfig resendDelayNanos(final long value)
    {
        resendDelayNanos = value;
        return this;
    }

    public MxEndpointConfig resendsMax(final int value)
    {
        resendsMax = value;
        return this;
    }

    public MxEndpointConfig ackDelayNanos(final long value)
    {
        ackDelayNanos = value;
        return this;
    }

    public MxEndpointConfig ackImmediate(final int value)
    {
        ackImmediate = value;
        return this;
    }

    /** @param value rendezvous threshold in bytes; clamped at open to the board's longest medium message. */
    public MxEndpointConfig rndvThreshold(final int value)
    {
        rndvThreshold = value;
        return this;
    }

    public MxEndpointConfig spinNanos(final long value)
    {
        spinNanos = value;
        return this;
    }

    public MxEndpointConfig parkNanos(final long value)
    {
        parkNanos = value;
        return this;
    }

    /** @param value true (default) to progress in the background when the application has not for a while. */
    public MxEndpointConfig progressThread(final boolean value)
    {
        progressThread = value;
        return this;
    }

    /** @param value how long the application must leave the endpoint alone before the background thread polls. */
    public MxEndpointConfig backgroundGraceNanos(final long value)
    {
        backgroundGraceNanos = value;
        return this;
    }

    /** @param value longest sleep of the idle background thread between polls. */
    public MxEndpointConfig backgroundSleepMaxNanos(final long value)
    {
        backgroundSleepMaxNanos = value;
        return this;
    }

    public MxEndpointConfig eventsPerPoll(final int value)
    {
        eventsPerPoll = value;
        return this;
    }

    /** @param value false to send to oneself through the driver, like any peer (Open-MX's {@code OMX_DISABLE_SELF}). */
    public MxEndpointConfig selfPath(final boolean value)
    {
        selfPath = value;
        return this;
    }

    /**
     * Turns on MX context ids ({@code MX_PARAM_CONTEXT_ID}): bits {@code shift .. shift+bits-1} of the match info name
     * a context with its own matching queues; receives, probes and {@code test_any} must then specify the whole field.
     *
     * @param bits  {@code 0} (off, the default) to {@code 16}.
     * @param shift the field's lowest bit.
     */
    public MxEndpointConfig contextIds(final int bits, final int shift)
    {
        contextIdBits = bits;
        contextIdShift = shift;
        return this;
    }

    /**
     * Validates every value.
     *
     * @return this, now read-only.
     * @throws MxException {@link MxReturn#BAD_PARAM_VAL} naming the first bad value.
     */
    public MxEndpointConfig conclude()
    {
        check(resendDelayNanos > 0, "resendDelayNanos", resendDelayNanos);
        check(resendsMax > 0, "resendsMax", resendsMax);
        check(ackDelayNanos > 0 && ackDelayNanos < resendDelayNanos, "ackDelayNanos (must be below the resend delay)",
            ackDelayNanos);
        check(ackImmediate >= 1, "ackImmediate", ackImmediate);
        check(rndvThreshold >= Mx.SMALL_MAX, "rndvThreshold", rndvThreshold);
        check(spinNanos >= 0, "spinNanos", spinNanos);
        check(parkNanos > 0, "parkNanos", parkNanos);
        check(backgroundGraceNanos >= 0, "backgroundGraceNanos", backgroundGraceNanos);
        check(backgroundSleepMaxNanos > 0, "backgroundSleepMaxNanos", backgroundSleepMaxNanos);
        check(eventsPerPoll >= 1, "eventsPerPoll", eventsPerPoll);
        contextIds = ContextIds.of(contextIdBits, contextIdShift);
        concluded = true;
        return this;
    }

    private static void check(final boolean ok, final String name, final long value)
    {
        if (!ok)
        {
            throw new MxException(MxReturn.BAD_PARAM_VAL, name + " = " + value);
        }
    }

    boolean concluded()
    {
        return concluded;
    }

    long resendDelayNanos()
    {
        return resendDelayNanos;
    }

    int resendsMax()
    {
        return resendsMax;
    }

    long ackDelayNanos()
    {
        return ackDelayNanos;
    }

    int ackImmediate()
    {
        return ackImmediate;
    }

    int rndvThreshold()
    {
        return rndvThreshold;
    }

    long spinNanos()
    {
        return spinNanos;
    }

    long parkNanos()
    {
        return parkNanos;
    }

    boolean progressThread()
    {
        return progressThread;
    }

    long backgroundGraceNanos()
    {
        return backgroundGraceNanos;
    }

    long backgroundSleepMaxNanos()
    {
        return backgroundSleepMaxNanos;
    }

    int eventsPerPoll()
    {
        return eventsPerPoll;
    }

    boolean selfPath()
    {
        return selfPath;
    }

    ContextIds contextIds()
    {
        return contextIds;
    }

    @Override
    public String toString()
    {
        return "MxEndpointConfig{resendDelay=" + resendDelayNanos + "ns, resendsMax=" + resendsMax + ", ackDelay="
            + ackDelayNanos + "ns, ackImmediate=" + ackImmediate + ", rndvThreshold=" + rndvThreshold
            + ", progressThread=" + progressThread + ", selfPath=" + selfPath + ", contextIds=" + contextIds + '}';
    }
}
