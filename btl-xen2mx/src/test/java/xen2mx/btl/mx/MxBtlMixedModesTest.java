package xen2mx.btl.mx;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.media.InNetworkNamespace;

/**
 * The BTL contract in a mixed job: three hosts on a bridge; hosts 0 and 1 run a backend, host 2 none. Rank 0 and 2 are
 * guests of host 0, rank 1 a guest of host 1, rank 3 a native rank on host 2's veth (its own raw socket): paravirtual
 * guests are shadow endpoints of their host's board on the wire, so native and paravirtual ranks talk MXoE to each
 * other. Root only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MxBtlMixedModesTest extends BtlConformanceTest
{
    private PvHosts hosts;

    @BeforeAll
    void createHosts() throws Exception
    {
        hosts = new PvHosts(3, 2, "x2mxmix");
    }

    @AfterAll
    void deleteHosts()
    {
        if (hosts != null)
        {
            hosts.close();
        }
    }

    @Override
    protected int maxWorldSize()
    {
        return 4;
    }

    @Override
    protected BtlWorld openWorld(final int size)
    {
        final MxBtlComponent component = new MxBtlComponent(context -> context.rank() == 3
            ? InNetworkNamespace.call(hosts.namespaces().name(2), () -> NativeDrivers.open(context))
            : FrontendDriver.attach(hosts.backend(context.rank() == 1 ? 1 : 0)));
        return BtlWorld.open(component, size, "mx-mixed", Map.of(MxBtl.IF_PARAM, hosts.namespaces().interfaceName(),
            MxBtl.RESEND_DELAY_PARAM, "20", MxBtl.RESENDS_MAX_PARAM, "25"));
    }
}
