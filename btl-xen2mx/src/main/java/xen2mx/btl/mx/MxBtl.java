package xen2mx.btl.mx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlLimits;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverCounter;
import xen2mx.btl.mx.driver.DriverCounters;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxCounter;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.lib.MxEndpointAddress;
import xen2mx.btl.mx.lib.MxEndpointConfig;
import xen2mx.btl.mx.lib.MxException;
import xen2mx.btl.mx.lib.MxRequest;
import xen2mx.btl.mx.lib.MxStatus;
import xen2mx.btl.mx.lib.MxStatusCode;
import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.media.FaultInjectingChannel;
import xen2mx.btl.mx.media.FrameCheckChannel;
import xen2mx.btl.mx.media.RandomFaults;

/**
 * The {@code xen2mx} module: the BTL SPI over one {@link MxEndpoint}. The MX library does the matching, so the
 * module is its own matching domain and reaches every rank, itself included (through the library's self path, which
 * never touches the driver). MX match info and mask are the PML's; receives mask their info as the SPI allows.
 *
 * <p>Address: the board's MAC and the endpoint index ({@link MxBtlAddress}), published through the launcher's
 * wire-up. {@link #connect(byte[][])} runs MX connects to every rank at once, with the job's key (derived from the job
 * id, so ranks of another job are refused), and fails naming the ranks that did not answer.
 *
 * <p>Requests are forgotten in the MX sense at once: completion is observed through {@link BtlRequest#isComplete()}.
 * A peer that refused us (its endpoint closed or reopened) or stopped answering fails every later send at once.
 */
public final class MxBtl implements Btl
{
    /** MCA parameter: {@code native} (raw Ethernet in this process) or {@code paravirt} (through a backend). */
    public static final String MODE_PARAM = "btl_xen2mx_mode";
    /** MCA parameter, paravirtual mode: the control socket of this host's backend ({@link #BACKEND_DEFAULT}). */
    public static final String BACKEND_PARAM = "btl_xen2mx_backend";
    /**
     * Default of {@value #BACKEND_PARAM}: {@code x2mx-backend.sock} in the temporary directory (/tmp), a place every
     * user may create and every rank of the host finds without configuration.
     */
    public static final String BACKEND_DEFAULT = System.getProperty("java.io.tmpdir", "/tmp") + "/x2mx-backend.sock";
    /** MCA parameter: the interface to use; default: the only non-loopback interface that is up. */
    public static final String IF_PARAM = "btl_xen2mx_if";
    /** MCA parameter: how long {@link #connect} waits for all peers, in milliseconds. */
    public static final String CONNECT_TIMEOUT_PARAM = "btl_xen2mx_connect_timeout_ms";
    /** MCA parameter: delay before a message is resent, in milliseconds. */
    public static final String RESEND_DELAY_PARAM = "btl_xen2mx_resend_delay_ms";
    /** MCA parameter: resends before a peer is declared unreachable. */
    public static final String RESENDS_MAX_PARAM = "btl_xen2mx_resends_max";
    /** MCA parameter: native mode, period after which missing pull replies are requested again, in milliseconds. */
    public static final String PULL_RETRANSMIT_PARAM = "btl_xen2mx_pull_retransmit_ms";
    /** MCA parameter: messages above this size go by rendezvous (the module's eager limit). */
    public static final String RNDV_THRESHOLD_PARAM = "btl_xen2mx_rndv_threshold";
    /** MCA parameter: 1 (default) to progress in a background thread when the rank computes, 0 not to. */
    public static final String PROGRESS_THREAD_PARAM = "btl_xen2mx_progress_thread";
    /** MCA parameter: how long {@link #close()} waits for peers to acknowledge our last messages, in milliseconds. */
    public static final String CLOSE_DRAIN_PARAM = "btl_xen2mx_close_drain_ms";
    /** MCA parameter: seeded faults on the frames this rank sends, native mode (see {@link LinkFaults}). */
    public static final String FAULTS_PARAM = "btl_xen2mx_faults";
    /**
     * MCA parameter: 1 to put a CRC-32C trailer on every frame and drop frames that fail it (native mode; every rank
     * alike; not wire compatible with Open-MX), see {@link FrameCheckChannel}. Default 0.
     */
    public static final String FRAME_CHECK_PARAM = "btl_xen2mx_frame_check";
    /** MCA parameter: 1 to print the rank's counters ({@link #countersReport()}) on stdout when it closes. */
    public static final String PRINT_COUNTERS_PARAM = "btl_xen2mx_print_counters";

