package xen2mx.btl.mx;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.frontend.FrontendDriver;

/**
 * The BTL contract in paravirtual mode across two hosts: two network namespaces joined by veths and a bridge (MTU
 * 9000), a backend on each host's veth, and the ranks of every world alternating between the hosts (rank r is a guest
 * of host r mod 2): in a world of 4, two guests per host, so both co-located delivery inside a backend and MXoE frames
 * between the backends' boards are exercised. Root only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MxBtlParavirtualTwoHostsTest extends BtlConformanceTest
{
    private PvHosts hosts;

    @BeforeAll
    void createHosts() throws Exception
    {
        hosts = new PvHosts(2, 2, "x2mxpv");
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
        final MxBtlComponent component = new MxBtlComponent(
            context -> FrontendDriver.attach(hosts.backend(context.rank() % 2)));
        return BtlWorld.open(component, size, "mx-pv-2hosts", Map.of(MxBtl.RESEND_DELAY_PARAM, "20",
            MxBtl.RESENDS_MAX_PARAM, "25"));
    }
}
