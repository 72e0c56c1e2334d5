package xen2mx.btl.mx.lib;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an endpoint publishes in its driver's statistics area ({@code DriverEndpoint#statisticsArea()}), and how a
 * tool reads it back while the endpoint runs.
 *
 * <pre>
 * area, native byte order:
 *     0  counters: COUNTER_SLOTS longs, slot = MxCounter id
 *   256  peers published (int) | 260 peer slots (int) | 264 time of publication (epoch ms, long)
 *   320  peers, PEER_LENGTH bytes each: partner board (long) | endpoint (int) | session (int) | back session (int)
 *        | flags (int: 1 failed, 2 connected) | messages sent and not acknowledged (int) | received, not acked (int)
 * </pre>
 * Counters change on every event; the peer list is rewritten by the endpoint's timers at most every
 * {@link #PUBLISH_PERIOD_NANOS}. A reader sees each value whole, the list as of a recent moment.
 */
public final class EndpointStatistics
{
    /** Counter slots at the start of the area (ids of {@link MxCounter} are below). */
    public static final int COUNTER_SLOTS = 32;
    /** Bytes of one published peer. */
    public static final int PEER_LENGTH = 32;
    /** How often the peer list is rewritten at most. */
    static final long PUBLISH_PERIOD_NANOS = 100_000_000L;

    static final int FLAG_FAILED = 1;
    static final int FLAG_CONNECTED = 2;
    private static final int OFF_PEER_COUNT = 256;
    private static final int OFF_PEER_SLOTS = 260;
    private static final int OFF_PUBLISHED = 264;
    private static final int OFF_PEERS = 320;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
        ByteOrder.nativeOrder());

    private final ByteBuffer area;
    private final int peerSlots;
    private long nextPublishNanos;

    /** @param area the driver's statistics area, or null (nothing is published then). */
    EndpointStatistics(final ByteBuffer area)
    {
        this.area = area;
        this.peerSlots = area == null ? 0 : Math.max(0, (area.capacity() - OFF_PEERS) / PEER_LENGTH);
        if (area != null)
        {
            INT.setRelease(area, OFF_PEER_SLOTS, peerSlots);
        }
    }

    /** @return the area, or null. */
    ByteBuffer area()
    {
        return area;
    }

    /**
     * Rewrites the peer list if the period has passed (endpoint lock held).
     *
     * @return 1 if it did.
     */
    int publishIfDue(final long now, final List<Partner> partners)
    {
        if (area == null || now - nextPublishNanos < 0)
        {
            return 0;
        }
        nextPublishNanos = now + PUBLISH_PERIOD_NANOS;
        publish(partners);
        return 1;
    }

    /** Rewrites the peer list now (endpoint lock held). */
    void publish(final List<Partner> partners)
    {
        if (area == null)
        {
            return;
        }
        int count = 0;
        for (final Partner partner : partners)
        {
            if (partner.self || count == peerSlots)
            {
                continue;
            }
            final int at = OFF_PEERS + count * PEER_LENGTH;
            final int flags = (partner.failure != null ? FLAG_FAILED : 0)
                | (partner.trueSessionId != Partner.UNKNOWN_SESSION ? FLAG_CONNECTED : 0);
            area.putLong(at, partner.nicId).putInt(at + 8, partner.endpointIndex)
                .putInt(at + 12, partner.trueSessionId).putInt(at + 16, partner.backSessionId).putInt(at + 20, flags)
                .putInt(at + 24, partner.unackedSent()).putInt(at + 28, partner.unackedReceived());
            count++;
        }
        LONG.setRelease(area, OFF_PUBLISHED, System.currentTimeMillis());
        INT.setRelease(area, OFF_PEER_COUNT, count);
    }

    /**
     * Reads what an endpoint published.
     *
     * @param area an endpoint's statistics area (e.g. mapped from its counters file), native byte order.
     * @return its counters and peers as of now.
     */
    public static Snapshot read(final ByteBuffer area)
    {
        final Map<MxCounter, Long> counters = new EnumMap<>(MxCounter.class);
        for (final MxCounter counter : MxCounter.values())
        {
            counters.put(counter, (long)LONG.getAcquire(area, counter.id() * Long.BYTES));
        }
        final int slots = (int)INT.getAcquire(area, OFF_PEER_SLOTS);
        final int count = Math.min(Math.max(0, (int)INT.getAcquire(area, OFF_PEER_COUNT)),
            Math.min(slots, (area.capacity() - OFF_PEERS) / PEER_LENGTH));
        final List<Peer> peers = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int at = OFF_PEERS + i * PEER_LENGTH;
            final int flags = area.getInt(at + 20);
            peers.add(new Peer(area.getLong(at), area.getInt(at + 8), area.getInt(at + 12), area.getInt(at + 16),
                (flags & FLAG_CONNECTED) != 0, (flags & FLAG_FAILED) != 0, area.getInt(at + 24),
                area.getInt(at + 28)));
        }
        return new Snapshot(counters, peers, (long)LONG.getAcquire(area, OFF_PUBLISHED));
    }

    /**
     * An endpoint's published state.
     *
     * @param counters        every library counter.
     * @param peers           the partners it knows, as of {@code publishedMillis}.
     * @param publishedMillis when the peer list was written (epoch ms), 0 if never.
     */
    public record Snapshot(Map<MxCounter, Long> counters, List<Peer> peers, long publishedMillis)
    {
    }

    /**
     * One partner of an endpoint.
     *
     * @param nicId            its board address (MAC as a 48-bit integer).
     * @param endpointId       its endpoint index.
     * @param sessionId        its session as learnt from its connect reply (-1 unknown).
     * @param backSessionId    its session as learnt from its connect request (-1 unknown).
     * @param connected        a connect to it succeeded.
     * @param failed           it refused us or stopped answering.
     * @param unackedSent      messages sent to it and not yet acknowledged.
     * @param unackedReceived  messages received from it and not yet acknowledged.
     */
    public record Peer(long nicId, int endpointId, int sessionId, int backSessionId, boolean connected,
        boolean failed, int unackedSent, int unackedReceived)
    {
    }
}
