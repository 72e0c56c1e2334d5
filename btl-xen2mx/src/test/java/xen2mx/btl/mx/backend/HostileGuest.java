package xen2mx.btl.mx.backend;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import xen2mx.btl.mx.pv.CommandDescriptor;
import xen2mx.btl.mx.pv.ControlChannel;
import xen2mx.btl.mx.pv.EventDescriptor;
import xen2mx.btl.mx.pv.SegmentLayout;
import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.SharedFile;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * A guest for tests that speaks the attach protocol itself and writes into its command ring directly, bypassing the
 * frontend's checks: what a compromised guest kernel could do.
 */
final class HostileGuest implements AutoCloseable
{
    final ControlChannel control;
    final SharedFile commands;
    final SharedFile events;
    final SharedFile segment;
    final SlotRing commandRing;
    final int commandSlots;
    final int queueSlots;
    final long segmentLength;
    final long allocatableStart;

    private HostileGuest(final ControlChannel control, final ByteBuffer hello)
    {
        this.control = control;
        hello.getInt();
        hello.getLong();
        hello.getInt();
        hello.getInt();
        hello.getInt();
        hello.getInt();
        this.queueSlots = hello.getInt();
        this.commandSlots = hello.getInt();
        final int eventSlots = hello.getInt();
        final int recvSlots = hello.getInt();
        final int recvSlotLength = hello.getInt();
        this.segmentLength = hello.getLong();
        ControlChannel.getText(hello);
        this.commands = SharedFile.map(Path.of(ControlChannel.getText(hello)),
            SlotRing.fileLength(commandSlots, CommandDescriptor.SLOT_LENGTH));
        this.events = SharedFile.map(Path.of(ControlChannel.getText(hello)),
            SlotRing.fileLength(eventSlots, EventDescriptor.SLOT_LENGTH));
        this.segment = SharedFile.map(Path.of(ControlChannel.getText(hello)), segmentLength);
        this.commandRing = new SlotRing(commands.buffer(), commandSlots, CommandDescriptor.SLOT_LENGTH, true);
        this.allocatableStart = SegmentLayout.allocatableStart(recvSlots, recvSlotLength);
    }

    static HostileGuest attach(final Path socket) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        final ControlChannel control = new ControlChannel(channel);
        control.begin(ControlChannel.HELLO).putInt(ControlChannel.VERSION).putLong(ProcessHandle.current().pid())
            .putLong(SegmentLayout.MIN_LENGTH);
        control.send();
        final ByteBuffer reply = control.receive();
        if (reply.getInt() != 0)
        {
            throw new IOException("refused: " + ControlChannel.getText(reply));
        }
        ControlChannel.getText(reply);
        return new HostileGuest(control, reply);
    }

    /** @return the index of an endpoint opened with a send queue at the start of the allocatable segment. */
    int openEndpoint(final int sendqLength) throws IOException
    {
        control.begin(ControlChannel.OPEN_ENDPOINT).putInt(-1).putInt((int)allocatableStart).putInt(sendqLength);
        control.send();
        final ByteBuffer reply = control.receive();
        final int status = reply.getInt();
        final String text = ControlChannel.getText(reply);
        if (status != 0)
        {
            throw new IOException("open refused: " + text);
        }
        return reply.getInt();
    }

    /**
     * Writes one command slot (zeroed first) through {@code fill}, which gets the slot's offset, and commits it.
     *
     * @param fill writes fields into {@link #slots()} at the offset.
     */
    void post(final IntConsumer fill)
    {
        final int at = commandRing.claim();
        commands.buffer().setMemory(at, CommandDescriptor.SLOT_LENGTH, (byte)0);
        fill.accept(at);
        commandRing.commit();
    }

    SharedBuffer slots()
    {
        return commands.buffer();
    }

    /** Publishes a producer index of its own choosing (the first trailer field), and rings the backend. */
    void publishProducerIndex(final long value)
    {
        commands.buffer().putLongVolatile(commandSlots * CommandDescriptor.SLOT_LENGTH, value);
        commandRing.ring();
    }

    /**
     * @param limit how long to wait.
     * @return true if the backend closed this guest's socket (it detached the guest) within the limit.
     */
    boolean awaitDetached(final Duration limit)
    {
        final CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                while (true)
                {
                    control.receive();
                }
            }
            catch (final IOException ex)
            {
                return true;
            }
        });
        try
        {
            return closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    @Override
    public void close()
    {
        control.close();
    }
}
