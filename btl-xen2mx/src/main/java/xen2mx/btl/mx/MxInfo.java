package xen2mx.btl.mx;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import xen2mx.btl.mx.driver.CountersFile;
import xen2mx.btl.mx.driver.DriverCounter;
import xen2mx.btl.mx.driver.DriverCounters;
import xen2mx.btl.mx.lib.EndpointStatistics;
import xen2mx.btl.mx.lib.MxCounter;
import xen2mx.btl.mx.media.MacAddresses;
import xen2mx.btl.mx.media.NetInterface;
import xen2mx.btl.mx.media.NetInterfaces;
import xen2mx.btl.mx.media.RawSocketChannel;

/**
 * The {@code info} command ({@code btl-xen2mx/bin/x2mx-info}, Open-MX's {@code omx_info}): the interfaces of this
 * network namespace (name, MTU, MAC, state), whether raw sockets may be opened (or the one line that says how to
 * allow them), and the drivers and endpoints of the processes of this host that publish live counters
 * ({@link CountersFile}): their peers and their counters as of now (frames, bytes, resends, drops by reason, NACKs).
 *
 * <pre>
 *   x2mx-info [--dir DIR] [--all] [--clean]
 *     --dir DIR  where the counters files are (default: /dev/shm/xen2mx, or -Dxen2mx.mx.counters.dir)
 *     --all      print counters that are zero too
 *     --clean    remove the files of processes that are gone
 * </pre>
 */
public final class MxInfo
{
    private static final String USAGE = "usage: x2mx-info [--dir DIR] [--all] [--clean]";

    private Path directory;
    private boolean all;
    private boolean clean;

    private MxInfo()
    {
    }

    /**
     * Entry point.
     *
     * @param args options, see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Prints the report.
     *
     * @param args options.
     * @param out  where the report goes.
     * @param err  where a usage error goes.
     * @return the exit status: 0, or 2 for bad options.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final MxInfo info = new MxInfo();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--dir" ->
                {
                    if (i + 1 == args.length)
                    {
                        err.println(USAGE);
                        return 2;
                    }
                    info.directory = Path.of(args[++i]);
                }
                case "--all" -> info.all = true;
                case "--clean" -> info.clean = true;
                case "-h", "--help" ->
                {
                    out.println(USAGE);
                    return 0;
                }
                default ->
                {
                    err.println("x2mx-info: unknown option " + args[i] + "; " + USAGE);
                    return 2;
                }
            }
        }
        if (info.directory == null)
        {
            info.directory = CountersFile.defaultDirectory().orElse(null);
        }
        info.printInterfaces(out);
        info.printEndpoints(out);
        return 0;
    }

    private void printInterfaces(final PrintStream out)
    {
        out.println("Interfaces (this network namespace):");
        for (final NetInterface found : NetInterfaces.list())
        {
            out.printf(Locale.ROOT, "  %-15s MTU %-6d %s  %s%s%n", found.name(), found.mtu(),
                found.mac().length == MacAddresses.LENGTH ? MacAddresses.format(found.mac()) : "no MAC           ",
                found.up() ? found.running() ? "up" : "up, no carrier" : "down",
                found.loopback() ? " (loopback)" : found.ethernet() ? "" : " (not Ethernet)");
        }
        final String problem = RawSocketChannel.rawSocketProblem();
        out.println(problem == null ? "Raw sockets: CAP_NET_RAW available" : "Raw sockets: " + problem);
    }

    private void printEndpoints(final PrintStream out)
    {
        if (directory == null)
        {
            out.println("Live counters: disabled (" + CountersFile.DIRECTORY_PROP_NAME + "=none)");
            return;
        }
        final List<CountersFile.View> files = CountersFile.list(directory);
        final Map<Long, List<CountersFile.View>> byProcess = new LinkedHashMap<>();
        final List<CountersFile.View> stale = new ArrayList<>();
        for (final CountersFile.View file : files)
        {
            if (file.alive())
            {
                byProcess.computeIfAbsent(file.pid(), pid -> new ArrayList<>()).add(file);
            }
            else
            {
                stale.add(file);
            }
        }
        out.println("Processes with open endpoints (" + directory + "): " + (byProcess.isEmpty() ? "none"
            : byProcess.size()));
        for (final List<CountersFile.View> process : byProcess.values())
        {
            printProcess(out, process);
        }
        if (!stale.isEmpty())
        {
            if (clean)
            {
                final List<Path> removed = CountersFile.removeStale(directory);
                out.println("Stale files removed: " + removed.size());
            }
            else
            {
                out.println("Stale files (their process is gone; --clean removes them):");
                for (final CountersFile.View file : stale)
                {
                    out.println("  " + file.path().getFileName() + " (pid " + file.pid() + ")");
                }
            }
        }
    }

    private void printProcess(final PrintStream out, final List<CountersFile.View> files)
    {
        final CountersFile.View first = files.get(0);
        out.println("  pid " + first.pid() + (first.program().isEmpty() ? "" : " (" + first.program() + ")"));
        for (final CountersFile.View file : files)
        {
            if (!file.open())
            {
                continue;
            }
            if (file.kind() == CountersFile.KIND_DRIVER)
            {
                out.printf(Locale.ROOT, "    driver on %s, %s, MTU %d%n", file.interfaceName(), mac(file.mac()),
                    file.mtu());
                final DriverCounters counters = file.driverCounters();
                for (final DriverCounter counter : DriverCounter.values())
                {
                    printCounter(out, "      ", counter.label(), counters.get(counter));
                }
            }
            else
            {
                final EndpointStatistics.Snapshot snapshot = EndpointStatistics.read(file.area());
                out.printf(Locale.ROOT, "    endpoint %s:%d session %08x, %d peer(s)%n", mac(file.mac()),
                    file.endpointIndex(), file.sessionId(), snapshot.peers().size());
                for (final EndpointStatistics.Peer peer : snapshot.peers())
                {
                    out.printf(Locale.ROOT, "      peer %s:%d session %s%s, unacked sent %d, received %d%n",
                        mac(peer.nicId()), peer.endpointId(), peer.sessionId() == -1 ? "unknown"
                            : String.format(Locale.ROOT, "%08x", peer.sessionId()),
                        peer.failed() ? " FAILED" : peer.connected() ? " connected" : "", peer.unackedSent(),
                        peer.unackedReceived());
                }
                for (final MxCounter counter : MxCounter.values())
                {
                    printCounter(out, "      ", counter.label(), snapshot.counters().get(counter));
                }
            }
        }
    }

    private void printCounter(final PrintStream out, final String indent, final String label, final long value)
    {
        if (all || value != 0)
        {
            out.printf(Locale.ROOT, "%s%-44s %d%n", indent, label, value);
        }
    }

    private static String mac(final long nicId)
    {
        final byte[] bytes = new byte[MacAddresses.LENGTH];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = (byte)(nicId >>> (8 * (bytes.length - 1 - i)));
        }
        return MacAddresses.format(bytes);
    }
}
