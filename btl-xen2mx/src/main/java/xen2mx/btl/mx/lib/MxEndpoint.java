package xen2mx.btl.mx.lib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverEndpoint;
import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.DriverEventHandler;
import xen2mx.btl.mx.driver.DriverException;
import xen2mx.btl.mx.driver.DriverLimits;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.driver.NackType;

/**
 * An MX endpoint ({@code mx_endpoint_t}): the MX API of {@code myriexpress.h}, Java-ized, over a {@link Driver}.
 *
 * <table>
 * <caption>MX call to method</caption>
 * <tr><td>mx_open_endpoint / mx_close_endpoint</td><td>{@link #open} / {@link #close}</td></tr>
 * <tr><td>mx_get_endpoint_addr, mx_decompose_endpoint_addr</td><td>{@link #endpointAddress()},
 * {@link MxEndpointAddress#nicId()}, {@link MxEndpointAddress#endpointId()}</td></tr>
 * <tr><td>mx_connect / mx_iconnect / mx_disconnect</td><td>{@link #connect}, {@link #iconnect}, {@link #disconnect}
 * </td></tr>
 * <tr><td>mx_isend / mx_issend / mx_irecv</td><td>{@link #isend}, {@link #issend}, {@link #irecv}</td></tr>
 * <tr><td>mx_test / mx_wait / mx_test_any / mx_wait_any</td><td>{@link #test}, {@link #wait(MxRequest, long,
 * MxStatus)}, {@link #testAny}, {@link #waitAny}</td></tr>
 * <tr><td>mx_ipeek / mx_peek / mx_iprobe / mx_probe</td><td>{@link #ipeek}, {@link #peek}, {@link #iprobe},
 * {@link #probe}</td></tr>
 * <tr><td>mx_cancel / mx_forget / mx_ibuffered / mx_context</td><td>{@link #cancel}, {@link #forget},
 * {@link #ibuffered}, {@link MxRequest#context()}</td></tr>
 * <tr><td>mx_register_unexp_handler / mx_wakeup / mx_progress</td><td>{@link #registerUnexpectedHandler},
 * {@link #wakeup}, {@link #progress}</td></tr>
 * <tr><td>mx_set_request_timeout</td><td>{@link #setRequestTimeout}</td></tr>
 * <tr><td>mx_set/get_endpoint_addr_context</td><td>{@link MxEndpointAddress#context(Object)},
 * {@link MxEndpointAddress#context()}</td></tr>
 * <tr><td>MX_PARAM_CONTEXT_ID</td><td>{@link MxEndpointConfig#contextIds(int, int)}</td></tr>
 * <tr><td>mx_get_info / mx_board_number_to_nic_id / mx_nic_id_to_board_number</td><td>{@link Mx#getInfo},
 * {@link Mx#boardNumberToNicId}, {@link Mx#nicIdToBoardNumber}</td></tr>
 * </table>
 *
 * <p>Errors are {@link MxException}s carrying the {@link MxReturn} code; request outcomes are {@link MxStatusCode}s.
 * Timeouts are in milliseconds and {@link Mx#INFINITE} (0) waits forever, as in MX.
 *
 * <p>Threading: every method may be called from any thread; one reentrant lock serialises the library (Open-MX's
 * endpoint lock). Progress happens in every call, and in a background thread when the application leaves the
 * endpoint alone for a while ({@link ProgressThread}). Blocking calls poll first, then sleep: one of them in the
 * driver, which wakes it when a frame arrives (a sleep and wake-up costs tens of microseconds, so it polls first),
 * the others until a progress pass completes something (once per pass) or the driver sleeper hands over; all of them
 * on {@link #wakeup()}.
 *
 * <p>Why no Disruptor here: the thread that completes a request is almost always the one waiting for it (it polls
 * the driver itself), so a hand-off ring would add a cache-line transfer and, on few cores, a context switch to every
 * message; waiters wait for specific requests and {@code test} removes them out of order, which a sequence-ordered
 * ring cannot express. Completion is therefore a release write of the request's done flag, and the (rare) parked
 * waiters are signalled once at the end of each progress pass: the Disruptor's end-of-batch wake-up without the ring.
 */
public final class MxEndpoint implements AutoCloseable
{
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;
    private static final VarHandle LAST_FOREGROUND;

