package xen2mx.btl.mx.driver;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Configuration of a driver core and of the {@link NativeDriver} around it. Set what you need, then
 * {@link #conclude()} validates ranges and fills defaults; system properties (names below) override defaults, not
 * values set explicitly.
 *
 * <pre>
 *   new DriverContext().wireCompat(false).threadingMode(ThreadingMode.DEDICATED).conclude();
 * </pre>
 */
public final class DriverContext
{
    /** Property: {@code true} for the MX-wire-compatible layout. */
    public static final String WIRE_COMPAT_PROP_NAME = "xen2mx.mx.driver.wire.compat";
    /** Property: endpoints per board. */
    public static final String ENDPOINT_MAX_PROP_NAME = "xen2mx.mx.driver.endpoint.max";
    /** Property: peer table size. */
    public static final String PEER_MAX_PROP_NAME = "xen2mx.mx.driver.peer.max";
    /** Property: slots of each event, send and receive queue (power of two). */
    public static final String QUEUE_SLOTS_PROP_NAME = "xen2mx.mx.driver.queue.slots";
    /** Property: {@code INVOKER} or {@code DEDICATED}. */
    public static final String THREADING_MODE_PROP_NAME = "xen2mx.mx.driver.threading";
    /** Property: pull retransmission period in milliseconds. */
    public static final String PULL_RETRANSMIT_MS_PROP_NAME = "xen2mx.mx.driver.pull.retransmit.ms";
    /** Property: {@code false} to drop, not NACK, frames for endpoints this process never opened. */
    public static final String NACK_UNKNOWN_ENDPOINTS_PROP_NAME = "xen2mx.mx.driver.nack.unknown.endpoints";

    /** Open-MX's pull retransmission period: 1 s. */
    public static final long PULL_RETRANSMIT_NANOS_DEFAULT = 1_000_000_000L;
    /** Open-MX's default pull deadline: resend delay (0.5 s) times resends max (1000). */
    public static final long PULL_TIMEOUT_NANOS_DEFAULT = 500_000_000_000L;
    /** Frames taken from the link per duty cycle. */
    public static final int RECEIVE_BATCH_DEFAULT = 64;

    private Boolean wireCompat;
    private int endpointMax;
    private int peerMax;
    private int queueSlots;
    private ThreadingMode threadingMode;
    private long pullRetransmitNanos;
    private long pullTimeoutNanos;
    private int receiveBatch;
    private Boolean nackUnknownEndpoints;
    private LongSupplier nanoClock;
    private Consumer<Throwable> errorHandler;
    private long sessionSeed;
    private boolean sessionSeedSet;
    private String hostname;
    private java.nio.ByteBuffer countersBuffer;
    private java.nio.file.Path countersDirectory;
    private boolean concluded;

    /**
     * @param value true for the MX-wire-compatible layout (default false).
     * @return this.
     */
    public DriverContext wireCompat(final boolean value)
    {
        wireCompat = value;
        return this;
    }

    /**
     * @param value endpoints per board, 1..256 (default 32).
     * @return this.
     */
    public DriverContext endpointMax(final int value)
    {
        endpointMax = value;
        return this;
    }

    /**
     * @param value peer table size, 1..65535 (default 1024).
     * @return this.
     */
    public DriverContext peerMax(final int value)
    {
        peerMax = value;
        return this;
    }

    /**
     * @param value slots per queue, power of two 16..65536 (default 1024).
     * @return this.
     */
    public DriverContext queueSlots(final int value)
    {
        queueSlots = value;
        return this;
    }

    /**
     * @param value who drives the native driver (default {@link ThreadingMode#DEDICATED}).
     * @return this.
     */
    public DriverContext threadingMode(final ThreadingMode value)
    {
        threadingMode = value;
        return this;
    }

    /**
     * @param value period after which missing pull replies are requested again (default 1 s).
     * @return this.
     */
    public DriverContext pullRetransmitNanos(final long value)
    {
        pullRetransmitNanos = value;
        return this;
    }

    /**
     * @param value deadline of a pull whose command gives none (default 500 s).
     * @return this.
     */
    public DriverContext pullTimeoutNanos(final long value)
    {
        pullTimeoutNanos = value;
        return this;
    }

    /**
     * @param value frames taken from the link per duty cycle (default 64).
     * @return this.
     */
    public DriverContext receiveBatch(final int value)
    {
        receiveBatch = value;
        return this;
    }

    /**
     * Whether a frame for an endpoint index that is not open is answered with NACK_LIB (Open-MX, where one driver
     * owns every endpoint of the interface: the default) or silently dropped (several processes each running a native
     * driver on one interface, where the endpoint may belong to another process).
     *
     * @param value true to NACK.
     * @return this.
     */
    public DriverContext nackUnknownEndpoints(final boolean value)
    {
        nackUnknownEndpoints = value;
        return this;
    }

    /**
     * @param value the clock of timers (default {@link System#nanoTime()}); tests may supply their own.
     * @return this.
     */
    public DriverContext nanoClock(final LongSupplier value)
    {
        nanoClock = value;
        return this;
    }

    /**
     * @param value receives errors caught in the duty cycle (default: print to standard error).
     * @return this.
     */
    public DriverContext errorHandler(final Consumer<Throwable> value)
    {
        errorHandler = value;
        return this;
    }

    /**
     * @param value seed of the session id generator (default: from {@link java.security.SecureRandom}); for
     *              reproducible tests.
     * @return this.
     */
    public DriverContext sessionSeed(final long value)
    {
        sessionSeed = value;
        sessionSeedSet = true;
        return this;
    }

    /**
     * @param value the host name answered to HOST_QUERY (default: the local host name).
     * @return this.
     */
    public DriverContext hostname(final String value)
    {
        hostname = value;
        return this;
    }

    /**
     * @param value memory for the counters, at least {@link DriverCounters#LENGTH} bytes (e.g. a mapped file that a
     *              tool reads while the driver runs); default: a private direct buffer.
     * @return this.
     */
    public DriverContext countersBuffer(final java.nio.ByteBuffer value)
    {
        countersBuffer = value;
        return this;
    }

    /**
     * @param value where the {@link NativeDriver} publishes live counters files of itself and its endpoints
     *              ({@link CountersFile}), for the {@code info} tool; default none.
     * @return this.
     */
    public DriverContext countersDirectory(final java.nio.file.Path value)
    {
        countersDirectory = value;
        return this;
    }

    /**
     * Validates and fills defaults. Idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException if a value is out of range.
     */
    public DriverContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (wireCompat == null)
        {
            wireCompat = Boolean.getBoolean(WIRE_COMPAT_PROP_NAME);
        }
        if (endpointMax == 0)
        {
            endpointMax = Integer.getInteger(ENDPOINT_MAX_PROP_NAME, DriverLimits.DEFAULT_ENDPOINT_MAX);
        }
        if (peerMax == 0)
        {
            peerMax = Integer.getInteger(PEER_MAX_PROP_NAME, DriverLimits.DEFAULT_PEER_MAX);
        }
        if (queueSlots == 0)
        {
            queueSlots = Integer.getInteger(QUEUE_SLOTS_PROP_NAME, DriverLimits.DEFAULT_QUEUE_SLOTS);
        }
        if (threadingMode == null)
        {
            threadingMode = ThreadingMode.valueOf(
                System.getProperty(THREADING_MODE_PROP_NAME, ThreadingMode.DEDICATED.name()));
        }
        if (pullRetransmitNanos == 0)
        {
            pullRetransmitNanos = Long.getLong(PULL_RETRANSMIT_MS_PROP_NAME, PULL_RETRANSMIT_NANOS_DEFAULT / 1_000_000L)
                * 1_000_000L;
        }
        if (pullTimeoutNanos == 0)
        {
            pullTimeoutNanos = PULL_TIMEOUT_NANOS_DEFAULT;
        }
        if (receiveBatch == 0)
        {
            receiveBatch = RECEIVE_BATCH_DEFAULT;
        }
        if (nackUnknownEndpoints == null)
        {
            nackUnknownEndpoints = !"false".equals(System.getProperty(NACK_UNKNOWN_ENDPOINTS_PROP_NAME));
        }
        if (nanoClock == null)
        {
            nanoClock = System::nanoTime;
        }
        if (errorHandler == null)
        {
            errorHandler = Throwable::printStackTrace;
        }
        if (!sessionSeedSet)
        {
            sessionSeed = new java.security.SecureRandom().nextLong();
            sessionSeedSet = true;
        }
        if (hostname == null)
        {
            hostname = localHostname();
        }
        if (pullRetransmitNanos <= 0 || pullTimeoutNanos <= 0 || receiveBatch <= 0)
        {
            throw new IllegalArgumentException("pull periods and receive batch must be positive");
        }
        // table and queue sizes are checked by DriverLimits
        new DriverLimits(DriverLimits.DEFAULT_MTU, false, endpointMax, peerMax, queueSlots);
        concluded = true;
        return this;
    }

    /** @return true for the MX-wire-compatible layout. */
    public boolean wireCompat()
    {
        return wireCompat;
    }

    /** @return endpoints per board. */
    public int endpointMax()
    {
        return endpointMax;
    }

    /** @return peer table size. */
    public int peerMax()
    {
        return peerMax;
    }

    /** @return slots per queue. */
    public int queueSlots()
    {
        return queueSlots;
    }

    /** @return who drives the native driver. */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /** @return pull retransmission period. */
    public long pullRetransmitNanos()
    {
        return pullRetransmitNanos;
    }

    /** @return default pull deadline. */
    public long pullTimeoutNanos()
    {
        return pullTimeoutNanos;
    }

    /** @return frames per duty cycle. */
    public int receiveBatch()
    {
        return receiveBatch;
    }

    /** @return whether frames for endpoints not open are NACKed. */
    public boolean nackUnknownEndpoints()
    {
        return nackUnknownEndpoints;
    }

    /** @return the timer clock. */
    public LongSupplier nanoClock()
    {
        return nanoClock;
    }

    /** @return the error handler. */
    public Consumer<Throwable> errorHandler()
    {
        return errorHandler;
    }

    /** @return the session id seed. */
    public long sessionSeed()
    {
        return sessionSeed;
    }

    /** @return memory for the counters, or null for a private buffer. */
    public java.nio.ByteBuffer countersBuffer()
    {
        return countersBuffer;
    }

    /** @return where live counters files go, or null for none. */
    public java.nio.file.Path countersDirectory()
    {
        return countersDirectory;
    }

    /** @return the host name for HOST_REPLY. */
    public String hostname()
    {
        return hostname;
    }

    private static String localHostname()
    {
        try
        {
            // the kernel's name, not a resolver lookup (which may stall in a network namespace)
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            final String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null ? fromEnvironment : "localhost";
        }
    }
}
