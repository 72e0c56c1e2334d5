package xen2mx.btl.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.btl.mx.driver.CountersFile;
import xen2mx.btl.mx.driver.DriverContext;
import xen2mx.btl.mx.driver.DriverCounter;
import xen2mx.btl.mx.driver.NativeDriver;
import xen2mx.btl.mx.driver.ThreadingMode;
import xen2mx.btl.mx.lib.EndpointStatistics;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxCounter;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.lib.MxEndpointAddress;
import xen2mx.btl.mx.lib.MxRequest;
import xen2mx.btl.mx.media.MemoryEthernet;

/**
 * Live counters: drivers over an in-memory fabric publish their counters and their endpoints' counters and peers in
 * counters files, which the reader (and the info command) see change while traffic flows, and which go away at
 * close; a file left by a dead process is stale.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCountersTest
{
    private static final int KEY = 0x1ACE;
    private static final long WAIT_MILLIS = 10_000;

    @TempDir
    Path directory;

    private NativeDriver hostA;
    private NativeDriver hostB;
    private MxEndpoint a;
    private MxEndpoint b;
    private MxEndpointAddress toB;

    @BeforeEach
    void open()
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        hostA = new NativeDriver(fabric.attach("portA"), context());
        hostB = new NativeDriver(fabric.attach("portB"), context());
        a = MxEndpoint.open(hostA, 0, 1, KEY);
        b = MxEndpoint.open(hostB, 0, 2, KEY);
        toB = a.connect(b.nicId(), b.endpointId(), KEY, WAIT_MILLIS);
    }

    @AfterEach
    void close()
    {
        a.close();
        b.close();
        hostA.close();
        hostB.close();
    }

    private DriverContext context()
    {
        return new DriverContext().threadingMode(ThreadingMode.INVOKER).countersDirectory(directory);
    }

    @Test
    void shouldPublishDriverAndEndpointCountersThatReadersSeeLive()
    {
        final List<CountersFile.View> files = CountersFile.list(directory);
        assertEquals(4, files.size(), "two drivers and two endpoints: " + files);
        final CountersFile.View driverA = find(files, "portA", -1);
        final CountersFile.View endpointA = find(files, "portA", 1);
        assertTrue(driverA.alive() && driverA.open());
        assertEquals(ProcessHandle.current().pid(), driverA.pid());
        assertEquals(9000, driverA.mtu());
        assertEquals(a.nicId(), endpointA.mac());
        assertEquals(a.sessionId(), endpointA.sessionId());
        final long framesBefore = driverA.driverCounters().get(DriverCounter.FRAMES_SENT);
        final long messagesBefore = EndpointStatistics.read(endpointA.area()).counters().get(MxCounter.MESSAGES_SENT);

        for (final int length : new int[] {8, 100, 20_000, 200_000})
        {
            exchange(length);
        }

        assertEquals(hostA.counters().get(DriverCounter.FRAMES_SENT),
            driverA.driverCounters().get(DriverCounter.FRAMES_SENT), "the reader sees the driver's own values");
        assertTrue(driverA.driverCounters().get(DriverCounter.FRAMES_SENT) > framesBefore + 4);
        assertTrue(driverA.driverCounters().get(DriverCounter.PULL_REPLY_SENT) > 0, "the large message was pulled");
        final EndpointStatistics.Snapshot snapshot = EndpointStatistics.read(endpointA.area());
        assertEquals(messagesBefore + 4, snapshot.counters().get(MxCounter.MESSAGES_SENT));
        assertEquals(a.counter(MxCounter.MESSAGES_SENT), snapshot.counters().get(MxCounter.MESSAGES_SENT));
        awaitTrue(() -> connectedPeers(endpointA) == 1, "connected peer published");
        final EndpointStatistics.Peer peer = EndpointStatistics.read(endpointA.area()).peers().get(0);
        assertEquals(b.nicId(), peer.nicId());
        assertEquals(b.endpointId(), peer.endpointId());
        assertEquals(b.sessionId(), peer.sessionId());
        assertTrue(peer.connected());
        assertFalse(peer.failed());
    }

    @Test
    void shouldRemoveFilesAtCloseAndRecogniseStaleOnes() throws Exception
    {
        final CountersFile.View endpointB = find(CountersFile.list(directory), "portB", 2);
        final Path dead = directory.resolve("x2mx-999999999-portZ-driver.counters");
        Files.copy(endpointB.path(), dead);
        try (FileChannel channel = FileChannel.open(dead, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            channel.map(FileChannel.MapMode.READ_WRITE, 0, 64).order(ByteOrder.nativeOrder())
                .putLong(16, Integer.MAX_VALUE - 7L); // a pid no process has
        }

        b.close();

        assertFalse(Files.exists(endpointB.path()), "an endpoint's file goes at close");
        assertFalse(endpointB.open(), "a reader still mapping it sees it closed");
        final List<Path> removed = CountersFile.removeStale(directory);
        assertEquals(List.of(dead), removed, "only the dead process's file is stale");
        hostB.close();
        assertEquals(2, CountersFile.list(directory).size(), "host A's driver and endpoint remain");
    }

    @Test
    void shouldShowRunningEndpointsPeersAndCountersInTheInfoReport()
    {
        exchange(64);
        awaitTrue(() -> connectedPeers(find(CountersFile.list(directory), "portA", 1)) == 1,
            "connected peer published");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        final int status = MxInfo.run(new String[] {"--dir", directory.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        final String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertTrue(report.contains("Interfaces (this network namespace):"), report);
        assertTrue(report.contains("Raw sockets: "), report);
        assertTrue(report.contains("pid " + ProcessHandle.current().pid()), report);
        assertTrue(report.contains("driver on portA"), report);
        assertTrue(report.contains("endpoint ") && report.contains(":1 session "), report);
        assertTrue(report.contains("peer ") && report.contains(":2 session "), report);
        assertTrue(report.contains(DriverCounter.FRAMES_SENT.label()), report);
        assertTrue(report.contains(MxCounter.MESSAGES_SENT.label()), report);
    }

    private static long connectedPeers(final CountersFile.View endpoint)
    {
        return EndpointStatistics.read(endpoint.area()).peers().stream().filter(EndpointStatistics.Peer::connected)
            .count();
    }

    private void exchange(final int length)
    {
        final ByteBuffer into = ByteBuffer.allocate(length);
        final MxRequest receive = b.irecv(into, length, Mx.MATCH_MASK_NONE, null);
        final MxRequest send = a.isend(ByteBuffer.allocate(length), toB, length, null);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!(receive.isDone() && send.isDone()))
        {
            a.progress();
            b.progress();
            if (System.nanoTime() - deadline > 0)
            {
                fail("message of " + length + " bytes not delivered");
            }
        }
    }

    private void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean())
        {
            a.progress();
            b.progress();
            if (System.nanoTime() - deadline > 0)
            {
                fail(what + ": not within " + WAIT_MILLIS + " ms");
            }
        }
    }

    private static CountersFile.View find(final List<CountersFile.View> files, final String port, final int endpoint)
    {
        for (final CountersFile.View file : files)
        {
            if (file.interfaceName().equals(port) && file.endpointIndex() == endpoint && file.alive())
            {
                return file;
            }
        }
        throw new AssertionError("no counters file of " + port + " endpoint " + endpoint + " in " + files);
    }
}
