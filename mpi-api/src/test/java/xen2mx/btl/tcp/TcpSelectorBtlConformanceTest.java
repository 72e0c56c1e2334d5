package xen2mx.btl.tcp;

import java.util.Map;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;

/** The tcp module with its selector-driven read path and the default eager limit. */
class TcpSelectorBtlConformanceTest extends BtlConformanceTest
{
    @Override
    protected BtlWorld openWorld(final int size)
    {
        return BtlWorld.open(new TcpBtlComponent(), size, "tcp-selector-test",
            Map.of(TcpBtl.POLL_DIRECT_MAX_PARAM, "0"));
    }
}
