package xen2mx.btl.tcp;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import xen2mx.btl.BtlRequest;

/**
 * Latency and bandwidth of the tcp module between two JVMs on this host, busy polling (a hand-run harness, not a
 * test). Run rank 0; it starts rank 1 itself:
 * <pre>
 *   java -cp mpi-api/target/classes:mpi-api/target/test-classes xen2mx.btl.tcp.TcpPingPong [heap] [key=value ...]
 *
 *   rank 0 (this JVM)                 rank 1 (child JVM)
 *   ping-pong:  isend ------------->  irecv
 *               irecv <-------------  isend          one-way latency = round trip / 2
 *   bandwidth:  64 x isend -------->  64 x irecv
 *               irecv <-------------  4-byte ack     bytes / time per window
 * </pre>
 * {@code heap} uses heap buffers (as {@code ByteBuffer.wrap} of Java arrays does) instead of direct ones; other
 * arguments are MCA parameters, e.g. {@code btl_tcp_eager_limit=32768}.
 */
public final class TcpPingPong
{
    private static final int WINDOW = 64;
    private static final int BATCHES = 21;
    private static final int[] LATENCY_SIZES = {8, 1024, 16 * 1024, 32 * 1024, 48 * 1024, 64 * 1024, 64 * 1024 + 1,
        80 * 1024, 96 * 1024, 128 * 1024, 192 * 1024, 256 * 1024};
    private static final int[] BANDWIDTH_SIZES = {64 * 1024, 128 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024};

    private TcpPingPong()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean child = args.length > 0 && args[0].equals("--rank1");
        final int first = child ? 2 : 0;
        final Path directory = child ? Path.of(args[1]) : Files.createTempDirectory("tcp-pingpong");
        boolean heap = false;
        final Map<String, String> parameters = new HashMap<>();
        for (int i = first; i < args.length; i++)
        {
            if (args[i].equals("heap"))
            {
                heap = true;
            }
            else if (args[i].contains("="))
            {
                parameters.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
            }
        }
        Process peer = null;
        if (!child)
        {
            final String[] childArgs = new String[args.length + 2];
            childArgs[0] = "--rank1";
            childArgs[1] = directory.toString();
            System.arraycopy(args, 0, childArgs, 2, args.length);
            peer = TcpPeerProcess.start(TcpPingPong.class, directory.resolve("rank1.log"), childArgs);
        }
        final int rank = child ? 1 : 0;
        try (TcpBtl btl = TcpPeerProcess.openAndConnect(rank, directory, "pingpong", parameters))
        {
            final int max = 4 * 1024 * 1024;
            final ByteBuffer[] out = new ByteBuffer[WINDOW];
            final ByteBuffer[] in = new ByteBuffer[WINDOW];
            for (int i = 0; i < WINDOW; i++)
            {
                out[i] = heap ? ByteBuffer.allocate(max) : ByteBuffer.allocateDirect(max);
                in[i] = heap ? ByteBuffer.allocate(max) : ByteBuffer.allocateDirect(max);
            }
            if (!child)
            {
                System.out.printf("# tcp BTL, two JVMs over loopback, %s buffers, eager limit %d, params %s%n",
                    heap ? "heap" : "direct", btl.limits().eagerLimit(), parameters);
                System.out.printf("# %-10s %14s %10s %10s   (one-way us over %d batches)%n", "size", "median",
                    "min", "mean", BATCHES);
            }
            for (final int size : LATENCY_SIZES)
            {
                final int iterations = size <= 1024 ? 2_000 : size <= 64 * 1024 ? 200 : 100;
                pingPong(btl, rank, out[0], in[0], size, iterations * 5);
                final double[] batches = new double[BATCHES];
                for (int b = 0; b < BATCHES; b++)
                {
                    final long start = System.nanoTime();
                    pingPong(btl, rank, out[0], in[0], size, iterations);
                    batches[b] = (System.nanoTime() - start) / 1e3 / iterations / 2;
                }
                java.util.Arrays.sort(batches);
                if (!child)
                {
                    System.out.printf("  %-10d %14.2f %10.2f %10.2f%n", size, batches[BATCHES / 2], batches[0],
                        java.util.Arrays.stream(batches).average().orElse(0));
                }
            }
            if (!child)
            {
                System.out.printf("# %-10s %14s   (window of %d isends)%n", "size", "MB/s", WINDOW);
            }
            for (final int size : BANDWIDTH_SIZES)
            {
                final int windows = Math.max(5, (int)(2_000_000_000L / ((long)size * WINDOW)));
                stream(btl, rank, out, in, size, 2);
                final long start = System.nanoTime();
                stream(btl, rank, out, in, size, windows);
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (!child)
                {
                    System.out.printf("  %-10d %14.1f%n", size, (double)size * WINDOW * windows / seconds / 1e6);
                }
            }
        }
        if (peer != null && !peer.waitFor(30, TimeUnit.SECONDS))
        {
            peer.destroyForcibly();
            System.err.println("rank 1 did not exit: " + Files.readString(directory.resolve("rank1.log")));
        }
    }

    private static void pingPong(final TcpBtl btl, final int rank, final ByteBuffer out, final ByteBuffer in,
        final int size, final int iterations)
    {
        out.clear().limit(size);
        in.clear().limit(size);
        for (int i = 0; i < iterations; i++)
        {
            if (rank == 0)
            {
                final BtlRequest receive = btl.irecv(1, -1L, in);
                waitFor(btl, btl.isend(1, 1, out, false));
                waitFor(btl, receive);
            }
            else
            {
                waitFor(btl, btl.irecv(1, -1L, in));
                waitFor(btl, btl.isend(0, 1, out, false));
            }
        }
    }

    private static void stream(final TcpBtl btl, final int rank, final ByteBuffer[] out, final ByteBuffer[] in,
        final int size, final int windows)
    {
        final BtlRequest[] requests = new BtlRequest[WINDOW];
        final ByteBuffer ack = ByteBuffer.allocateDirect(4);
        for (int w = 0; w < windows; w++)
        {
            for (int i = 0; i < WINDOW; i++)
            {
                if (rank == 0)
                {
                    requests[i] = btl.isend(1, 2, out[i].clear().limit(size), false);
                }
                else
                {
                    requests[i] = btl.irecv(2, -1L, in[i].clear().limit(size));
                }
            }
            for (final BtlRequest request : requests)
            {
                waitFor(btl, request);
            }
            if (rank == 0)
            {
                waitFor(btl, btl.irecv(3, -1L, ack.clear()));
            }
            else
            {
                waitFor(btl, btl.isend(0, 3, ack.clear(), false));
            }
        }
    }

    private static void waitFor(final TcpBtl btl, final BtlRequest request)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!request.isComplete())
        {
            btl.progress();
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("no completion within 60 s");
            }
        }
        if (request.status().code() != 0)
        {
            throw new IllegalStateException(String.valueOf(request.status()));
        }
    }
}
