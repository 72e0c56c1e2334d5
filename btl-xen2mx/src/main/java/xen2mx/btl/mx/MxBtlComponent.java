package xen2mx.btl.mx;

import java.nio.file.Path;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.mx.frontend.FrontendDriver;

/**
 * Component of the {@code xen2mx} module. Priority 50: above {@code tcp} (10), below {@code self} (100).
 *
 * <p>{@code btl_xen2mx_mode}: {@code paravirt} (default) attaches to the host's backend through its control socket
 * {@code btl_xen2mx_backend} (default {@link MxBtl#BACKEND_DEFAULT}; {@code mpirun} starts one for a single-host job
 * when none answers) with the {@link FrontendDriver}, and the rank needs no network rights at all; {@code native}
 * opens the native driver on a raw Ethernet socket ({@code btl_xen2mx_if}, default the only non-loopback interface
 * that is up), which needs CAP_NET_RAW. {@code btl_xen2mx_faults} injects seeded faults into the frames each rank
 * sends, native mode (see {@link LinkFaults}). Tests supply their own {@link MxDriverFactory}.
 */
public final class MxBtlComponent implements BtlComponent
{
    public static final String NAME = "xen2mx";
    public static final int PRIORITY = 50;

    private final MxDriverFactory factory;

    /** The component {@link java.util.ServiceLoader} finds: drivers chosen by {@code btl_xen2mx_mode}. */
    public MxBtlComponent()
    {
        this(MxBtlComponent::openByMode);
    }

    /** @param factory opens each rank's driver (tests: an in-memory fabric). */
    public MxBtlComponent(final MxDriverFactory factory)
    {
        this.factory = factory;
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public int priority()
    {
        return PRIORITY;
    }

    @Override
    public Btl open(final BtlContext context)
    {
        return new MxBtl(context, factory);
    }

    private static xen2mx.btl.mx.driver.Driver openByMode(final BtlContext context)
    {
        final String mode = context.parameter(MxBtl.MODE_PARAM, MxBtl.MODE_PARAVIRT).trim();
        if (MxBtl.MODE_NATIVE.equals(mode))
        {
            return NativeDrivers.open(context);
        }
        if (MxBtl.MODE_PARAVIRT.equals(mode))
        {
            return FrontendDriver.attach(Path.of(context.parameter(MxBtl.BACKEND_PARAM, MxBtl.BACKEND_DEFAULT).trim()));
        }
        throw new BtlException("xen2mx: MCA parameter " + MxBtl.MODE_PARAM + "=" + mode + " is not one of "
            + MxBtl.MODE_NATIVE + ", " + MxBtl.MODE_PARAVIRT);
    }
}
