package xen2mx.btl.tcp;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/**
 * Rank 1 of {@link TcpTwoProcessTest}, run in its own JVM: receives {@code count} messages with any match info and
 * sends each back with match info + 1, synchronously for odd match infos. Exits 0 when done, 1 on any failure.
 */
public final class TcpEchoMain
{
    private TcpEchoMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path directory = Path.of(args[0]);
        final String jobId = args[1];
        final int count = Integer.parseInt(args[2]);
        try (TcpBtl btl = TcpPeerProcess.openAndConnect(1, directory, jobId, Map.of()))
        {
            final ByteBuffer buffer = ByteBuffer.allocate(4 * 1024 * 1024);
            for (int i = 0; i < count; i++)
            {
                final BtlRequest receive = btl.irecv(0, 0, buffer);
                TcpPeerProcess.await(btl, receive, 20);
                final BtlStatus status = receive.status();
                if (status.code() != BtlStatus.SUCCESS || status.source() != 0)
                {
                    throw new IllegalStateException("receive " + i + ": " + status);
                }
                final ByteBuffer echo = buffer.duplicate().limit((int)status.transferLength()).position(0);
                final long info = status.matchInfo() + 1;
                final BtlRequest send = btl.isend(0, info, echo, (info & 1) == 1);
                TcpPeerProcess.await(btl, send, 20);
                if (send.status().code() != BtlStatus.SUCCESS)
                {
                    throw new IllegalStateException("echo " + i + ": " + send.status());
                }
            }
            final BtlRequest done = btl.irecv(-1L, -1L, ByteBuffer.allocate(0));
            TcpPeerProcess.await(btl, done, 20);
            System.out.println("echo done");
        }
        catch (final Throwable e)
        {
            e.printStackTrace(System.out);
            System.exit(1);
        }
    }
}
