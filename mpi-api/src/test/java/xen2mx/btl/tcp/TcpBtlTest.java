package xen2mx.btl.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.BtlWorld;
import xen2mx.btl.match.MatchEngine;

/** What only the tcp module has: handshake checks, malformed frames, addresses and parameters. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpBtlTest
{
    private static final String JOB = "job-under-test";

    private static TcpBtl open(final int rank, final int size, final Map<String, String> parameters)
    {
        return new TcpBtl(new BtlContext(rank, size, JOB, parameters, new MatchEngine()));
    }

    private static void progressUntil(final Btl btl, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            btl.progress();
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not reached within 10 s");
            }
        }
    }

    private static SocketChannel connectRaw(final TcpBtl target) throws IOException
    {
        return SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port()));
    }

    private static ByteBuffer hello(final String job, final int source, final int destination, final int eagerLimit)
    {
        final byte[] jobBytes = job.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer frame = ByteBuffer.allocate(TcpFrameDescriptor.HEADER_LENGTH + jobBytes.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        TcpFrameDescriptor.writeHeader(frame, 0, TcpFrameDescriptor.HELLO, (byte)0, jobBytes.length,
            ((long)source << 32) | destination, eagerLimit, TcpFrameDescriptor.PROTOCOL_VERSION, 2);
        frame.put(TcpFrameDescriptor.HEADER_LENGTH, jobBytes);
        return frame;
    }

    private static byte[][] addressesWithPeerZero(final TcpBtl rankOne)
    {
        final byte[] fake = new TcpAddress("elsewhere", 1, List.of()).encode();
        return new byte[][] {fake, rankOne.localAddress()};
    }

    @Test
    void shouldRejectConnectionFromAnotherJobAndStillAcceptTheRealPeer() throws IOException
    {
        try (BtlWorld world = BtlWorld.open(new TcpBtlComponent(), 2, JOB, Map.of()))
        {
            final TcpBtl rankOne = (TcpBtl)world.rank(1);
            try (SocketChannel stranger = connectRaw(rankOne))
            {
                stranger.write(hello("another-job", 0, 1, TcpBtl.EAGER_LIMIT_DEFAULT));
                progressUntil(rankOne, () -> rankOne.rejectedConnections() >= 1);
                stranger.configureBlocking(true);
                assertEquals(-1, stranger.read(ByteBuffer.allocate(64)), "stranger's socket not closed");
            }
            final ByteBuffer into = ByteBuffer.allocate(4);
            final BtlRequest receive = world.rank(1).irecv(1, -1L, into);
            world.await(world.rank(0).isend(1, 1, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), false), receive);
            assertEquals(BtlStatus.SUCCESS, receive.status().code());
            assertEquals(1, rankOne.rejectedConnections());
        }
    }

    @Test
    void shouldCountMalformedFrameAndFailRequestsOfThatPeer() throws IOException
    {
        try (TcpBtl rankOne = open(1, 2, Map.of()))
        {
            rankOne.connect(addressesWithPeerZero(rankOne));
            final BtlRequest sync = rankOne.isend(0, 5, ByteBuffer.allocate(8), true);
            try (SocketChannel impostor = connectRaw(rankOne))
            {
                impostor.write(hello(JOB, 0, 1, TcpBtl.EAGER_LIMIT_DEFAULT));
                final ByteBuffer reply = ByteBuffer.allocate(TcpFrameDescriptor.HEADER_LENGTH + JOB.length() +
                    TcpFrameDescriptor.HEADER_LENGTH + 8);
                impostor.configureBlocking(false);
                progressUntil(rankOne, () ->
                {
                    try
                    {
                        impostor.read(reply);
                    }
                    catch (final IOException e)
                    {
                        throw new AssertionError(e);
                    }
                    return !reply.hasRemaining();
                });
                assertEquals(TcpFrameDescriptor.EAGER, reply.order(ByteOrder.LITTLE_ENDIAN)
                    .get(TcpFrameDescriptor.HEADER_LENGTH + JOB.length()), "the queued sync send follows the reply");
                assertFalse(sync.isComplete());
                final ByteBuffer garbage = ByteBuffer.allocate(TcpFrameDescriptor.HEADER_LENGTH);
                garbage.put(0, (byte)99);
                impostor.write(garbage);
                progressUntil(rankOne, sync::isComplete);
            }
            assertEquals(1, rankOne.malformedFrames());
            assertEquals(BtlStatus.FAILED, sync.status().code());
            assertTrue(sync.status().errorMessage().contains("rank 0"), sync.status().errorMessage());
            assertTrue(sync.status().errorMessage().contains("malformed"), sync.status().errorMessage());
            final BtlRequest after = rankOne.isend(0, 5, ByteBuffer.allocate(8), false);
            assertEquals(BtlStatus.FAILED, after.status().code());
        }
    }

    @Test
    void shouldFailConnectionWhenEagerLimitsDiffer()
    {
        final MatchEngine engine = new MatchEngine();
        try (TcpBtl rankZero = new TcpBtl(new BtlContext(0, 2, JOB, Map.of(TcpBtl.EAGER_LIMIT_PARAM, "4096"), engine));
            TcpBtl rankOne = open(1, 2, Map.of()))
        {
            final byte[][] addresses = {rankZero.localAddress(), rankOne.localAddress()};
            rankZero.connect(addresses);
            rankOne.connect(addresses);
            final BtlRequest send = rankZero.isend(1, 1, ByteBuffer.allocate(4), false);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!send.isComplete() && System.nanoTime() < deadline)
            {
                rankZero.progress();
                rankOne.progress();
            }
            assertEquals(BtlStatus.FAILED, send.status().code());
            assertTrue(send.status().errorMessage().contains("eager limit mismatch"), send.status().errorMessage());
        }
    }

    @Test
    void shouldDescribeLoopbackPeersAndRejectUnknownRanks()
    {
        try (BtlWorld world = BtlWorld.open(new TcpBtlComponent(), 2, JOB, Map.of()))
        {
            world.await(world.rank(0).isend(1, 1, ByteBuffer.allocate(1), false));
            assertTrue(world.rank(0).describePeer(1).startsWith("tcp 127.0.0.1:"), world.rank(0).describePeer(1));
            final BtlException unknown = assertThrows(BtlException.class,
                () -> world.rank(0).isend(2, 1, ByteBuffer.allocate(1), false));
            assertTrue(unknown.getMessage().contains("rank 2"), unknown.getMessage());
        }
    }

    @Test
    void shouldValidateParametersAndInterfaceFilter()
    {
        final BtlException eager = assertThrows(BtlException.class,
            () -> open(0, 1, Map.of(TcpBtl.EAGER_LIMIT_PARAM, "-1")));
        assertTrue(eager.getMessage().contains(TcpBtl.EAGER_LIMIT_PARAM), eager.getMessage());
        final BtlException cidr = assertThrows(BtlException.class,
            () -> open(0, 1, Map.of(TcpBtl.IF_INCLUDE_PARAM, "10.0.0.0/99")));
        assertTrue(cidr.getMessage().contains("10.0.0.0/99"), cidr.getMessage());
        assertEquals(List.of(InetAddress.getLoopbackAddress()),
            new InterfaceFilter("127.0.0.0/8").select().stream().filter(a -> a.getAddress().length == 4).toList());
        assertTrue(InterfaceFilter.samePrefix(new byte[] {10, 1, 2, 3}, new byte[] {10, 1, (byte)200, 9}, 16));
        assertFalse(InterfaceFilter.samePrefix(new byte[] {10, 1, 2, 3}, new byte[] {10, 1, (byte)200, 9}, 17));
        final TcpAddress address = TcpAddress.decode(new TcpAddress("h", 4242,
            List.of(InetAddress.getLoopbackAddress())).encode(), 0);
        assertEquals(4242, address.port());
        assertEquals(2, address.candidates("h").size());
        assertThrows(BtlException.class, () -> TcpAddress.decode(new byte[] {1, 2, 3}, 7));
    }
}
