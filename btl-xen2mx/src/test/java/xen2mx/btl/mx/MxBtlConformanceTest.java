package xen2mx.btl.mx;

import java.util.Map;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.media.MemoryEthernet;

/**
 * The BTL contract over {@code xen2mx}: each rank runs the real MX library and native driver core on its own port of
 * an in-memory Ethernet fabric (MTU 9000), so no root is needed.
 */
class MxBtlConformanceTest extends BtlConformanceTest
{
    @Override
    protected BtlWorld openWorld(final int size)
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        final MxBtlComponent component = new MxBtlComponent(context -> new NativeDriver(
            fabric.attach("rank" + context.rank()), new DriverContext().threadingMode(ThreadingMode.INVOKER)));
        return BtlWorld.open(component, size, "mx-conformance",
            Map.of(MxBtl.RESEND_DELAY_PARAM, "20", MxBtl.RESENDS_MAX_PARAM, "25"));
    }
}
