package xen2mx.btl.mx.backend;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import xen2mx.btl.mx.media.MediaException;

/**
 * {@code x2mx-backend [--if IFACE] --socket PATH}: runs the paravirtual backend until SIGTERM or SIGINT. Prints
 * {@code x2mx-backend: ready on PATH} on stdout once guests may attach; on a problem (another backend on the socket or
 * interface, no raw socket rights, bad arguments) prints one line on stderr and exits with status 1 (2 for usage).
 */
public final class BackendMain
{
    private static final String USAGE = "usage: x2mx-backend [--if IFACE] --socket PATH\n"
        + "  --socket PATH  the control socket guests attach to (btl_xen2mx_backend of the ranks)\n"
        + "  --if IFACE     the host's NIC (raw socket, needs CAP_NET_RAW); without it: no NIC, co-located guests only";

    private BackendMain()
    {
    }

    /**
     * @param args the command line.
     * @throws InterruptedException if interrupted while running.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        String iface = null;
        String socket = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--if":
                    iface = value(args, ++i);
                    break;
                case "--socket":
                    socket = value(args, ++i);
                    break;
                case "-h":
                case "--help":
                    System.out.println(USAGE);
                    return;
                default:
                    usage("unknown argument " + args[i]);
            }
        }
        if (socket == null)
        {
            usage("--socket PATH is required");
        }
        final Backend backend;
        try
        {
            backend = Backend.start(iface, Path.of(socket), System.err);
        }
        catch (final BackendException | MediaException ex)
        {
            System.err.println("x2mx-backend: " + ex.getMessage());
            System.exit(1);
            return;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            backend.close();
            stopped.countDown();
        }, "backend-shutdown"));
        System.out.println("x2mx-backend: ready on " + backend.socketPath());
        System.out.flush();
        stopped.await();
    }

    private static String value(final String[] args, final int index)
    {
        if (index >= args.length)
        {
            usage(args[index - 1] + " needs a value");
        }
        return args[index];
    }

    private static void usage(final String problem)
    {
        System.err.println("x2mx-backend: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
