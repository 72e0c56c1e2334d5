package xen2mx.btl.mx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import xen2mx.btl.mx.backend.BackendProcess;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * Hosts for paravirtual tests: network namespaces on a bridge (MTU 9000), and a real backend process on the veth of
 * each of the first {@code backends} of them ({@code x2mx-backend --if mx0} run through {@code ip netns exec}). Root
 * only ({@link RootRequirement}).
 */
final class PvHosts implements AutoCloseable
{
    private final NetworkNamespaces hosts;
    private final List<BackendProcess> backends = new ArrayList<>();

    PvHosts(final int count, final int backendCount, final String prefix) throws Exception
    {
        RootRequirement.require("ip");
        hosts = NetworkNamespaces.builder().hosts(count).bridge(true).mtu(9000).prefix(prefix).create();
        try
        {
            final Path directory = Files.createTempDirectory("x2mx-hosts");
            for (int host = 0; host < backendCount; host++)
            {
                backends.add(BackendProcess.start(directory.resolve("backend-" + host + ".sock"),
                    hosts.interfaceName(), List.of("ip", "netns", "exec", hosts.name(host))));
            }
        }
        catch (final Exception | Error ex)
        {
            close();
            throw ex;
        }
    }

    NetworkNamespaces namespaces()
    {
        return hosts;
    }

    /** @return the control socket of host {@code host}'s backend. */
    Path backend(final int host)
    {
        return backends.get(host).socket();
    }

    /** @return every backend's log, for failure messages. */
    String logs()
    {
        final StringBuilder text = new StringBuilder();
        backends.forEach(b -> text.append(b.logText()));
        return text.toString();
    }

    @Override
    public void close()
    {
        backends.forEach(BackendProcess::close);
        hosts.close();
    }
}
