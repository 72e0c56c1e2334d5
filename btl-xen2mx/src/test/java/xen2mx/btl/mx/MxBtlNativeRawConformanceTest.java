package xen2mx.btl.mx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.media.InNetworkNamespace;
import xen2mx.testing.NetworkNamespaces;
import xen2mx.testing.RootRequirement;

/**
 * The BTL contract over {@code xen2mx} in native mode on real veths: four network namespaces joined by a bridge
 * (MTU 9000 here, 1500 in {@link MxBtlNativeRawConformance1500Test}), and rank {@code r} of every world opens its
 * module through the production path ({@link NativeDrivers#open}: a raw {@code AF_PACKET} socket on {@code mx0})
 * from inside namespace {@code r}. All ranks live in this JVM, but each has its own board, so every message between
 * two ranks is MXoE frames through the kernel and the bridge, as between hosts.
 *
 * <p>Root only: skipped without it, failed when CI requires it ({@link RootRequirement}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MxBtlNativeRawConformanceTest extends BtlConformanceTest
{
    private static final int HOSTS = 4;

    private NetworkNamespaces hosts;

    /** @return the MTU of the namespaces' links. */
    protected int mtu()
    {
        return 9000;
    }

    @BeforeAll
    void createHosts()
    {
        RootRequirement.require("ip");
        hosts = NetworkNamespaces.builder().hosts(HOSTS).bridge(true).mtu(mtu()).prefix("x2mxcf").create();
    }

    /** Deletes the namespaces, once sure that the suite's traffic crossed the veths of the two ranks every world has. */
    @AfterAll
    void deleteHosts()
    {
        if (hosts == null)
        {
            return;
        }
        try
        {
            for (int host = 0; host < 2; host++)
            {
                final long sent = Long.parseLong(hosts.run(host, "cat", "/sys/class/net/" + hosts.interfaceName() +
                    "/statistics/tx_packets").checked().stdout().trim());
                assertTrue(sent > 100, "frames sent on " + hosts.name(host) + "'s veth: " + sent);
            }
        }
        finally
        {
            hosts.close();
        }
    }

    @Override
    protected int maxWorldSize()
    {
        return HOSTS;
    }

    @Override
    protected BtlWorld openWorld(final int size)
    {
        final MxBtlComponent component = new MxBtlComponent(
            context -> InNetworkNamespace.call(hosts.name(context.rank()), () -> NativeDrivers.open(context)));
        return BtlWorld.open(component, size, "mx-raw-conformance-" + mtu(), Map.of(MxBtl.MODE_PARAM,
            MxBtl.MODE_NATIVE, MxBtl.IF_PARAM, hosts.interfaceName(), MxBtl.RESEND_DELAY_PARAM, "20",
            MxBtl.RESENDS_MAX_PARAM, "25"));
    }
}