    public static final String MODE_NATIVE = "native";
    public static final String MODE_PARAVIRT = "paravirt";
    public static final int CONNECT_TIMEOUT_DEFAULT_MS = 30_000;
    public static final int CLOSE_DRAIN_DEFAULT_MS = 2_000;
    private static final long DRAIN_PARK_NANOS = 50_000L;

    private final int rank;
    private final Driver driver;
    private final MxEndpoint endpoint;
    private final BtlLimits limits;
    private final byte[] address;
    private final long connectTimeoutNanos;
    private final long closeDrainNanos;
    private final boolean printCounters;
    private final Map<Long, Integer> rankByAddress = new ConcurrentHashMap<>();
    private volatile MxEndpointAddress[] peers = new MxEndpointAddress[0];
    private boolean closed;

    /**
     * Opens the module: the driver from {@code factory}, then one MX endpoint on its first board.
     *
     * @throws BtlException if the driver cannot be opened or a parameter is bad.
     */
    public MxBtl(final BtlContext context, final MxDriverFactory factory)
    {
        this.rank = context.rank();
        this.connectTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(
            positive(context, CONNECT_TIMEOUT_PARAM, CONNECT_TIMEOUT_DEFAULT_MS));
        this.closeDrainNanos = TimeUnit.MILLISECONDS.toNanos(
            positive(context, CLOSE_DRAIN_PARAM, CLOSE_DRAIN_DEFAULT_MS));
        this.printCounters = context.intParameter(PRINT_COUNTERS_PARAM, 0) != 0;
        final MxEndpointConfig config = config(context);
        this.driver = Objects.requireNonNull(factory.open(context), "driver");
        try
        {
            this.endpoint = MxEndpoint.open(driver, 0, Mx.ANY_ENDPOINT, jobKey(context.jobId()), config);
        }
        catch (final MxException e)
        {
            driver.close();
            throw new BtlException("xen2mx: cannot open an MX endpoint on " + driver.interfaceName(0) + ": "
                + e.getMessage(), e);
        }
        this.limits = new BtlLimits(endpoint.rndvThreshold(), Integer.MAX_VALUE);
        this.address = new MxBtlAddress(endpoint.nicId(), endpoint.endpointId()).encode();
    }

    private static MxEndpointConfig config(final BtlContext context)
    {
        final MxEndpointConfig config = new MxEndpointConfig()
            .resendDelayNanos(TimeUnit.MILLISECONDS.toNanos(positive(context, RESEND_DELAY_PARAM,
                (int)TimeUnit.NANOSECONDS.toMillis(MxEndpointConfig.RESEND_DELAY_DEFAULT_NANOS))))
            .resendsMax(positive(context, RESENDS_MAX_PARAM, MxEndpointConfig.RESENDS_MAX_DEFAULT))
            .rndvThreshold(positive(context, RNDV_THRESHOLD_PARAM, MxEndpointConfig.RNDV_THRESHOLD_DEFAULT))
            .progressThread(context.intParameter(PROGRESS_THREAD_PARAM, 1) != 0);
        try
        {
            return config.conclude();
        }
        catch (final MxException e)
        {
            throw new BtlException("xen2mx: bad parameter: " + e.getMessage(), e);
        }
    }

    private static int positive(final BtlContext context, final String name, final int defaultValue)
    {
        final int value = context.intParameter(name, defaultValue);
        if (value <= 0)
        {
            throw new BtlException("MCA parameter " + name + "=" + value + " must be > 0");
        }
        return value;
    }

    /** @return the MX key of a job: every rank of the job derives the same one, other jobs (almost surely) not. */
    static int jobKey(final String jobId)
    {
        return Objects.requireNonNull(jobId, "jobId").hashCode() ^ 0x4D58_4B59;
    }

    @Override
    public String name()
    {
        return MxBtlComponent.NAME;
    }

    @Override
    public BtlLimits limits()
    {
        return limits;
    }

    @Override
    public byte[] localAddress()
    {
        return address.clone();
    }

    /** @return the MX endpoint under this module (for tools and tests). */
    public MxEndpoint endpoint()
    {
        return endpoint;
    }

