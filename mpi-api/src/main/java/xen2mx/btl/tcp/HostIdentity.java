package xen2mx.btl.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the network host this process runs on: two processes with equal identities can reach each other over
 * loopback. On Linux: the kernel boot id plus the network namespace (so network namespaces on one kernel count as
 * different hosts); elsewhere the host name.
 */
final class HostIdentity
{
    private HostIdentity()
    {
    }

    static String local()
    {
        try
        {
            final String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                .trim();
            final String netns = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            return bootId + "/" + netns;
        }
        catch (final IOException | UnsupportedOperationException | SecurityException e)
        {
            try
            {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (final IOException unknown)
            {
                return "unknown-host";
            }
        }
    }
}
