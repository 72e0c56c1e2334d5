package xen2mx.btl.mx.lib;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.media.FaultInjector;
import xen2mx.btl.mx.media.MemoryEthernet;

/**
 * Hosts on an in-memory Ethernet fabric, each with the real native driver core and MX endpoints on it; every wait
 * is bounded. Timers are shortened (resend 10 ms, ack delay 1 ms) so loss costs milliseconds.
 */
final class MxFabric implements AutoCloseable
{
    static final int KEY = 0x5EED;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    final MemoryEthernet ethernet;
    private final List<NativeDriver> drivers = new ArrayList<>();
    private final List<MxEndpoint> endpoints = new ArrayList<>();

    MxFabric(final int mtu, final FaultInjector faults)
    {
        this(mtu, faults, 1024);
    }

    /** @param ringFrames frames each port's receive ring holds (a power of two). */
    MxFabric(final int mtu, final FaultInjector faults, final int ringFrames)
    {
        this.ethernet = new MemoryEthernet(mtu, faults, ringFrames);
    }

    MxFabric()
    {
        this(9000, FaultInjector.NONE);
    }

    static MxEndpointConfig fastConfig()
    {
        return new MxEndpointConfig().resendDelayNanos(TimeUnit.MILLISECONDS.toNanos(10))
            .ackDelayNanos(TimeUnit.MILLISECONDS.toNanos(1)).resendsMax(200);
    }

    /** @return a new host (driver on its own port). */
    NativeDriver host()
    {
        return host(new DriverContext());
    }

    /** @return a new host (driver on its own port, port named {@code hostN}) configured by {@code context}. */
    NativeDriver host(final DriverContext context)
    {
        final NativeDriver driver = new NativeDriver(ethernet.attach("host" + drivers.size()),
            context.threadingMode(ThreadingMode.INVOKER));
        drivers.add(driver);
        return driver;
    }

    MxEndpoint open(final NativeDriver driver, final MxEndpointConfig config)
    {
        final MxEndpoint endpoint = MxEndpoint.open(driver, 0, Mx.ANY_ENDPOINT, KEY, config.conclude());
        endpoints.add(endpoint);
        return endpoint;
    }

    /** @return an endpoint on a new host. */
    MxEndpoint endpoint(final MxEndpointConfig config)
    {
        return open(host(), config);
    }

    MxEndpoint endpoint()
    {
        return endpoint(fastConfig());
    }

    static MxEndpointAddress connect(final MxEndpoint from, final MxEndpoint to)
    {
        return from.connect(to.nicId(), to.endpointId(), KEY, 10_000);
    }

    /** Waits for a request, progressing every endpoint; fails after 20 s. */
    MxStatus await(final MxEndpoint owner, final MxRequest request)
    {
        final MxStatus status = new MxStatus();
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!owner.test(request, status))
        {
            progressAll();
            if (System.nanoTime() - deadline > 0)
            {
                fail("request not done after 20 s: " + request);
            }
        }
        return status;
    }

    int progressAll()
    {
        int work = 0;
        for (final MxEndpoint endpoint : endpoints)
        {
            if (!endpoint.isClosed())
            {
                work += endpoint.progress();
            }
        }
        return work;
    }

    void progressFor(final long millis)
    {
        final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0)
        {
            progressAll();
            Thread.onSpinWait();
        }
    }

    static ByteBuffer pattern(final int length, final int seed)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++)
        {
            buffer.put(i, (byte)(i * 7 + seed * 13 + (i >> 8)));
        }
        return buffer;
    }

    static void assertPattern(final ByteBuffer buffer, final int offset, final int length, final int seed)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.get(offset + i) != (byte)(i * 7 + seed * 13 + (i >> 8)))
            {
                fail("byte " + i + " of message " + seed + " (" + length + " bytes) differs");
            }
        }
    }

    @Override
    public void close()
    {
        for (final MxEndpoint endpoint : endpoints)
        {
            endpoint.close();
        }
        for (final NativeDriver driver : drivers)
        {
            driver.close();
        }
    }
}
