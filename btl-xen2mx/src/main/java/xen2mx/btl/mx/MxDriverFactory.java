package xen2mx.btl.mx;

import xen2mx.btl.BtlContext;
import xen2mx.btl.mx.driver.Driver;

/**
 * Opens the {@link Driver} a rank's {@link MxBtl} runs on: the native driver on a raw socket by default, an
 * in-memory fabric in tests (fault injection is a supplied component, not a mode).
 */
@FunctionalInterface
public interface MxDriverFactory
{
    /**
     * @param context the rank's BTL context (parameters such as {@code btl_xen2mx_if}).
     * @return an open driver; the {@link MxBtl} closes it when it closes.
     * @throws xen2mx.btl.BtlException with one line saying what is missing and how to fix it.
     */
    Driver open(BtlContext context);
}
