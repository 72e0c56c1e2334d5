package xen2mx.launcher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import xen2mx.btl.mx.media.MacAddresses;
import xen2mx.btl.mx.media.NetInterface;
import xen2mx.btl.mx.media.NetInterfaces;
import xen2mx.btl.mx.media.RawSocketChannel;

/**
 * What {@code x2mx-doctor} asks of one host, run there ({@code java -cp <runtime>/* xen2mx.launcher.DoctorProbe
 * [--backend PATH]}): one {@code X2MX <key> <value>} line per finding, as {@link PreflightProbe#parse} reads.
 * Keys: {@code java} (version), {@code if} (one per Ethernet interface: {@code name up|down mtu mac}), {@code raw}
 * ({@code ok} or the problem and its fix), {@code backend} ({@code ok}, or why not), and {@code time} last
 * (milliseconds since the epoch, for the clock skew).
 */
public final class DoctorProbe
{
    private DoctorProbe()
    {
    }

    /** @param args {@code [--backend PATH]}. */
    public static void main(final String[] args)
    {
        System.out.println("X2MX java " + Runtime.version());
        try
        {
            int n = 0;
            for (final NetInterface i : NetInterfaces.list())
            {
                if (i.ethernet() && !i.loopback())
                {
                    System.out.println("X2MX if-" + n++ + " " + i.name() + " " + (i.up() && i.running() ? "up" : "down")
                        + " " + i.mtu() + " " + MacAddresses.format(i.mac()));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            System.out.println("X2MX if-error " + ex.getMessage());
        }
        final String raw = RawSocketChannel.rawSocketProblem();
        System.out.println("X2MX raw " + (raw == null ? "ok" : raw));
        if (args.length == 2 && args[0].equals("--backend"))
        {
            System.out.println("X2MX backend " + backend(Path.of(args[1])));
        }
        System.out.println("X2MX time " + System.currentTimeMillis());
        System.out.println(PreflightProbe.END);
    }

    private static String backend(final Path socket)
    {
        if (!Files.exists(socket))
        {
            return "no socket at " + socket;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX))
        {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return "ok";
        }
        catch (final IOException ex)
        {
            return "nothing accepts connections at " + socket + " (" + ex.getMessage() + ")";
        }
    }
}
