package xen2mx.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Control channels on a real UNIX domain socket pair. */
@Timeout(20)
class ControlChannelsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldEndABlockedReadWhenTheDeadlinePassesAndNotWhenItIsCancelled() throws Exception
    {
        final RendezvousAddress address = new RendezvousAddress.Unix(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
            try (SocketChannel client = ControlChannels.connect(address, 1_000); SocketChannel peer = server.accept())
            {
                final ControlChannels.Deadline kept = ControlChannels.closeAfter(client, 60_000);
                assertTrue(kept.cancel());
                assertFalse(kept.hasExpired());

                final long start = System.nanoTime();
                final ControlChannels.Deadline deadline = ControlChannels.closeAfter(client, 200);
                assertThrows(IOException.class, () -> ControlChannels.inputStream(client).read());
                assertTrue(deadline.hasExpired());
                assertFalse(deadline.cancel(), "too late to cancel");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
                assertFalse(client.isOpen());
            }
        }
    }

    @Test
    void shouldWriteWhileAnotherThreadIsBlockedReading() throws Exception
    {
        final RendezvousAddress address = new RendezvousAddress.Unix(dir.resolve("s"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX))
        {
            server.bind(UnixDomainSocketAddress.of(dir.resolve("s")));
            try (SocketChannel client = ControlChannels.connect(address, 1_000); SocketChannel peer = server.accept())
            {
                final CompletableFuture<Integer> blockedRead = CompletableFuture.supplyAsync(() ->
                {
                    try
                    {
                        return ControlChannels.inputStream(client).read();
                    }
                    catch (final IOException ex)
                    {
                        return -2;
                    }
                });
                Thread.sleep(100);
                ControlChannels.outputStream(client).write(new byte[] {42}, 0, 1);
                final InputStream fromClient = ControlChannels.inputStream(peer);
                assertEquals(42, fromClient.read(), "the write did not wait for the blocked read");
                ControlChannels.outputStream(peer).write(7);
                assertEquals(7, blockedRead.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void shouldFailToConnectToAMissingSocketAtOnce()
    {
        final IOException ex = assertThrows(IOException.class,
            () -> ControlChannels.connect(new RendezvousAddress.Unix(dir.resolve("none")), 1_000));
        assertTrue(ex.getMessage() != null, "the cause is named");
    }
}
