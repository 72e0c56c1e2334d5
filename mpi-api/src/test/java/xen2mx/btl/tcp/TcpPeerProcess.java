package xen2mx.btl.tcp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.match.MatchEngine;

/**
 * Two-process plumbing for tests and benchmarks: starts a second JVM on the test class path and exchanges tcp
 * addresses through files in a shared directory (written to a temporary name, then renamed, so a reader never sees
 * half a file).
 */
final class TcpPeerProcess
{
    private TcpPeerProcess()
    {
    }

    /** Starts {@code mainClass} in a new JVM with the given arguments; its output goes to {@code log}. */
    static Process start(final Class<?> mainClass, final Path log, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Opens rank {@code rank} of a two-rank world and connects it to the other rank through {@code directory}. */
    static TcpBtl openAndConnect(final int rank, final Path directory, final String jobId,
        final Map<String, String> parameters) throws IOException, InterruptedException
    {
        final TcpBtl btl = new TcpBtl(new BtlContext(rank, 2, jobId, parameters, new MatchEngine()));
        final Path mine = directory.resolve("address-" + rank);
        final Path temporary = directory.resolve("address-" + rank + ".tmp");
        Files.write(temporary, btl.localAddress());
        Files.move(temporary, mine, StandardCopyOption.ATOMIC_MOVE);
        final Path theirs = directory.resolve("address-" + (1 - rank));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(theirs))
        {
            if (System.nanoTime() > deadline)
            {
                btl.close();
                throw new IOException("no address from rank " + (1 - rank) + " in " + directory + " within 30 s");
            }
            Thread.sleep(5);
        }
        final byte[][] addresses = new byte[2][];
        addresses[rank] = btl.localAddress();
        addresses[1 - rank] = Files.readAllBytes(theirs);
        btl.connect(addresses);
        return btl;
    }

    /** Busy-polls until the request completes or {@code seconds} pass. */
    static void await(final TcpBtl btl, final BtlRequest request, final int seconds)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!request.isComplete())
        {
            btl.progress();
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("request not complete after " + seconds + " s");
            }
        }
    }

    static String describe(final File file) throws IOException
    {
        return file.exists() ? Files.readString(file.toPath()) : "(no output)";
    }
}
