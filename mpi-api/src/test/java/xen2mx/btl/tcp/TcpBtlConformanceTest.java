package xen2mx.btl.tcp;

import java.util.Map;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;

class TcpBtlConformanceTest extends BtlConformanceTest
{
    @Override
    protected BtlWorld openWorld(final int size)
    {
        return BtlWorld.open(new TcpBtlComponent(), size, "tcp-test", Map.of(TcpBtl.EAGER_LIMIT_PARAM, "8192", TcpBtl.HEAP_CHUNK_PARAM, "4096"));
    }
}
