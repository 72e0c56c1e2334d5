package xen2mx.btl.mx.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.frontend.FrontendDriver;
import xen2mx.btl.mx.lib.Mx;
import xen2mx.btl.mx.lib.MxEndpoint;
import xen2mx.btl.mx.lib.MxEndpointAddress;
import xen2mx.btl.mx.lib.MxRequest;
import xen2mx.btl.mx.lib.MxStatus;
import xen2mx.btl.mx.lib.MxStatusCode;
import xen2mx.btl.mx.pv.CommandDescriptor;

/**
 * The backend trusts no guest: a hostile guest that writes straight into its command ring is detached with a logged
 * reason, its files removed, while two honest guests of the same backend keep exchanging messages.
 */
@Timeout(60)
class BackendIsolationTest
{
    private static final int KEY = 0x1234;
    private static final Duration DETACH_LIMIT = Duration.ofSeconds(5);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private Backend backend;
    private FrontendDriver goodA;
    private FrontendDriver goodB;
    private MxEndpoint a;
    private MxEndpoint b;
    private MxEndpointAddress toB;

    @BeforeEach
    void start() throws Exception
    {
        final Path socket = Files.createTempDirectory("x2mx-iso").resolve("backend.sock");
        backend = Backend.start(null, socket, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        goodA = FrontendDriver.attach(socket);
        goodB = FrontendDriver.attach(socket);
        a = MxEndpoint.open(goodA, 0, Mx.ANY_ENDPOINT, KEY);
        b = MxEndpoint.open(goodB, 0, Mx.ANY_ENDPOINT, KEY);
        final MxStatus status = new MxStatus();
        assertTrue(a.wait(a.iconnect(b.nicId(), b.endpointId(), KEY, 0, null), 5_000, status));
        assertEquals(MxStatusCode.SUCCESS, status.code());
        toB = status.source();
        assertHonestGuestsStillTalk();
    }

    @AfterEach
    void stop()
    {
        a.close();
        b.close();
        goodA.close();
        goodB.close();
        backend.close();
    }

    @Test
    void shouldDetachAGuestThatWritesAnUnknownCommand() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            final int endpoint = hostile.openEndpoint(sendQueueLength(hostile));
            hostile.post(at ->
            {
                hostile.slots().putInt(at + CommandDescriptor.TYPE_OFFSET, 0x7777);
                hostile.slots().putInt(at + CommandDescriptor.ENDPOINT_OFFSET, endpoint);
            });
            assertDetached(hostile, "unknown command type 30583");
        }
    }

    @Test
    void shouldDetachAGuestThatClaimsAnotherGuestsEndpoint() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            hostile.openEndpoint(sendQueueLength(hostile));
            hostile.post(at ->
            {
                hostile.slots().putInt(at + CommandDescriptor.TYPE_OFFSET, CommandDescriptor.SEND_TINY);
                hostile.slots().putInt(at + CommandDescriptor.ENDPOINT_OFFSET, b.endpointId()); // not its own
            });
            assertDetached(hostile, "names endpoint " + b.endpointId() + ", which is not one of its own");
        }
    }

    @Test
    void shouldDetachAGuestWhoseRegionPointsOutsideItsSegment() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            final int endpoint = hostile.openEndpoint(sendQueueLength(hostile));
            hostile.post(at ->
            {
                hostile.slots().putInt(at + CommandDescriptor.TYPE_OFFSET, CommandDescriptor.CREATE_REGION);
                hostile.slots().putInt(at + CommandDescriptor.ENDPOINT_OFFSET, endpoint);
                hostile.slots().putInt(at + CommandDescriptor.ARG0_OFFSET, 3);
                hostile.slots().putInt(at + CommandDescriptor.ARG1_OFFSET, (int)hostile.segmentLength - 4096);
                hostile.slots().putInt(at + CommandDescriptor.ARG2_OFFSET, 1 << 20);
            });
            assertDetached(hostile, "is outside its segment");
        }
    }

    @Test
    void shouldDetachAGuestWhoseRegionOverlapsTheReceiveQueue() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            final int endpoint = hostile.openEndpoint(sendQueueLength(hostile));
            hostile.post(at ->
            {
                hostile.slots().putInt(at + CommandDescriptor.TYPE_OFFSET, CommandDescriptor.CREATE_REGION);
                hostile.slots().putInt(at + CommandDescriptor.ENDPOINT_OFFSET, endpoint);
                hostile.slots().putInt(at + CommandDescriptor.ARG1_OFFSET, 0); // the backend-written receive slots
                hostile.slots().putInt(at + CommandDescriptor.ARG2_OFFSET, 4096);
            });
            assertDetached(hostile, "is outside its segment");
        }
    }

    @Test
    void shouldDetachAGuestWithAnOversizedInlinePayload() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            final int endpoint = hostile.openEndpoint(sendQueueLength(hostile));
            hostile.post(at ->
            {
                hostile.slots().putInt(at + CommandDescriptor.TYPE_OFFSET, CommandDescriptor.SEND_SMALL);
                hostile.slots().putInt(at + CommandDescriptor.ENDPOINT_OFFSET, endpoint);
                hostile.slots().putInt(at + CommandDescriptor.PAYLOAD_LENGTH_OFFSET, 100_000);
            });
            assertDetached(hostile, "inline payload of 100000 bytes");
        }
    }

    @Test
    void shouldDetachAGuestThatPublishesAnImpossibleProducerIndex() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            hostile.openEndpoint(sendQueueLength(hostile));
            hostile.publishProducerIndex(1L << 40);
            assertDetached(hostile, "command ring: producer index " + (1L << 40));
        }
    }

    @Test
    void shouldRefuseASendQueueOutsideTheSegment() throws Exception
    {
        try (HostileGuest hostile = HostileGuest.attach(backend.socketPath()))
        {
            hostile.control.begin(xen2mx.btl.mx.pv.ControlChannel.OPEN_ENDPOINT).putInt(-1)
                .putInt((int)hostile.segmentLength - 64).putInt(1 << 24);
            hostile.control.send();
            assertDetached(hostile, "send queue at segment offset");
        }
    }

    private static int sendQueueLength(final HostileGuest guest)
    {
        return guest.queueSlots * xen2mx.btl.mx.driver.DriverLimits.forMtu(Backend.DETACHED_MTU, false)
            .sendQueueSlotLength();
    }

    private void assertDetached(final HostileGuest hostile, final String reason) throws IOException
    {
        assertTrue(hostile.awaitDetached(DETACH_LIMIT), "hostile guest still attached; log:\n" + log());
        final long deadline = System.nanoTime() + DETACH_LIMIT.toNanos();
        while (!log().contains("detached") && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertTrue(log().contains("detached guest") && log().contains(reason), log());
        assertFalse(Files.exists(hostile.commands.path()), "command ring file left behind");
        assertFalse(Files.exists(hostile.segment.path()), "segment file left behind");
        assertHonestGuestsStillTalk();
    }

    private void assertHonestGuestsStillTalk()
    {
        final byte[] sent = new byte[3000];
        for (int i = 0; i < sent.length; i++)
        {
            sent[i] = (byte)(i * 7);
        }
        final ByteBuffer into = ByteBuffer.allocate(sent.length);
        final MxRequest receive = b.irecv(into, 0x42, -1L, null);
        final MxRequest send = a.isend(ByteBuffer.wrap(sent), toB, 0x42, null);
        final MxStatus status = new MxStatus();
        assertTrue(a.wait(send, 5_000, status) && status.code() == MxStatusCode.SUCCESS, "send: " + status.code());
        assertTrue(b.wait(receive, 5_000, status) && status.code() == MxStatusCode.SUCCESS, "recv: " + status.code());
        assertArrayEquals(sent, into.array());
    }

    private String log()
    {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
