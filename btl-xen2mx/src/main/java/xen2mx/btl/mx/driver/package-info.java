/**
 * The boundary between the MX library and the driver (Open-MX's ioctl set and event queues), and the driver core
 * behind it.
 *
 * <h2>The contract in one page</h2>
 * <ul>
 *   <li>{@link xen2mx.btl.mx.driver.Driver}: one per process; boards (one Ethernet interface each), the peer table
 *   (board address = MAC as a 48-bit {@code long} &lt;-&gt; peer index), and
 *   {@link xen2mx.btl.mx.driver.Driver#openEndpoint(int, int) openEndpoint}.</li>
 *   <li>{@link xen2mx.btl.mx.driver.DriverEndpoint}: one open MX endpoint. Commands are method calls with primitive
 *   parameters (Open-MX's {@code OMX_CMD_SEND_*}, {@code PULL}, regions, {@code WAKEUP}); tiny and small payloads
 *   are copied before the call returns, medium fragments are read from the endpoint's
 *   {@linkplain xen2mx.btl.mx.driver.DriverEndpoint#sendQueue() send queue} by offset, large messages move between
 *   {@linkplain xen2mx.btl.mx.driver.DriverEndpoint#createRegion(int, java.nio.ByteBuffer) regions} by the pull
 *   engine. Every command fits a fixed-size ring slot: it names memory by offset or region id, never by a pointer,
 *   and carries at most {@value xen2mx.btl.mx.driver.DriverLimits#SMALL_LENGTH_MAX} inline payload bytes.</li>
 *   <li>Events: {@link xen2mx.btl.mx.driver.DriverEndpoint#poll(DriverEventHandler, int) poll} hands a
 *   pre-allocated, mutable {@link xen2mx.btl.mx.driver.DriverEvent} to a
 *   {@link xen2mx.btl.mx.driver.DriverEventHandler}, once per event; the types are Open-MX's
 *   ({@link xen2mx.btl.mx.driver.EventType}). An event is a fixed set of primitive fields plus at most one
 *   payload (tiny, small, medium fragment), so it fits a 64-byte ring slot plus a receive-queue slot.</li>
 *   <li>What the driver does: builds and validates MXoE frames, keeps the peer table and reverse peer indexes,
 *   checks endpoints and sessions on every received frame (NACKs), runs the pull engine with its own
 *   retransmission. What it does not: sequence numbers, acks, resends, ordering, duplicate detection, matching,
 *   connect state and key checks. Those are the library's (Open-MX's split).</li>
 * </ul>
 *
 * <h2>The driver core</h2>
 * {@link xen2mx.btl.mx.driver.DriverCore} (one per board, single-threaded, an {@link xen2mx.btl.mx.driver.Agent})
 * with {@link xen2mx.btl.mx.driver.PeerTable}, {@code FrameTransmitter} (frames built with the codec, padding,
 * loopback to the own MAC through {@code LoopbackQueue}), {@code FrameReceiver} (validation order: codec checks,
 * addressed to us, known peer, open endpoint, session, queue room; NACK_LIB / NACK_MCP as the protocol asks) and
 * {@code PullEngine} (pull handles with generations, four blocks in flight, frame bitmaps, timer and early
 * retransmission, stateless replier). It sees an endpoint's owner only as an
 * {@link xen2mx.btl.mx.driver.EndpointOwner}, so the same classes serve:
 * <ul>
 *   <li>{@link xen2mx.btl.mx.driver.NativeDriver}: the rank owns a raw socket; events go to an in-process
 *   {@code EventQueue}; a lock serialises commands and the duty cycle, run by the caller's poll/await
 *   ({@link xen2mx.btl.mx.driver.ThreadingMode#INVOKER}) or by a daemon thread
 *   ({@link xen2mx.btl.mx.driver.ThreadingMode#DEDICATED});</li>
 *   <li>later, the backend: the same core for every guest of a host, its owners writing into guest rings.</li>
 * </ul>
 * Counters: {@link xen2mx.btl.mx.driver.DriverCounter} (stable ids) in {@link xen2mx.btl.mx.driver.DriverCounters}.
 */
package xen2mx.btl.mx.driver;
