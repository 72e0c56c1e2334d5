package xen2mx.btl.mx;

/** {@link MxBtlNativeRawConformanceTest} at MTU 1500: smaller medium fragments and pull replies. */
class MxBtlNativeRawConformance1500Test extends MxBtlNativeRawConformanceTest
{
    @Override
    protected int mtu()
    {
        return 1500;
    }
}
