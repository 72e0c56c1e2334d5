package xen2mx.btl.self;

import java.util.Map;

import xen2mx.btl.BtlConformanceTest;
import xen2mx.btl.BtlWorld;

class SelfBtlConformanceTest extends BtlConformanceTest
{
    @Override
    protected BtlWorld openWorld(final int size)
    {
        return BtlWorld.open(new SelfBtlComponent(), size, "self-test", Map.of(SelfBtl.EAGER_LIMIT_PARAM, "4096"));
    }

    @Override
    protected int maxWorldSize()
    {
        return 1;
    }
}
