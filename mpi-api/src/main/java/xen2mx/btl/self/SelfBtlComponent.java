package xen2mx.btl.self;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.BtlContext;

/** Component of the {@code self} module; highest priority, since nothing reaches this process more cheaply. */
public final class SelfBtlComponent implements BtlComponent
{
    public static final String NAME = "self";
    public static final int PRIORITY = 100;

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
        return new SelfBtl(context);
    }
}