    @Override
    public BitSet connect(final byte[][] addresses)
    {
        final MxEndpointAddress[] connected = new MxEndpointAddress[addresses.length];
        final MxRequest[] pending = new MxRequest[addresses.length];
        final MxBtlAddress[] remote = new MxBtlAddress[addresses.length];
        for (int peer = 0; peer < addresses.length; peer++)
        {
            remote[peer] = MxBtlAddress.decode(addresses[peer]);
            if (remote[peer] != null && sharesOurBoard(peer, remote[peer]))
            {
                remote[peer] = null;
            }
            if (remote[peer] != null)
            {
                rankByAddress.put(key(remote[peer].nicId(), remote[peer].endpointId()), peer);
                pending[peer] = endpoint.iconnect(remote[peer].nicId(), remote[peer].endpointId(), endpoint.key(), peer,
                    null);
            }
        }
        final MxStatus status = new MxStatus();
        final long deadline = System.nanoTime() + connectTimeoutNanos;
        final List<String> failures = new ArrayList<>();
        for (int peer = 0; peer < addresses.length; peer++)
        {
            if (pending[peer] == null)
            {
                continue;
            }
            final long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (endpoint.wait(pending[peer], leftMillis, status) && status.code() == MxStatusCode.SUCCESS)
            {
                connected[peer] = status.source();
                connected[peer].context(peer);
            }
            else
            {
                if (!pending[peer].isDone())
                {
                    endpoint.cancel(pending[peer]);
                }
                failures.add("rank " + peer + " (" + remote[peer] + "): "
                    + (pending[peer].isDone() ? status.code() : "no answer in time"));
            }
        }
        if (!failures.isEmpty())
        {
            throw new BtlException("xen2mx: rank " + rank + " cannot connect to " + String.join("; ", failures)
                + " (same network? same job? raise " + CONNECT_TIMEOUT_PARAM + " if ranks start slowly)");
        }
        peers = connected;
        final BitSet reachable = new BitSet();
        for (int peer = 0; peer < connected.length; peer++)
        {
            if (connected[peer] != null)
            {
                reachable.set(peer);
            }
        }
        return reachable;
    }

    /**
     * Another process's endpoint on our own board cannot be reached through a per-process (native) driver: frames to
     * our own MAC never come back from the interface, so the PML routes such ranks through another module. Through
     * the paravirtual backend they are co-located guests, which the backend delivers itself.
     */
    private boolean sharesOurBoard(final int peer, final MxBtlAddress address)
    {
        return !(driver instanceof FrontendDriver) && peer != rank && address.nicId() == endpoint.nicId();
    }

    @Override
    public Object matchingDomain()
    {
        return endpoint;
    }

    @Override
    public String describePeer(final int peer)
    {
        final MxEndpointAddress destination = peer(peer);
        final String route = peer == rank ? "self path (in-process copy)" : driver.interfaceName(0);
        return "xen2mx " + route + " " + new MxBtlAddress(destination.nicId(), destination.endpointId());
    }

    @Override
    public BtlRequest isend(final int destination, final long matchInfo, final ByteBuffer payload,
        final boolean synchronous)
    {
        final MxEndpointAddress to = peer(destination);
        final MxRequest request = synchronous ? endpoint.issend(payload, to, matchInfo, null)
            : endpoint.isend(payload, to, matchInfo, null);
        endpoint.forget(request);
        return new MxBtlRequest(this, request, destination);
    }

    @Override
    public BtlRequest irecv(final long matchInfo, final long matchMask, final ByteBuffer destination)
    {
        final MxRequest request = endpoint.irecv(destination, matchInfo & matchMask, matchMask, null);
        endpoint.forget(request);
        return new MxBtlRequest(this, request, -1);
    }

    @Override
    public BtlStatus iprobe(final long matchInfo, final long matchMask)
    {
        final MxStatus status = new MxStatus();
        if (!endpoint.iprobe(matchInfo & matchMask, matchMask, status))
        {
            return null;
        }
        return BtlStatus.success(rankOf(status.source()), status.matchInfo(), status.msgLength());
    }

    @Override
    public boolean cancel(final BtlRequest request)
    {
        if (!(request instanceof MxBtlRequest mx) || mx.request.endpoint() != endpoint || mx.isSend())
        {
            return false;
        }
        return endpoint.cancel(mx.request);
    }

    @Override
    public int progress()
    {
        return endpoint.progress();
    }

