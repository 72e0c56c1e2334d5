package xen2mx.btl.tcp;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.BtlContext;

/** Component of the {@code tcp} module: reaches every rank that published a tcp address. */
public final class TcpBtlComponent implements BtlComponent
{
    public static final String NAME = "tcp";
    public static final int PRIORITY = 10;

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
        return new TcpBtl(context);
    }
}
