package xen2mx.btl.mx;

import xen2mx.btl.BtlException;
import xen2mx.btl.mx.driver.CountersFile;
import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.media.MediaException;
import xen2mx.btl.mx.media.RawSocketChannel;

/**
 * Opens the native driver for {@code btl_xen2mx_mode=native}: a raw socket on the chosen interface.
 *
 * <p>The driver runs in {@link ThreadingMode#INVOKER} mode unless system property
 * {@value DriverContext#THREADING_MODE_PROP_NAME} says otherwise: the MX library's own progress thread already
 * drives it when the application does not, so a second background thread would only compete for the cores.
 *
 * <p>Several ranks of one host may each open their own native driver on the same interface: every one of them sees
 * every frame addressed to the board, so a driver NACKs only endpoints it opened itself and silently drops frames
 * for the others (one of the other processes owns them).
 *
 * <p>The driver publishes live counters files ({@link CountersFile#defaultDirectory()}) for the {@code info} tool.
 */
final class NativeDrivers
{
    private NativeDrivers()
    {
    }

    /**
     * @param interfaceName the interface, or null for the only non-loopback interface that is up.
     * @return the open driver.
     * @throws BtlException one line: no CAP_NET_RAW (and how to grant it), no such interface, ...
     */
    static Driver open(final String interfaceName)
    {
        final RawSocketChannel channel;
        try
        {
            channel = interfaceName == null || interfaceName.isBlank() ? RawSocketChannel.openDefault()
                : RawSocketChannel.open(interfaceName.trim());
        }
        catch (final MediaException e)
        {
            throw new BtlException("xen2mx: " + e.getMessage(), e);
        }
        final DriverContext context = new DriverContext().nackUnknownEndpoints(false)
            .countersDirectory(CountersFile.defaultDirectory().orElse(null));
        if (System.getProperty(DriverContext.THREADING_MODE_PROP_NAME) == null)
        {
            context.threadingMode(ThreadingMode.INVOKER);
        }
        try
        {
            return new NativeDriver(channel, context);
        }
        catch (final IllegalArgumentException e)
        {
            channel.close();
            throw new BtlException("xen2mx: interface " + channel.interfaceName() + ": " + e.getMessage(), e);
        }
    }
}
