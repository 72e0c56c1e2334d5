package xen2mx.btl.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/** This JVM is rank 0; {@link TcpEchoMain} in a child JVM is rank 1 and echoes every message. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpTwoProcessTest
{
    @TempDir
    Path directory;

    @Test
    void shouldExchangeMessagesWithAnotherJvm() throws Exception
    {
        final int[] sizes = {0, 8, 1000, TcpBtl.EAGER_LIMIT_DEFAULT, TcpBtl.EAGER_LIMIT_DEFAULT + 1, 3 * 1024 * 1024};
        final String jobId = "two-process-" + ProcessHandle.current().pid();
        final Path log = directory.resolve("rank1.log");
        final Process child = TcpPeerProcess.start(TcpEchoMain.class, log, directory.toString(), jobId,
            Integer.toString(sizes.length));
        try (TcpBtl btl = TcpPeerProcess.openAndConnect(0, directory, jobId, Map.of()))
        {
            for (int i = 0; i < sizes.length; i++)
            {
                final ByteBuffer payload = ByteBuffer.allocate(sizes[i]);
                for (int b = 0; b < sizes[i]; b++)
                {
                    payload.put(b, (byte)(b * 7 + i));
                }
                final ByteBuffer back = ByteBuffer.allocate(sizes[i]);
                final long info = 10L * i + 2;
                final BtlRequest receive = btl.irecv(info + 1, -1L, back);
                final BtlRequest send = btl.isend(1, info, payload, i % 2 == 1);
                TcpPeerProcess.await(btl, send, 30);
                TcpPeerProcess.await(btl, receive, 30);
                assertEquals(BtlStatus.SUCCESS, send.status().code(), () -> "send " + send.status());
                assertEquals(BtlStatus.SUCCESS, receive.status().code(), () -> "receive " + receive.status());
                assertEquals(1, receive.status().source());
                assertEquals(sizes[i], receive.status().messageLength());
                assertEquals(payload, back, "echo of " + sizes[i] + " bytes differs");
            }
            TcpPeerProcess.await(btl, btl.isend(1, -1L, ByteBuffer.allocate(0), false), 10);
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit");
            assertEquals(0, child.exitValue(), () -> "child failed: " + describe(log));
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    @Test
    void shouldFailRequestsWhenPeerProcessDies() throws Exception
    {
        final String jobId = "two-process-kill-" + ProcessHandle.current().pid();
        final Path log = directory.resolve("rank1.log");
        final Process child = TcpPeerProcess.start(TcpEchoMain.class, log, directory.toString(), jobId, "1");
        try (TcpBtl btl = TcpPeerProcess.openAndConnect(0, directory, jobId, Map.of()))
        {
            final ByteBuffer back = ByteBuffer.allocate(8);
            final BtlRequest receive = btl.irecv(3, -1L, back);
            TcpPeerProcess.await(btl, btl.isend(1, 2, ByteBuffer.allocate(8), false), 30);
            TcpPeerProcess.await(btl, receive, 30);
            // the child now waits only for match info -1: these two are never matched
            final BtlRequest sync = btl.isend(1, 4, ByteBuffer.allocate(8), true);
            final BtlRequest rendezvous = btl.isend(1, 100, ByteBuffer.allocate(TcpBtl.EAGER_LIMIT_DEFAULT * 2), false);
            final BtlRequest answer = btl.irecv(7, -1L, ByteBuffer.allocate(8));
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            TcpPeerProcess.await(btl, sync, 10);
            TcpPeerProcess.await(btl, rendezvous, 10);
            for (final BtlRequest request : new BtlRequest[] {sync, rendezvous})
            {
                assertEquals(BtlStatus.FAILED, request.status().code(), () -> String.valueOf(request.status()));
                assertTrue(request.status().errorMessage().contains("rank 1"), request.status().errorMessage());
            }
            assertTrue(btl.cancel(answer), "an unmatched receive stays posted and cancellable");
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    private static String describe(final Path log)
    {
        try
        {
            return TcpPeerProcess.describe(log.toFile());
        }
        catch (final java.io.IOException e)
        {
            return e.toString();
        }
    }
}