    /**
     * Drains, closes the endpoint, then the driver; then, with {@value #PRINT_COUNTERS_PARAM} set, prints
     * {@link #countersReport()} on stdout (so the values include the closing traffic).
     *
     * <p>Draining: a completed eager send has left this process but may still be lost on the wire, and MX's close
     * abandons it (no more resends). So the module first progresses until every peer has acknowledged every message
     * sent to it, or {@value #CLOSE_DRAIN_PARAM} passes (a peer that has closed already no longer acknowledges a
     * resend of a message it did receive). Without this, a rank that leaves {@code MPI_Finalize}'s barrier first may
     * take with it the one frame its peer still waits for.
     *
     * <p>Idempotent: a second call does nothing.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            drain();
            endpoint.close();
        }
        finally
        {
            driver.close();
        }
        if (printCounters)
        {
            System.out.print(countersReport());
            System.out.flush();
        }
    }

    private void drain()
    {
        final long deadline = System.nanoTime() + closeDrainNanos;
        while (!endpoint.isClosed() && endpoint.unacknowledgedSends() > 0 && System.nanoTime() - deadline < 0)
        {
            if (endpoint.progress() == 0)
            {
                LockSupport.parkNanos(DRAIN_PARK_NANOS);
            }
        }
    }

    /**
     * The rank's counters, for people and for tests that parse them: every MX library counter, then the native
     * driver's non-zero counters, then the frame check's (with {@value #FRAME_CHECK_PARAM}) and the faults drawn (when
     * {@value #FAULTS_PARAM} injects faults), one line each:
     * <pre>
     * [rank 1] xen2mx counters mx: MESSAGES_SENT=2043 RESENDS=17 MESSAGES_RECEIVED=2051 DUPLICATES=9 ...
     * [rank 1] xen2mx counters driver: FRAMES_SENT=4411 FRAMES_RECEIVED=4502 ... DROP_BAD_FIELD=2
     * [rank 1] xen2mx counters frame-check: accepted=4502 rejected=31
     * [rank 1] xen2mx counters faults: lost=220 duplicated=88 reordered=431 corrupted=0
     * </pre>
     * Names are the {@link MxCounter} and {@link DriverCounter} constants; a driver counter left out is 0.
     *
     * @return the report, each line ending in a newline; any thread, at any time.
     */
    public String countersReport()
    {
        final String prefix = "[rank " + rank + "] xen2mx counters ";
        final StringBuilder text = new StringBuilder(prefix).append("mx:");
        for (final MxCounter counter : MxCounter.values())
        {
            text.append(' ').append(counter.name()).append('=').append(endpoint.counter(counter));
        }
        text.append('\n');
        if (driver instanceof NativeDriver nativeDriver)
        {
            final DriverCounters counters = nativeDriver.counters();
            text.append(prefix).append("driver:");
            for (final DriverCounter counter : DriverCounter.values())
            {
                final long value = counters.get(counter);
                if (value != 0)
                {
                    text.append(' ').append(counter.name()).append('=').append(value);
                }
            }
            text.append('\n');
            EthernetChannel link = nativeDriver.channel();
            while (link instanceof FrameCheckChannel || link instanceof FaultInjectingChannel)
            {
                if (link instanceof FrameCheckChannel check)
                {
                    text.append(prefix).append("frame-check: accepted=").append(check.framesAccepted())
                        .append(" rejected=").append(check.framesRejected()).append('\n');
                    link = check.channel();
                }
                else if (link instanceof FaultInjectingChannel injecting)
                {
                    if (injecting.injector() instanceof RandomFaults faults)
                    {
                        text.append(prefix).append("faults: lost=").append(faults.lost()).append(" duplicated=")
                            .append(faults.duplicated()).append(" reordered=").append(faults.reordered())
                            .append(" corrupted=").append(faults.corrupted()).append('\n');
                    }
                    link = injecting.channel();
                }
            }
        }
        return text.toString();
    }

    /** @return the world rank of an MX address, or -1 if it is not a rank of this job. */
    int rankOf(final MxEndpointAddress source)
    {
        if (source == null)
        {
            return -1;
        }
        if (source.context() instanceof Integer known)
        {
            return known;
        }
        final Integer found = rankByAddress.get(key(source.nicId(), source.endpointId()));
        return found == null ? -1 : found;
    }

    private MxEndpointAddress peer(final int peer)
    {
        final MxEndpointAddress[] known = peers;
        if (peer < 0 || peer >= known.length || known[peer] == null)
        {
            throw new BtlException("xen2mx: rank " + peer + " is not reachable from rank " + rank);
        }
        return known[peer];
    }

    private static long key(final long nicId, final int endpointId)
    {
        return (nicId << 8) | endpointId;
    }

    @Override
    public String toString()
    {
        return "MxBtl[rank " + rank + " " + endpoint + "]";
    }
}
