package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * Raw ping-pong and streaming over {@link RawSocketChannel}, frame for frame like the C floor
 * ({@code shared/tools/floor/rawpp.c}, whose frame layout it shares, so a Java side can face a C side):
 *
 * <pre>
 *   RawPingPong pong  IFACE [busy] [qdisc] [ring=BYTES]                        echo every frame to its source
 *   RawPingPong ping  IFACE DSTMAC FRAMELEN ITERS [busy] [qdisc] [ring=BYTES]  round trips; RTT/2 statistics (us)
 *   RawPingPong sink  IFACE [busy] [qdisc] [ring=BYTES]                        count frames until an END frame
 *   RawPingPong blast IFACE DSTMAC FRAMELEN SECONDS [qdisc]                    send flat out, then END frames
 *
 *   frame: | dst 6 | src 6 | 0x86DF 2 (big-endian) | kind u32 (host order) | seq u32 (host order) | 0xab ... |
 *
 *   namespace A (ping/blast) ---- veth ---- namespace B (pong/sink)
 * </pre>
 *
 * FRAMELEN is the whole frame (14-byte header included). {@code busy} spins on the receive ring instead of sleeping in
 * {@code ppoll}. Like the floor, the socket bypasses the qdisc unless {@code qdisc} is given; {@code ring} sets the
 * receive ring's size (64 MiB otherwise, as much buffering as the floor's {@code SO_RCVBUF}). Run each side inside its
 * namespace, e.g. {@code ip netns exec B java -cp ... xen2mx.btl.mx.media.RawPingPong pong mx0 busy}.
 */
public final class RawPingPong
{
    private static final int KIND_DATA = 1;
    private static final int KIND_END = 2;
    private static final int KIND_PING = 3;
    private static final int KIND_OFFSET = 14;
    private static final int SEQUENCE_OFFSET = 18;
    private static final int HEADER_LENGTH = 22;
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;
    /** As much receive buffering as the floor's 64 MiB {@code SO_RCVBUF}. */
    private static final int RING_BYTES = 64 << 20;

    private final RawSocketChannel channel;
    private final boolean busy;
    private final ByteBuffer out;
    private final byte[] ownMac;
    private int lastKind;
    private int lastSequence;
    private int lastLength;

