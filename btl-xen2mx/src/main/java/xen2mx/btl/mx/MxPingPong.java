package xen2mx.btl.mx;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.lib.MxEndpointAddress;
import xen2mx.btl.mx.lib.MxException;
import xen2mx.btl.mx.lib.MxRequest;
import xen2mx.btl.mx.lib.MxStatus;

/**
 * An {@code omx_pingpong}-like tool on the MX API, over the native driver, or with {@code -b SOCKET} through the
 * host's paravirtual backend (the only way while a backend owns the interface: two drivers on one interface answer
 * each other's frames).
 *
 * <pre>
 *   host B:  java xen2mx.btl.mx.MxPingPong [-i IF | -b SOCKET] [-e EID]          (waits for a client, then answers)
 *   host A:  java xen2mx.btl.mx.MxPingPong [-i IF | -b SOCKET] -d MAC -r EID [-N iter] [-S start] [-E end] [-M mult]
 * </pre>
 *
 * The client connects, sends its parameters and address in a tiny message, the server connects back, then each
 * size is ping-ponged {@code iter} times; the client prints one line per size: length, half round-trip latency in
 * microseconds and bandwidth in MB/s. Every wait is bounded (10 s without progress aborts).
 */
public final class MxPingPong
{
    private static final int KEY = 0x0FE1_0FE1;
    private static final long PARAM_TAG = 0x7A7AL;
    private static final long DATA_TAG = 0x1L;
    private static final long WAIT_MILLIS = 10_000;

    private String interfaceName;
    private Path backend;
    private int endpointId = Mx.ANY_ENDPOINT;
    private long destination = -1;
    private int remoteEndpoint;
    private int iterations = 1000;
    private int start;
    private int end = 4 * 1024 * 1024;
    private int multiplier = 2;

    private MxPingPong()
    {
    }

    /** Entry point; exits with 1 on error, printing one line. */
    public static void main(final String[] args)
    {
        try
        {
            final MxPingPong tool = parse(args);
            try (Driver driver = tool.backend != null ? FrontendDriver.attach(tool.backend)
                    : NativeDrivers.open(tool.interfaceName);
                MxEndpoint endpoint = MxEndpoint.open(driver, 0, tool.endpointId, KEY))
            {
                if (tool.destination < 0)
                {
                    tool.serve(endpoint, System.out);
                }
                else
                {
                    tool.ping(endpoint, System.out);
                }
            }
        }
        catch (final BtlException | MxException | IllegalArgumentException e)
        {
            System.err.println("mx-pingpong: " + e.getMessage());
            System.exit(1);
        }
    }

    static MxPingPong parse(final String[] args)
    {
        final MxPingPong tool = new MxPingPong();
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null)
            {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i++])
            {
                case "-i" -> tool.interfaceName = value;
                case "-b" -> tool.backend = Path.of(value);
                case "-e" -> tool.endpointId = Integer.parseInt(value);
                case "-d" -> tool.destination = parseMac(value);
                case "-r" -> tool.remoteEndpoint = Integer.parseInt(value);
                case "-N" -> tool.iterations = Integer.parseInt(value);
                case "-S" -> tool.start = Integer.parseInt(value);
                case "-E" -> tool.end = Integer.parseInt(value);
                case "-M" -> tool.multiplier = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]
                    + " (use -i IF or -b SOCKET, -e EID -d MAC -r EID -N iter -S start -E end -M mult)");
            }
        }
        if (tool.interfaceName != null && tool.backend != null)
        {
            throw new IllegalArgumentException("-i and -b exclude each other: a backend owns its interface");
        }
        if (tool.iterations < 1 || tool.start < 0 || tool.end < tool.start || tool.multiplier < 2)
        {
            throw new IllegalArgumentException("need -N >= 1, 0 <= -S <= -E, -M >= 2");
        }
        return tool;
    }

    static long parseMac(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (final String part : parts)
        {
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    /** Client side: connects to the server, ping-pongs every size, prints the results. */
    void ping(final MxEndpoint endpoint, final PrintStream out)
    {
        final MxEndpointAddress server = endpoint.connect(destination, remoteEndpoint, KEY, WAIT_MILLIS);
        final ByteBuffer param = ByteBuffer.allocate(28).putLong(0, endpoint.nicId()).putInt(8, endpoint.endpointId())
            .putInt(12, iterations).putInt(16, start).putInt(20, end).putInt(24, multiplier);
        await(endpoint, endpoint.isend(param, server, PARAM_TAG, null));
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(end, 1));
        out.printf(Locale.ROOT, "%10s %12s %12s%n", "length", "latency(us)", "MB/s");
        for (int length = start; length <= end; length = next(length))
        {
            final ByteBuffer message = buffer.duplicate().limit(length);
            final long begin = System.nanoTime();
            for (int i = 0; i < iterations; i++)
            {
                await(endpoint, endpoint.isend(message, server, DATA_TAG, null));
                await(endpoint, endpoint.irecv(message, DATA_TAG, Mx.MATCH_MASK_NONE, null));
            }
            final double halfRoundTripMicros = (System.nanoTime() - begin) / 1000.0 / iterations / 2;
            out.printf(Locale.ROOT, "%10d %12.2f %12.2f%n", length, halfRoundTripMicros,
                length / halfRoundTripMicros);
        }
    }

    /** Server side: waits for one client, connects back, answers every message of every size. */
    void serve(final MxEndpoint endpoint, final PrintStream out)
    {
        out.printf(Locale.ROOT, "mx-pingpong: waiting on %s endpoint %d%n",
            new MxBtlAddress(endpoint.nicId(), endpoint.endpointId()), endpoint.endpointId());
        final ByteBuffer param = ByteBuffer.allocate(28);
        final MxRequest first = endpoint.irecv(param, PARAM_TAG, Mx.MATCH_MASK_NONE, null);
        final MxStatus status = new MxStatus();
        while (!endpoint.wait(first, 1000, status))
        {
            Thread.onSpinWait();
        }
        final MxEndpointAddress client = endpoint.connect(param.getLong(0), param.getInt(8), KEY, WAIT_MILLIS);
        final int count = param.getInt(12);
        final int last = param.getInt(20);
        final int factor = param.getInt(24);
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(last, 1));
        for (int length = param.getInt(16); length <= last; length = next(length, factor))
        {
            final ByteBuffer message = buffer.duplicate().limit(length);
            for (int i = 0; i < count; i++)
            {
                await(endpoint, endpoint.irecv(message, DATA_TAG, Mx.MATCH_MASK_NONE, null));
                await(endpoint, endpoint.isend(message, client, DATA_TAG, null));
            }
        }
    }

    private int next(final int length)
    {
        return next(length, multiplier);
    }

    private static int next(final int length, final int factor)
    {
        return length == 0 ? 1 : length > Integer.MAX_VALUE / factor ? Integer.MAX_VALUE : length * factor;
    }

    private static void await(final MxEndpoint endpoint, final MxRequest request)
    {
        if (!endpoint.wait(request, WAIT_MILLIS, null))
        {
            throw new MxException(xen2mx.btl.mx.lib.MxReturn.TIMEOUT, "no progress for " + WAIT_MILLIS + " ms");
        }
    }
}
