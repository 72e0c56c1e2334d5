package xen2mx.btl.mx;

import java.util.concurrent.TimeUnit;

import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.mx.driver.CountersFile;
import xen2mx.btl.mx.driver.Driver;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.media.EthernetChannel;
import xen2mx.btl.mx.media.FaultInjectingChannel;
import xen2mx.btl.mx.media.FrameCheckChannel;
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
 * <p>With MCA parameter {@value MxBtl#FAULTS_PARAM} (see {@link LinkFaults}) the raw socket is wrapped in a
 * {@link FaultInjectingChannel} whose seeded {@link xen2mx.btl.mx.media.RandomFaults} lose, duplicate, reorder, delay
 * and corrupt the frames this rank sends: the closest thing to {@code tc netem} on the rank's interface where the
 * kernel has no netem, and a supplied component rather than a mode of the driver. Every frame still crosses the real
 * interface; the receiving side is untouched.
 *
 * <p>With MCA parameter {@value MxBtl#FRAME_CHECK_PARAM} set to 1 a {@link FrameCheckChannel} goes on top (outside
 * any fault injector): every frame carries a CRC-32C trailer and frames that fail it are dropped before the driver
 * sees them, the Ethernet FCS that a veth lacks. Every rank of the job must set it alike.
 *
 * <p>The driver publishes live counters files ({@link CountersFile#defaultDirectory()}) for the {@code info} tool.
 */
final class NativeDrivers
{
    private NativeDrivers()
    {
    }

    /**
     * @param context the rank's context: {@value MxBtl#IF_PARAM} names the interface (default: the only non-loopback
     *                interface that is up), {@value MxBtl#FAULTS_PARAM} the faults to inject (default none),
     *                {@value MxBtl#FRAME_CHECK_PARAM} the frame check trailer (default 0, off),
     *                {@value MxBtl#PULL_RETRANSMIT_PARAM} the pull retransmission period (default the driver's, 1 s).
     * @return the open driver.
     * @throws BtlException one line: no CAP_NET_RAW (and how to grant it), no such interface, a bad faults token...
     */
    static Driver open(final BtlContext context)
    {
        final LinkFaults faults = LinkFaults.parse(context.parameter(MxBtl.FAULTS_PARAM, null));
        final boolean frameCheck = context.intParameter(MxBtl.FRAME_CHECK_PARAM, 0) != 0;
        final int pullRetransmitMillis = context.intParameter(MxBtl.PULL_RETRANSMIT_PARAM, 0);
        if (pullRetransmitMillis < 0)
        {
            throw new BtlException("MCA parameter " + MxBtl.PULL_RETRANSMIT_PARAM + "=" + pullRetransmitMillis +
                " must be > 0");
        }
        return open(context.parameter(MxBtl.IF_PARAM, null), faults, frameCheck, context.rank(),
            TimeUnit.MILLISECONDS.toNanos(pullRetransmitMillis));
    }

    /**
     * @param interfaceName the interface, or null for the only non-loopback interface that is up.
     * @return the open driver, without injected faults.
     * @throws BtlException one line: no CAP_NET_RAW (and how to grant it), no such interface, ...
     */
    static Driver open(final String interfaceName)
    {
        return open(interfaceName, null, false, 0, 0);
    }

    private static Driver open(final String interfaceName, final LinkFaults faults, final boolean frameCheck,
        final int rank, final long pullRetransmitNanos)
    {
        final RawSocketChannel socket;
        try
        {
            socket = interfaceName == null || interfaceName.isBlank() ? RawSocketChannel.openDefault()
                : RawSocketChannel.open(interfaceName.trim());
        }
        catch (final MediaException e)
        {
            throw new BtlException("xen2mx: " + e.getMessage(), e);
        }
        final EthernetChannel faulty = faults == null ? socket
            : new FaultInjectingChannel(socket, faults.newFaults(rank), rank);
        final EthernetChannel channel;
        try
        {
            channel = frameCheck ? new FrameCheckChannel(faulty) : faulty;
        }
        catch (final IllegalArgumentException e)
        {
            faulty.close();
            throw new BtlException("xen2mx: " + MxBtl.FRAME_CHECK_PARAM + ": " + e.getMessage(), e);
        }
        final DriverContext driverContext = new DriverContext().nackUnknownEndpoints(false)
            .countersDirectory(CountersFile.defaultDirectory().orElse(null));
        if (System.getProperty(DriverContext.THREADING_MODE_PROP_NAME) == null)
        {
            driverContext.threadingMode(ThreadingMode.INVOKER);
        }
        if (pullRetransmitNanos > 0)
        {
            driverContext.pullRetransmitNanos(pullRetransmitNanos);
        }
        try
        {
            return new NativeDriver(channel, driverContext);
        }
        catch (final IllegalArgumentException e)
        {
            channel.close();
            throw new BtlException("xen2mx: interface " + channel.interfaceName() + ": " + e.getMessage(), e);
        }
    }
}