    private RawPingPong(final RawSocketChannel channel, final boolean busy)
    {
        this.channel = channel;
        this.busy = busy;
        this.out = ByteBuffer.allocateDirect(channel.maxFrameLength()).order(ByteOrder.nativeOrder());
        this.ownMac = channel.macAddress();
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        if (args.length < 2)
        {
            System.err.println("usage: RawPingPong pong|ping|sink|blast IFACE ... (see the class javadoc)");
            System.exit(1);
        }
        final boolean busy = Arrays.asList(args).contains("busy");
        final boolean throughQdisc = Arrays.asList(args).contains("qdisc");
        int ringBytes = RING_BYTES;
        for (final String argument : args)
        {
            if (argument.startsWith("ring="))
            {
                ringBytes = Integer.parseInt(argument.substring("ring=".length()));
            }
        }
        final RawSocketOptions options = RawSocketOptions.DEFAULT.withQdiscBypass(!throughQdisc)
            .withRingBytes(ringBytes);
        try (RawSocketChannel channel = RawSocketChannel.open(args[1], options))
        {
            final RawPingPong tool = new RawPingPong(channel, busy);
            switch (args[0])
            {
                case "pong" -> tool.pong();
                case "ping" -> tool.ping(MacAddresses.parse(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
                case "sink" -> tool.sink();
                case "blast" -> tool.blast(MacAddresses.parse(args[2]), Integer.parseInt(args[3]),
                    Double.parseDouble(args[4]));
                default ->
                {
                    System.err.println("unknown mode " + args[0]);
                    System.exit(1);
                }
            }
        }
        catch (final MediaException | IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.exit(2);
        }
    }

    private void pong()
    {
        final EthernetChannel.FrameHandler echo = this::echo;
        while (lastKind != KIND_END)
        {
            if (channel.receive(echo, 16) == 0 && !busy)
            {
                channel.awaitFrames(IDLE_WAIT_NANOS);
            }
        }
        System.err.println("# pong: frames received " + channel.framesReceived() + ", kernel drops " +
            channel.takeKernelDrops());
    }

    private void echo(final ByteBuffer frame)
    {
        final int start = frame.position();
        final int length = frame.remaining();
        if (length < HEADER_LENGTH)
        {
            return;
        }
        lastKind = frame.order(ByteOrder.nativeOrder()).getInt(start + KIND_OFFSET);
        frame.order(ByteOrder.BIG_ENDIAN);
        if (lastKind == KIND_END)
        {
            return;
        }
        out.clear().put(0, frame, start, length).limit(length);
        out.put(0, frame, start + 6, 6).put(6, ownMac);
        while (!channel.send(out))
        {
            Thread.onSpinWait();
        }
    }

    private void ping(final byte[] destination, final int length, final int iterations)
    {
        fill(destination, length, KIND_PING);
        final EthernetChannel.FrameHandler record = this::record;
        final int warmUp = iterations / 10 + 100;
        final long[] roundTrips = new long[iterations];
        for (int i = -warmUp; i < iterations; i++)
        {
            out.putInt(SEQUENCE_OFFSET, i);
            lastSequence = Integer.MIN_VALUE;
            final long start = System.nanoTime();
            while (!channel.send(out))
            {
                Thread.onSpinWait();
            }
            while (lastSequence != i || lastLength != length || lastKind != KIND_PING)
            {
                if (channel.receive(record, 1) == 0 && !busy)
                {
                    channel.awaitFrames(IDLE_WAIT_NANOS);
                }
            }
            if (i >= 0)
            {
                roundTrips[i] = System.nanoTime() - start;
            }
        }
        final double sum = Arrays.stream(roundTrips).sum();
        Arrays.sort(roundTrips);
        System.out.printf(Locale.ROOT, "java-raw %s frame=%d B iters=%d  half-RTT us: avg %.2f  min %.2f  p50 %.2f" +
            "  p99 %.2f%n", busy ? "busy" : "block", length, iterations, sum / iterations / 2e3,
            roundTrips[0] / 2e3, roundTrips[iterations / 2] / 2e3, roundTrips[(int)(iterations * 0.99)] / 2e3);
        end(length);
    }

    private void record(final ByteBuffer frame)
    {
        lastLength = frame.remaining();
        if (lastLength >= HEADER_LENGTH)
        {
            frame.order(ByteOrder.nativeOrder());
            lastKind = frame.getInt(frame.position() + KIND_OFFSET);
            lastSequence = frame.getInt(frame.position() + SEQUENCE_OFFSET);
            frame.order(ByteOrder.BIG_ENDIAN);
        }
    }

    private void sink()
    {
        final long[] counts = new long[2];
        final long[] times = new long[2];
        final EthernetChannel.FrameHandler count = frame ->
        {
            record(frame);
            if (lastKind == KIND_DATA)
            {
                final long now = System.nanoTime();
                if (counts[0] == 0)
                {
                    times[0] = now;
                }
                counts[0]++;
                counts[1] += frame.remaining();
                times[1] = now;
            }
        };
        while (lastKind != KIND_END)
        {
            if (channel.receive(count, 64) == 0 && !busy)
            {
                channel.awaitFrames(IDLE_WAIT_NANOS);
            }
        }
        final double seconds = Math.max(1, times[1] - times[0]) / 1e9;
        System.out.printf(Locale.ROOT, "java-raw sink frame=%d B: frames=%d  %.3f Mpps  %.1f MB/s (frame bytes)" +
            "  %.1f MB/s (payload = frame-14)  over %.3f s%n", lastLength, counts[0], counts[0] / seconds / 1e6,
            counts[1] / seconds / 1e6, (counts[1] - 14.0 * counts[0]) / seconds / 1e6, seconds);
        System.err.println("# sink: kernel drops " + channel.takeKernelDrops());
    }

    private void blast(final byte[] destination, final int length, final double seconds)
    {
        fill(destination, length, KIND_DATA);
        final long start = System.nanoTime();
        final long end = start + (long)(seconds * 1e9);
        long sent = 0;
        long now;
        do
        {
            for (int i = 0; i < 16; i++)
            {
                out.putInt(SEQUENCE_OFFSET, (int)sent);
                if (channel.send(out))
                {
                    sent++;
                }
            }
            now = System.nanoTime();
        }
        while (now < end);
        final double elapsed = (now - start) / 1e9;
        System.out.printf(Locale.ROOT, "java-raw blast frame=%d B: sent=%d  %.3f Mpps  %.1f MB/s (frame bytes)" +
            " refused=%d over %.3f s%n", length, sent, sent / elapsed / 1e6, sent * (double)length / elapsed / 1e6,
            channel.sendsRefused(), elapsed);
        pause(200);
        end(length);
    }

    private void end(final int length)
    {
        out.putInt(KIND_OFFSET, KIND_END);
        for (int i = 0; i < 5; i++)
        {
            channel.send(out.clear().limit(length));
            pause(10);
        }
    }

    private void fill(final byte[] destination, final int length, final int kind)
    {
        if (length < HEADER_LENGTH || length > channel.maxFrameLength())
        {
            throw new IllegalArgumentException("FRAMELEN must be from " + HEADER_LENGTH + " to " +
                channel.maxFrameLength() + " on " + channel.interfaceName() + ": " + length);
        }
        out.clear().limit(length);
        for (int i = HEADER_LENGTH; i < length; i++)
        {
            out.put(i, (byte)0xab);
        }
        out.put(0, destination).put(6, ownMac).put(12, (byte)(EthernetChannel.ETHERTYPE_MXOE >>> 8))
            .put(13, (byte)EthernetChannel.ETHERTYPE_MXOE).putInt(KIND_OFFSET, kind);
    }

    private static void pause(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