    static
    {
        try
        {
            LAST_FOREGROUND = MethodHandles.lookup().findVarHandle(MxEndpoint.class, "lastForegroundNanos", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }
    /** Lock attempts an application thread spins through before it parks on the lock. */
    private static final int FOREGROUND_LOCK_SPINS = 2_000;

    final MxEndpointConfig config;
    final Counters counters;
    final EndpointStatistics statistics;
    final PartnerTable partners;
    final Matcher matcher;
    final Completions completions = new Completions();
    final Sender sender;
    final Receiver receiver;
    final Acker acker;
    final Connector connector;
    final LargeMessages large;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final Driver driver;
    private final DriverEndpoint driverEndpoint;
    private final DriverEventHandler eventHandler = this::onEvent;
    private final int key;
    private final Partner selfPartner;
    private final int rndvThreshold;
    private final int fragmentLength;
    private final long timerPeriodNanos;
    private final ProgressThread progressThread;

    private MxUnexpectedHandler unexpectedHandler;
    private boolean inHandler;
    private boolean closed;
    private int waiters;
    private boolean driverSleeper;
    /** Threads sleeping in the driver; written under the lock, read by the background thread without it. */
    private volatile int blockedWaiters;
    private long wakeups;
    /** Resends a send posted from now on may take before its peer is declared unreachable; under the lock. */
    private int requestResendsMax;
    private long nextTimerNanos;
    /** When an application thread last used the endpoint; release-stored (no fence), read by the background thread. */
    private volatile long lastForegroundNanos = System.nanoTime();

    private MxEndpoint(
        final Driver driver, final DriverEndpoint driverEndpoint, final int key, final MxEndpointConfig config)
    {
        this.driver = driver;
        this.driverEndpoint = driverEndpoint;
        this.key = key;
        this.config = config;
        this.matcher = new Matcher(config.contextIds());
        this.requestResendsMax = config.resendsMax();
        this.statistics = new EndpointStatistics(driverEndpoint.statisticsArea());
        this.counters = new Counters(statistics.area());
        final DriverLimits limits = driverEndpoint.limits();
        this.fragmentLength = limits.mediumFragmentLength();
        this.rndvThreshold = Math.min(config.rndvThreshold(), limits.mediumLengthMax());
        this.timerPeriodNanos = Math.min(config.ackDelayNanos() / 2, TimeUnit.MILLISECONDS.toNanos(1));
        this.partners = new PartnerTable(driver, limits.peerMax());
        this.sender = new Sender(this, driverEndpoint);
        this.receiver = new Receiver(this, limits.mediumFragmentLength(), limits.mediumFragmentsMax());
        this.acker = new Acker(this, driverEndpoint);
        this.connector = new Connector(this, driverEndpoint);
        this.large = new LargeMessages(this, driverEndpoint);
        final long nicId = driver.boardAddress(driverEndpoint.board());
        final Partner self = new Partner(driver.peerIndex(nicId), driverEndpoint.endpointIndex(), nicId,
            config.selfPath());
        if (config.selfPath())
        {
            self.trueSessionId = driverEndpoint.sessionId();
            self.backSessionId = driverEndpoint.sessionId();
        }
        this.selfPartner = partners.add(self);
        this.progressThread = config.progressThread()
            ? new ProgressThread(this, config.backgroundGraceNanos(), config.backgroundSleepMaxNanos()) : null;
    }

    /**
     * Opens an endpoint with the default configuration ({@code mx_open_endpoint}).
     *
     * @see #open(Driver, int, int, int, MxEndpointConfig)
     */
    public static MxEndpoint open(final Driver driver, final int board, final int endpointId, final int key)
    {
        return open(driver, board, endpointId, key, new MxEndpointConfig().conclude());
    }

    /**
     * Opens an endpoint ({@code mx_open_endpoint}).
     *
     * @param driver     the driver owning the boards; not closed by the endpoint.
     * @param board      board index, or {@link Mx#ANY_NIC} for the first.
     * @param endpointId endpoint index on the board, or {@link Mx#ANY_ENDPOINT} for the first free one.
     * @param key        the filter a connecting peer must present.
     * @param config     concluded tunables.
     * @return the open endpoint, progressing in the background if configured.
     * @throws MxException BOARD_UNKNOWN, BAD_ENDPOINT (index out of range), BUSY (index in use), NO_DRIVER (driver
     *                     closed), BAD_PARAM_VAL (config not concluded).
     */
    public static MxEndpoint open(
        final Driver driver, final int board, final int endpointId, final int key, final MxEndpointConfig config)
    {
        if (!config.concluded())
        {
            throw new MxException(MxReturn.BAD_PARAM_VAL, "configuration not concluded");
        }
        final DriverEndpoint opened;
        try
        {
            opened = driver.openEndpoint(board == Mx.ANY_NIC ? 0 : board,
                endpointId == Mx.ANY_ENDPOINT ? Driver.ANY_ENDPOINT : endpointId);
        }
        catch (final DriverException e)
        {
            throw new MxException(fromDriver(e.status()), e.getMessage());
        }
        final MxEndpoint endpoint = new MxEndpoint(driver, opened, key, config);
        if (endpoint.progressThread != null)
        {
            endpoint.progressThread.start();
        }
        return endpoint;
    }

    private static MxReturn fromDriver(final DriverStatus status)
    {
        switch (status)
        {
            case BAD_BOARD:
                return MxReturn.BOARD_UNKNOWN;
            case BAD_ENDPOINT:
                return MxReturn.BAD_ENDPOINT;
            case BUSY:
                return MxReturn.BUSY;
            case CLOSED:
                return MxReturn.NO_DRIVER;
            default:
                return MxReturn.FAILURE;
        }
    }

    /** @return this endpoint's own address ({@code mx_get_endpoint_addr}). */
    public MxEndpointAddress endpointAddress()
    {
        return new MxEndpointAddress(selfPartner, driverEndpoint.sessionId());
    }

    /** @return this endpoint's board address (MAC as a 48-bit integer). */
    public long nicId()
    {
        return selfPartner.nicId;
    }

    /** @return this endpoint's index on its board. */
    public int endpointId()
    {
        return driverEndpoint.endpointIndex();
    }

    /** @return this endpoint's session id. */
    public int sessionId()
    {
        return driverEndpoint.sessionId();
    }

    /** @return the key given at open. */
    public int key()
    {
        return key;
    }

    /** @return messages above this many bytes travel by rendezvous (RNDV + PULL). */
    public int rndvThreshold()
    {
        return rndvThreshold;
    }

    /**
     * Connects to a peer endpoint and blocks until it answers or the timeout passes ({@code mx_connect}); the
     * connect's own deadline bounds the wait, {@link #wakeup()} does not end it. Connecting to this endpoint itself
     * completes at once.
     *
     * @param timeoutMillis how long to try; {@link Mx#INFINITE} uses resend delay times resends max.
     * @return an address for sends to the peer.
     * @throws MxException TIMEOUT (no answer), BAD_CONNECTION_KEY, BAD_ENDPOINT_ID, CONNECTION_FAILED (closed or
     *                     reopened peer), NIC_NOT_FOUND (bad board address).
     */
    public MxEndpointAddress connect(final long nicId, final int endpointId, final int key, final long timeoutMillis)
    {
        final MxRequest request = startConnect(nicId, endpointId, key, 0, null, timeoutMillis, true);
        lockForeground();
        try
        {
            final long start = System.nanoTime();
            while (!request.has(MxRequest.DONE))
            {
                progressForeground();
                if (!request.has(MxRequest.DONE) && !pause(start, FOREVER_NANOS, -1))
                {
                    checkOpen();
                }
            }
        }
        finally
        {
            lock.unlock();
        }
        final MxStatusCode code = request.status.code();
        switch (code)
        {
            case SUCCESS:
                return request.status.source();
            case BAD_KEY:
                throw new MxException(MxReturn.BAD_CONNECTION_KEY, "peer " + describe(nicId, endpointId)
                    + " refused key 0x" + Integer.toHexString(key));
            case BAD_ENDPOINT:
                throw new MxException(MxReturn.BAD_ENDPOINT_ID, "peer " + describe(nicId, endpointId)
                    + " has no such endpoint");
            case ENDPOINT_CLOSED:
            case BAD_SESSION:
                throw new MxException(MxReturn.CONNECTION_FAILED, "peer " + describe(nicId, endpointId) + ": " + code);
            default:
                throw new MxException(MxReturn.TIMEOUT, "peer " + describe(nicId, endpointId) + " did not answer");
        }
    }

    /**
     * Starts a connect ({@code mx_iconnect}); the request completes with the new address as its status source, or
     * with TIMEOUT, BAD_KEY, BAD_ENDPOINT or ENDPOINT_CLOSED.
     */
    public MxRequest iconnect(
        final long nicId, final int endpointId, final int key, final long matchInfo, final Object context)
    {
        return startConnect(nicId, endpointId, key, matchInfo, context, Mx.INFINITE, false);
    }

    private MxRequest startConnect(
        final long nicId,
        final int endpointId,
        final int key,
        final long matchInfo,
        final Object context,
        final long timeoutMillis,
        final boolean internal)
    {
        if (endpointId < 0 || endpointId >= DriverLimits.ENDPOINT_MAX_LIMIT)
        {
            throw new MxException(MxReturn.BAD_ENDPOINT_ID, "endpoint id " + endpointId);
        }
        final int peerIndex = driver.peerIndex(nicId);
        if (peerIndex == Driver.NO_PEER)
        {
            throw new MxException(MxReturn.NIC_NOT_FOUND, "board address " + describe(nicId, endpointId));
        }
        final long timeoutNanos = timeoutMillis == Mx.INFINITE
            ? config.resendDelayNanos() * config.resendsMax() : TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lockForeground();
        try
        {
            checkOpen();
            final Partner partner = partners.getOrCreate(peerIndex, endpointId);
            if (partner == null)
            {
                throw new MxException(MxReturn.NIC_NOT_FOUND, "board address " + describe(nicId, endpointId));
            }
            final ConnectRequest connect = new ConnectRequest(this, partner, key, partner.connectSeq,
                matchInfo, now() + timeoutNanos, context);
            partner.connectSeq = (partner.connectSeq + 1) & 0xFF;
            if (internal)
            {
                connect.state |= MxRequest.INTERNAL;
            }
            if (partner.self)
            {
                connector.finish(connect, MxStatusCode.SUCCESS);
            }
            else
            {
                connector.start(connect);
            }
            return connect;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Forgets a peer locally ({@code mx_disconnect}): its pending sends and partial receives complete with
     * ENDPOINT_UNREACHABLE, its unexpected messages are dropped, and late packets of this incarnation are ignored.
     * Nothing is sent; connect again to talk to it.
     */
    public void disconnect(final MxEndpointAddress address)
    {
        final Partner partner = partnerOf(address);
        lockForeground();
        try
        {
            checkOpen();
            if (!partner.self)
            {
                cleanupPartner(partner, MxStatusCode.ENDPOINT_UNREACHABLE, true);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code mx_isend} with one segment. */
    public MxRequest isend(
        final ByteBuffer buffer, final MxEndpointAddress destination, final long matchInfo, final Object context)
    {
        return isend(new ByteBuffer[] {buffer}, destination, matchInfo, context);
    }

    /**
     * Posts a send ({@code mx_isend}). It completes once the segments may be reused: at once for tiny, small and
     * medium messages (their bytes are copied), when the receiver has pulled the data for large ones.
     *
     * @param segments    the message, each buffer from its position to its limit; not modified.
     * @param destination an address from {@link #connect} or a receive status.
     */
    public MxRequest isend(
        final ByteBuffer[] segments, final MxEndpointAddress destination, final long matchInfo, final Object context)
    {
        return postSend(segments, destination, matchInfo, context, false);
    }

    /** {@code mx_issend} with one segment. */
    public MxRequest issend(
        final ByteBuffer buffer, final MxEndpointAddress destination, final long matchInfo, final Object context)
    {
        return issend(new ByteBuffer[] {buffer}, destination, matchInfo, context);
    }

    /**
     * Posts a synchronous send ({@code mx_issend}): it completes only once a receive matched it (it always goes
     * through the rendezvous path).
     */
    public MxRequest issend(
        final ByteBuffer[] segments, final MxEndpointAddress destination, final long matchInfo, final Object context)
    {
        return postSend(segments, destination, matchInfo, context, true);
    }

    private MxRequest postSend(
        final ByteBuffer[] segments,
        final MxEndpointAddress destination,
        final long matchInfo,
        final Object context,
        final boolean synchronous)
    {
        final Partner partner = partnerOf(destination);
        final Segments message = Segments.of(segments, false);
        final int length = message.length();
        final SendRequest.Kind kind;
        if (synchronous || length > rndvThreshold)
        {
            kind = SendRequest.Kind.LARGE;
        }
        else if (length <= Mx.TINY_MAX)
        {
            kind = SendRequest.Kind.TINY;
        }
        else if (length <= Mx.SMALL_MAX)
        {
            kind = SendRequest.Kind.SMALL;
        }
        else
        {
            kind = SendRequest.Kind.MEDIUM;
        }
        final SendRequest send = new SendRequest(this, kind, partner, message, matchInfo, synchronous, context);
        lockForeground();
        try
        {
            checkOpen();
            send.resendsMax = requestResendsMax;
            if (partner.self)
            {
                sendToSelf(send);
            }
            else
            {
                sender.post(send);
            }
            return send;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@code mx_irecv} with one segment. */
    public MxRequest irecv(final ByteBuffer buffer, final long matchInfo, final long matchMask, final Object context)
    {
        return irecv(new ByteBuffer[] {buffer}, matchInfo, matchMask, context);
    }

    /**
     * Posts a receive ({@code mx_irecv}): it matches the first message, in arrival order, whose match info
     * {@code m} satisfies {@code (m & matchMask) == matchInfo}. The message lands at each segment's position onwards;
     * positions and limits are not changed. A longer message is truncated (status TRUNCATED).
     *
     * @throws MxException BAD_MATCH_MASK if {@code matchInfo} has bits outside {@code matchMask};
     *                     BAD_MATCHING_FOR_CONTEXT_ID_MASK if context ids are on and the mask does not cover them.
     */
    public MxRequest irecv(
        final ByteBuffer[] segments, final long matchInfo, final long matchMask, final Object context)
    {
        checkMask(matchInfo, matchMask);
        final RecvRequest receive = new RecvRequest(this, Segments.of(segments, true), matchInfo, matchMask, context);
        lockForeground();
        try
        {
            checkOpen();
            final RecvRequest message = matcher.matchUnexpected(matchInfo, matchMask, true);
            if (message == null)
            {
                matcher.post(receive);
            }
            else
            {
                takeUnexpected(message, receive);
            }
            return receive;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Tests a request ({@code mx_test}): progresses the endpoint; if the request is done, copies its status into
     * {@code status} (if not null) and hands it back to the application.
     *
     * @return true if the request is done.
     */
    public boolean test(final MxRequest request, final MxStatus status)
    {
        checkRequest(request);
        lockForeground();
        try
        {
            progressForeground();
            return completions.consume(request, status);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Waits for a request ({@code mx_wait}) at most {@code timeoutMillis} ({@link Mx#INFINITE}: forever).
     *
     * @return true if it completed (status filled); false on timeout or {@link #wakeup()}.
     */
    public boolean wait(final MxRequest request, final long timeoutMillis, final MxStatus status)
    {
        checkRequest(request);
        final long start = System.nanoTime();
        final long timeout = timeoutNanos(timeoutMillis);
        lockForeground();
        try
        {
            final long wakeupsAtStart = wakeups;
            do
            {
                progressForeground();
                if (completions.consume(request, status))
                {
                    return true;
                }
            }
            while (pause(start, timeout, wakeupsAtStart));
            return false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Completes the oldest done request whose match info {@code m} satisfies {@code (m & matchMask) == matchInfo}
     * ({@code mx_test_any}), sends and receives alike.
     *
     * @return true if one was found (status filled).
     */
    public boolean testAny(final long matchInfo, final long matchMask, final MxStatus status)
    {
        checkMask(matchInfo, matchMask);
        lockForeground();
        try
        {
            progressForeground();
            final MxRequest request = completions.first(matchInfo, matchMask);
            return request != null && completions.consume(request, status);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@link #testAny} that blocks up to {@code timeoutMillis} ({@code mx_wait_any}). */
    public boolean waitAny(final long timeoutMillis, final long matchInfo, final long matchMask, final MxStatus status)
    {
        checkMask(matchInfo, matchMask);
        final long start = System.nanoTime();
        final long timeout = timeoutNanos(timeoutMillis);
        lockForeground();
        try
        {
            final long wakeupsAtStart = wakeups;
            do
            {
                progressForeground();
                final MxRequest request = completions.first(matchInfo, matchMask);
                if (request != null)
                {
                    return completions.consume(request, status);
                }
            }
            while (pause(start, timeout, wakeupsAtStart));
            return false;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** @return the oldest done request, not consumed (test it next), or null ({@code mx_ipeek}). */
    public MxRequest ipeek()
    {
        config.contextIds().checkUnsupported("mx_ipeek");
        lockForeground();
        try
        {
            progressForeground();
            return completions.peek();
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@link #ipeek} that blocks up to {@code timeoutMillis} ({@code mx_peek}); null on timeout or wakeup. */
    public MxRequest peek(final long timeoutMillis)
    {
        config.contextIds().checkUnsupported("mx_peek");
        final long start = System.nanoTime();
        final long timeout = timeoutNanos(timeoutMillis);
        lockForeground();
        try
        {
            final long wakeupsAtStart = wakeups;
            do
            {
                progressForeground();
                final MxRequest request = completions.peek();
                if (request != null)
                {
                    return request;
                }
            }
            while (pause(start, timeout, wakeupsAtStart));
            return null;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Looks for an unexpected message (arrived, not matched) without receiving it ({@code mx_iprobe}).
     *
     * @return true if one matches; {@code status} then holds its source, match info and length.
     */
    public boolean iprobe(final long matchInfo, final long matchMask, final MxStatus status)
    {
        checkMask(matchInfo, matchMask);
        lockForeground();
        try
        {
            progressForeground();
            return probeLocked(matchInfo, matchMask, status);
        }
        finally
        {
            lock.unlock();
        }
    }

    /** {@link #iprobe} that blocks up to {@code timeoutMillis} ({@code mx_probe}). */
    public boolean probe(final long timeoutMillis, final long matchInfo, final long matchMask, final MxStatus status)
    {
        checkMask(matchInfo, matchMask);
        final long start = System.nanoTime();
        final long timeout = timeoutNanos(timeoutMillis);
        lockForeground();
        try
        {
            final long wakeupsAtStart = wakeups;
            do
            {
                progressForeground();
                if (probeLocked(matchInfo, matchMask, status))
                {
                    return true;
                }
            }
            while (pause(start, timeout, wakeupsAtStart));
            return false;
        }
        finally
        {
            lock.unlock();
        }
    }

    private boolean probeLocked(final long matchInfo, final long matchMask, final MxStatus status)
    {
        final RecvRequest message = matcher.matchUnexpected(matchInfo, matchMask, false);
        if (message == null)
        {
            return false;
        }
        status.set(MxStatusCode.SUCCESS, message.partner.address(), message.status.matchInfo(), message.msgLength,
            message.msgLength, null);
        return true;
    }

    /**
     * Cancels a receive that has not matched yet, or a connect not yet answered ({@code mx_cancel}); the request is
     * then released (its status says CANCELLED; it is never returned by test or peek).
     *
     * @return true if cancelled; false if it already matched (it will complete normally).
     * @throws MxException CANCEL_NOT_SUPPORTED for a send.
     */
    public boolean cancel(final MxRequest request)
    {
        checkRequest(request);
        if (request instanceof SendRequest)
        {
            throw new MxException(MxReturn.CANCEL_NOT_SUPPORTED, "sends cannot be cancelled");
        }
        lockForeground();
        try
        {
            final boolean cancelled = request instanceof RecvRequest receive ? matcher.unpost(receive)
                : connector.cancel((ConnectRequest)request);
            if (cancelled)
            {
                request.state |= MxRequest.ZOMBIE;
                completions.complete(request, MxStatusCode.CANCELLED);
            }
            return cancelled;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The application will never test this request ({@code mx_forget}); it is released when really done. Its
     * {@link MxRequest#isDone()} and {@link MxRequest#status()} stay readable.
     */
    public void forget(final MxRequest request)
    {
        checkRequest(request);
        lockForeground();
        try
        {
            completions.forget(request);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return true once a send's data no longer depends on the application's buffer ({@code mx_ibuffered}): tiny,
     * small and medium sends once they got their seqnum, self sends once copied; never large or synchronous ones.
     * @throws MxException BAD_REQUEST for a request that is not a send.
     */
    public boolean ibuffered(final MxRequest request)
    {
        checkRequest(request);
        if (!(request instanceof SendRequest send))
        {
            throw new MxException(MxReturn.BAD_REQUEST, "not a send request");
        }
        lockForeground();
        try
        {
            progressForeground();
            return send.buffered;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Bounds how long a send may stay unacknowledged before its peer is declared unreachable and the peer's requests
     * fail with ENDPOINT_UNREACHABLE ({@code mx_set_request_timeout}): for {@code request}, or, when it is null, for
     * every send posted afterwards. As in Open-MX the time is counted in resends: {@code ceil(millis / resend delay)},
     * at least one; {@link Mx#INFINITE} never gives up.
     *
     * @param request a send of this endpoint not yet completed, or null.
     * @throws MxException BAD_PARAM_VAL for a negative time; BAD_REQUEST for a request that is not a send.
     */
    public void setRequestTimeout(final MxRequest request, final long millis)
    {
        if (millis < 0)
        {
            throw new MxException(MxReturn.BAD_PARAM_VAL, "request timeout " + millis + " ms is negative");
        }
        final int resends;
        if (millis == Mx.INFINITE)
        {
            resends = Integer.MAX_VALUE;
        }
        else
        {
            final long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(config.resendDelayNanos()));
            resends = (int)Math.min(Integer.MAX_VALUE - 1, Math.max(1, (millis + delayMillis - 1) / delayMillis));
        }
        SendRequest send = null;
        if (request != null)
        {
            checkRequest(request);
            if (!(request instanceof SendRequest candidate))
            {
                throw new MxException(MxReturn.BAD_REQUEST, "not a send request");
            }
            send = candidate;
        }
        lockForeground();
        try
        {
            if (send == null)
            {
                requestResendsMax = resends;
            }
            else
            {
                send.resendsMax = resends;
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Registers the unexpected-message handler ({@code mx_register_unexp_handler}); null removes it.
     */
    public void registerUnexpectedHandler(final MxUnexpectedHandler handler)
    {
        lockForeground();
        try
        {
            unexpectedHandler = handler;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** Wakes every thread blocked in wait, wait_any, peek, probe or connect on this endpoint ({@code mx_wakeup}). */
    public void wakeup()
    {
        lockForeground();
        try
        {
            wakeups++;
            progressed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        driverEndpoint.wakeup();
    }

    /**
     * Progresses the endpoint once ({@code mx_progress}): polls driver events, runs due timers (acks, resends).
     *
     * @return the amount of work done; 0 if there was nothing to do.
     */
    public int progress()
    {
        lockForeground();
        try
        {
            return progressForeground();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return messages (notifies included) handed to the driver and not yet acknowledged by their partners, plus
     * sends waiting for a seqnum (throttled); 0 once every partner has acknowledged everything sent so far. A caller
     * about to {@link #close()} progresses until this is 0 to be sure its last messages arrived (close abandons
     * them). Any thread.
     */
    public int unacknowledgedSends()
    {
        lock.lock();
        try
        {
            int count = 0;
            for (final Partner partner : partners.all())
            {
                count += partner.nonAcked.size() + partner.needSeqnum.size();
            }
            return count;
        }
        finally
        {
            lock.unlock();
        }
    }

    /** @return the current value of a counter (any thread). */
    public long counter(final MxCounter counter)
    {
        return counters.get(counter);
    }

    /** @return true once closed. */
    public boolean isClosed()
    {
        lockForeground();
        try
        {
            return closed;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Closes the endpoint ({@code mx_close_endpoint}): sends the delayed acks, stops background progress, closes the
     * driver endpoint (peers that still send get NACKs). Pending requests are abandoned. Idempotent.
     *
     * @throws MxException CLOSE_IN_HANDLER from inside the unexpected handler.
     */
    @Override
    public void close()
    {
        lockForeground();
        try
        {
            if (inHandler)
            {
                throw new MxException(MxReturn.CLOSE_IN_HANDLER, "close from the unexpected handler");
            }
            if (closed)
            {
                return;
            }
            acker.flush();
            closed = true;
            progressed.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        if (progressThread != null)
        {
            progressThread.shutdown();
        }
        lockForeground();
        try
        {
            driverEndpoint.close();
        }
        finally
        {
            lock.unlock();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Progress engine (endpoint lock held)

    long now()
    {
        return System.nanoTime();
    }

    long lastForegroundNanos()
    {
        return lastForegroundNanos;
    }

    /**
     * Takes the endpoint lock for an application thread. It says so first, so that the background thread steps aside
     * at its next check, and spins briefly while the background thread finishes a pass rather than parking at once (a
     * park and wake-up costs tens of microseconds, a background pass a few).
     */
    private void lockForeground()
    {
        LAST_FOREGROUND.setRelease(this, System.nanoTime());
        if (lock.tryLock())
        {
            return;
        }
        for (int i = 0; i < FOREGROUND_LOCK_SPINS; i++)
        {
            Thread.onSpinWait();
            if (lock.tryLock())
            {
                return;
            }
        }
        lock.lock();
    }

    /** A progress pass by an application thread, which {@link #lockForeground()} has announced. */
    private int progressForeground()
    {
        return progressLocked();
    }

    /** Progress attempted by the background thread: never waits for the lock. */
    int backgroundProgress()
    {
        if (!lock.tryLock())
        {
            return 0;
        }
        try
        {
            final int work = progressLocked();
            if (work > 0)
            {
                counters.increment(MxCounter.BACKGROUND_PROGRESS);
            }
            return work;
        }
        finally
        {
            lock.unlock();
        }
    }

    private int progressLocked()
    {
        if (closed || inHandler)
        {
            return 0;
        }
        int work = driverEndpoint.poll(eventHandler, config.eventsPerPoll());
        work += driverEndpoint.lastPollWork(); // frames the driver handled alone (pull replies) are work too
        final long now = now();
        if (now - nextTimerNanos >= 0)
        {
            nextTimerNanos = now + timerPeriodNanos;
            work += timers(now);
        }
        if (completions.takeCompletedSinceSignal() && waiters > 0)
        {
            progressed.signalAll();
        }
        return work;
    }

    private int timers(final long now)
    {
        int work = acker.sendDue(now);
        for (final Partner partner : partners.all())
        {
            if (!partner.nonAcked.isEmpty())
            {
                work += sender.resend(partner, now);
            }
        }
        work += large.probe(now);
        work += connector.timers(now);
        statistics.publishIfDue(now, partners.all());
        return work;
    }

    /**
     * Spins a little, then sleeps, before a blocking call retries (endpoint lock held, and held again on return).
     *
     * <p>Poll first, sleep later: for {@link MxEndpointConfig#spinNanos()} the caller only lets go of the lock
     * between passes. After that one waiting thread sleeps in the driver ({@link DriverEndpoint#await}), which the
     * arrival of a frame wakes (no one else would progress the endpoint for it: the background thread stays out while
     * a caller waits), for at most the timer period so that delayed acks and resends still go; any other waiter parks
     * until a progress pass completes something or the driver sleeper hands over.
     *
     * @param wakeupsAtStart {@link #wakeups} when the call started, or -1 to ignore wake-ups.
     * @return false if the call must return: timed out, woken up, closed or interrupted.
     */
    private boolean pause(final long start, final long timeoutNanos, final long wakeupsAtStart)
    {
        if (closed || (wakeupsAtStart >= 0 && wakeups != wakeupsAtStart))
        {
            return false;
        }
        final long now = System.nanoTime();
        final long left = timeoutNanos - (now - start);
        if (left <= 0)
        {
            return false;
        }
        if (now - start < config.spinNanos())
        {
            lock.unlock();
            Thread.onSpinWait();
            lockForeground();
            return true;
        }
        waiters++;
        try
        {
            if (driverSleeper)
            {
                progressed.awaitNanos(Math.min(left, config.parkNanos()));
            }
            else
            {
                sleepInDriver(Math.min(left, timerPeriodNanos));
            }
            return true;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        finally
        {
            waiters--;
        }
    }

    /** Sleeps in the driver without the endpoint lock until an event may be pending (endpoint lock held). */
    private void sleepInDriver(final long nanos)
    {
        driverSleeper = true;
        blockedWaiters++;
        lock.unlock();
        try
        {
            driverEndpoint.await(nanos);
        }
        finally
        {
            lockForeground();
            blockedWaiters--;
            driverSleeper = false;
            LAST_FOREGROUND.setRelease(this, System.nanoTime());
            if (waiters > 1)
            {
                progressed.signal(); // another waiter takes over the driver if this one is done
            }
        }
    }

    /** @return true while an application thread sleeps in a blocking call (the background thread stays out). */
    boolean foregroundBlocked()
    {
        return blockedWaiters > 0;
    }

    private void onEvent(final DriverEvent event)
    {
        switch (event.type())
        {
            case RECV_CONNECT_REQUEST:
                connector.onRequest(event);
                break;
            case RECV_CONNECT_REPLY:
                connector.onReply(event);
                break;
            case RECV_TINY:
            case RECV_SMALL:
            case RECV_MEDIUM_FRAG:
            case RECV_RNDV:
            case RECV_NOTIFY:
                receiver.onMessage(event);
                break;
            case RECV_LIBACK:
                final Partner acking = partners.get(event.peerIndex(), event.srcEndpoint());
                if (acking != null)
                {
                    acker.onLiback(acking, event.seqnum(), event.acknum());
                }
                break;
            case RECV_NACK_LIB:
                onNack(event);
                break;
            case SEND_MEDIUMSQ_FRAG_DONE:
                sender.onFragmentDone(event.sendqOffset());
                break;
            case PULL_DONE:
                large.onPullDone((int)event.cookie(), event.status());
                break;
            default:
                break;
        }
    }

    private void onNack(final DriverEvent event)
    {
        final Partner partner = partners.get(event.peerIndex(), event.srcEndpoint());
        if (partner == null)
        {
            return;
        }
        counters.increment(MxCounter.NACKS_RECEIVED);
        final MxStatusCode code = fromNack(event.nackType());
        if (event.seqnum() == 0 && connector.failOldest(partner, code))
        {
            return;
        }
        if (refused(partner, event.seqnum()))
        {
            partner.failure = code;
            cleanupPartner(partner, code, false);
        }
    }

    private boolean refused(final Partner partner, final int seqnum)
    {
        for (Chain.Node<MxRequest> node = partner.nonAcked.first(); node != null; node = node.next)
        {
            if (((SendRequest)node.item).seqnum == seqnum)
            {
                return true;
            }
        }
        return large.awaitingNotify(partner, seqnum) != null;
    }

    private static MxStatusCode fromNack(final int nackType)
    {
        switch (nackType)
        {
            case NackType.BAD_ENDPT:
                return MxStatusCode.BAD_ENDPOINT;
            case NackType.BAD_SESSION:
                return MxStatusCode.BAD_SESSION;
            default:
                return MxStatusCode.ENDPOINT_CLOSED;
        }
    }

    /** The partner never answered: fail everything in flight with it, and later sends at once. */
    void partnerUnreachable(final Partner partner)
    {
        counters.increment(MxCounter.UNREACHABLE);
        partner.failure = MxStatusCode.ENDPOINT_UNREACHABLE;
        cleanupPartner(partner, MxStatusCode.ENDPOINT_UNREACHABLE, false);
    }

    /**
     * Drops everything in flight with {@code partner} (Open-MX's {@code omx__partner_cleanup}): pending sends,
     * connects and partial receives complete with {@code code}; early and unexpected messages are dropped; the
     * receive session number is bumped so the old incarnation's packets are ignored.
     *
     * @param disconnect true to also forget the peer's sessions (a reconnect is then needed).
     */
    void cleanupPartner(final Partner partner, final MxStatusCode code, final boolean disconnect)
    {
        MxRequest request;
        while ((request = partner.nonAcked.poll()) != null)
        {
            sender.acked((SendRequest)request, code);
        }
        large.dropAwaiting(partner, code);
        sender.dropUnsent(partner, code);
        connector.dropAll(partner, code);
        while ((request = partner.partials.poll()) != null)
        {
            final RecvRequest receive = (RecvRequest)request;
            receive.state &= ~MxRequest.RECV_PARTIAL;
            receive.queueNode.unlink();
            completions.complete(receive.segments != null ? receive : receive.owner, code);
        }
        while (partner.early.poll() != null)
        {
            counters.increment(MxCounter.EARLY_DROPPED);
        }
        matcher.dropUnexpectedFrom(partner);
        partner.ackNode.unlink();
        final int next = SeqNum.nextSession(partner.nextMatchRecvSeq);
        partner.nextMatchRecvSeq = next;
        partner.nextFragRecvSeq = next;
        partner.lastAckedRecvSeq = next;
        partner.nextAckedSendSeq = partner.nextSendSeq;
        if (disconnect)
        {
            partner.trueSessionId = Partner.UNKNOWN_SESSION;
            partner.backSessionId = Partner.UNKNOWN_SESSION;
            partner.failure = null;
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Matching helpers shared by the receive paths (endpoint lock held)

    /**
     * Runs the unexpected handler, if any, with progression disabled.
     *
     * @param data the message bytes when available, else null.
     */
    MxUnexpectedHandler.Action callUnexpectedHandler(
        final Partner partner, final long matchInfo, final int length, final ByteBuffer data)
    {
        if (unexpectedHandler == null)
        {
            return MxUnexpectedHandler.Action.CONTINUE;
        }
        inHandler = true;
        try
        {
            final MxUnexpectedHandler.Action action = unexpectedHandler.onUnexpected(partner.address(), matchInfo,
                length, data == null ? null : data.asReadOnlyBuffer());
            return action == null ? MxUnexpectedHandler.Action.CONTINUE : action;
        }
        finally
        {
            inHandler = false;
        }
    }

    /** An application receive matched an unexpected message: take it over. */
    private void takeUnexpected(final RecvRequest message, final RecvRequest receive)
    {
        receive.matched(message.partner, message.status.matchInfo(), message.msgLength);
        if (message.rndv)
        {
            receive.rndv = true;
            receive.remoteRegionId = message.remoteRegionId;
            receive.remoteRegionSeq = message.remoteRegionSeq;
            receive.remoteRegionOffset = message.remoteRegionOffset;
            large.startPull(receive);
        }
        else if (message.has(MxRequest.RECV_PARTIAL))
        {
            message.owner = receive;
        }
        else
        {
            deliverUnexpected(message, receive);
        }
    }

    /** Copies a complete unexpected message (or self send) into the receive that matched it and completes both. */
    void deliverUnexpected(final RecvRequest message, final RecvRequest receive)
    {
        receive.matched(message.partner, message.status.matchInfo(), message.msgLength);
        final SendRequest selfSend = message.selfSend;
        if (selfSend != null)
        {
            selfSend.segments.copyTo(receive.segments, receive.xferLength);
            selfSend.state &= ~MxRequest.UNEXPECTED_SELF_SEND;
            selfSend.buffered = true;
            completions.complete(selfSend, MxStatusCode.SUCCESS);
        }
        else
        {
            receive.segments.scatter(0, message.data, 0, receive.xferLength);
        }
        receiver.completeReceive(receive);
    }

    /** The self path (Open-MX's {@code omx__process_self_send}): never touches the driver. */
    private void sendToSelf(final SendRequest send)
    {
        final long info = send.matchInfo;
        final int length = send.length;
        RecvRequest receive = matcher.matchPosted(info);
        if (receive == null)
        {
            final ByteBuffer data = unexpectedHandler != null && length <= fragmentLength
                ? send.segments.copy(length) : null;
            if (callUnexpectedHandler(selfPartner, info, length, data) == MxUnexpectedHandler.Action.FINISHED)
            {
                send.buffered = true;
                completions.complete(send, MxStatusCode.SUCCESS);
                return;
            }
            receive = matcher.matchPosted(info);
        }
        counters.increment(MxCounter.MESSAGES_SENT);
        counters.increment(MxCounter.MESSAGES_RECEIVED);
        if (receive != null)
        {
            receive.matched(selfPartner, info, length);
            send.segments.copyTo(receive.segments, receive.xferLength);
            receiver.completeReceive(receive);
            send.buffered = true;
            completions.complete(send, MxStatusCode.SUCCESS);
            return;
        }
        final RecvRequest message = RecvRequest.unexpected(this, selfPartner, info, length);
        if (!send.synchronous && length <= rndvThreshold)
        {
            message.data = send.segments.copy(length);
            send.buffered = true;
            completions.complete(send, MxStatusCode.SUCCESS);
        }
        else
        {
            message.selfSend = send;
            send.state |= MxRequest.UNEXPECTED_SELF_SEND;
        }
        matcher.addUnexpected(message);
        counters.increment(MxCounter.UNEXPECTED);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Argument checks

    private Partner partnerOf(final MxEndpointAddress address)
    {
        if (address == null || partners.get(address.partner.peerIndex, address.partner.endpointIndex)
            != address.partner)
        {
            throw new MxException(MxReturn.BAD_ENDPOINT, "address " + address + " does not belong to this endpoint");
        }
        return address.partner;
    }

    private void checkRequest(final MxRequest request)
    {
        if (request == null || request.endpoint != this)
        {
            throw new MxException(MxReturn.BAD_REQUEST, "request does not belong to this endpoint");
        }
    }

    private void checkMask(final long matchInfo, final long matchMask)
    {
        if ((matchInfo & ~matchMask) != 0)
        {
            throw new MxException(MxReturn.BAD_MATCH_MASK, String.format(
                "match info 0x%016x has bits outside mask 0x%016x", matchInfo, matchMask));
        }
        config.contextIds().checkMask(matchMask);
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new MxException(MxReturn.BAD_ENDPOINT, "endpoint " + endpointId() + " is closed");
        }
    }

    private static long timeoutNanos(final long timeoutMillis)
    {
        return timeoutMillis == Mx.INFINITE ? FOREVER_NANOS : TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    private static String describe(final long nicId, final int endpointId)
    {
        return String.format("%012x:%d", nicId, endpointId);
    }

    @Override
    public String toString()
    {
        return "MxEndpoint[" + describe(nicId(), endpointId()) + " session=" + Integer.toHexString(sessionId()) + "]";
    }
}
