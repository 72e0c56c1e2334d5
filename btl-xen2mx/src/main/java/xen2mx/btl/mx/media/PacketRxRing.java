package xen2mx.btl.mx.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A {@code PACKET_MMAP} receive ring ({@code TPACKET_V2}) on a packet socket: the kernel copies each frame into the
 * next slot of memory shared with us, so receiving costs no system call and no copy on our side, and checking for a
 * frame is one memory read.
 *
 * <pre>
 * slot (frameSize bytes, 16-aligned), blocks of framesPerBlock slots:
 * | 0: tp_status u32 | 4: tp_len u32 | 8: tp_snaplen u32 | 12: tp_mac u16 | 14: tp_net u16 | 16..31: time, vlan |
 * | 32: sockaddr_ll (pkttype u8 at 42) | ... | tp_mac: the frame, Ethernet header first, tp_snaplen bytes |
 * </pre>
 *
 * <p>Ownership protocol: a slot whose status has {@code TP_STATUS_USER} belongs to us; the kernel wrote the frame
 * before it stored that status (it issues a barrier), so we read the status with acquire and then the bytes. We hand
 * the slot back by storing {@code TP_STATUS_KERNEL} with release after the handler returned, so the kernel never
 * overwrites a frame being read. Slots are filled and consumed in ring order. Single consumer thread.
 */
final class PacketRxRing implements AutoCloseable
{
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    private static final int TPACKET_ALIGNMENT = 16;
    private static final int TPACKET2_HEADER_SIZE = 32;
    private static final int TPACKET2_HDRLEN = TPACKET2_HEADER_SIZE + LibC.SOCKADDR_LL_SIZE;
    private static final int LEN_OFFSET = 4;
    private static final int SNAPLEN_OFFSET = 8;
    private static final int MAC_OFFSET = 12;
    private static final int PKTTYPE_OFFSET = TPACKET2_HEADER_SIZE + 10;
    private static final int PACKET_OTHERHOST = 3;
    private static final int PACKET_OUTGOING = 4;
    /** Where the kernel puts an Ethernet frame in a slot: after the header, aligned so the payload is 16-aligned. */
    static final int ETHERNET_MAC_OFFSET = align(TPACKET2_HDRLEN + 16) - EthernetChannel.ETHERNET_HEADER_LENGTH;
    private static final int VLAN_SLACK = 4;
    private static final int PREFERRED_BLOCK_SIZE = 64 * 1024;
    private static final VarHandle STATUS = MethodHandles.byteBufferViewVarHandle(int[].class,
        ByteOrder.nativeOrder());

    private final long address;
    private final long mappedBytes;
    private final ByteBuffer ring;
    private final int[] slotOffsets;
    private final ByteBuffer[] frameViews;
    private final ByteBuffer[] slotViews;
    private int next;
    private long truncatedFrames;
    private long foreignHostFrames;
    private boolean closed;

    private PacketRxRing(final long address, final long mappedBytes, final int[] slotOffsets,
        final int frameSize)
    {
        this.address = address;
        this.mappedBytes = mappedBytes;
        this.ring = new Pointer(address).getByteBuffer(0, mappedBytes).order(ByteOrder.nativeOrder());
        this.slotOffsets = slotOffsets;
        this.frameViews = new ByteBuffer[slotOffsets.length];
        this.slotViews = new ByteBuffer[slotOffsets.length];
        for (int i = 0; i < slotOffsets.length; i++)
        {
            slotViews[i] = ring.slice(slotOffsets[i], frameSize);
            frameViews[i] = ring.slice(slotOffsets[i] + ETHERNET_MAC_OFFSET, frameSize - ETHERNET_MAC_OFFSET);
        }
    }

    /**
     * Sets up and maps a ring on a packet socket that is not bound yet.
     *
     * @param fd             the packet socket.
     * @param maxFrameLength the longest frame to receive whole ({@code mtu + 14}).
     * @param ringBytes      about how much memory the ring may use; at least one block is used.
     * @return the mapped ring.
     * @throws MediaException if the kernel refuses.
     */
    static PacketRxRing map(final int fd, final int maxFrameLength, final int ringBytes)
    {
        final int frameSize = align(ETHERNET_MAC_OFFSET + maxFrameLength + VLAN_SLACK);
        final int pageSize = (int)Math.max(4096, LibC.sysconf(LibC.SC_PAGESIZE));
        final int blockSize = roundUp(Math.max(PREFERRED_BLOCK_SIZE, frameSize), pageSize);
        final int framesPerBlock = blockSize / frameSize;
        final int blocks = Math.max(1, ringBytes / blockSize);
        try (Memory value = new Memory(16))
        {
            value.setInt(0, LibC.TPACKET_V2);
            if (LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_VERSION, Pointer.nativeValue(value), 4) != 0)
            {
                throw new MediaException("cannot select TPACKET_V2 on the packet socket: " +
                    LibC.describe(LibC.errno()));
            }
            value.setInt(0, blockSize);
            value.setInt(4, blocks);
            value.setInt(8, frameSize);
            value.setInt(12, blocks * framesPerBlock);
            if (LibC.setsockopt(fd, LibC.SOL_PACKET, LibC.PACKET_RX_RING, Pointer.nativeValue(value), 16) != 0)
            {
                throw new MediaException("cannot set up a " + blocks + " x " + blockSize + " B receive ring: " +
                    LibC.describe(LibC.errno()));
            }
        }
        final long mappedBytes = (long)blocks * blockSize;
        final long address = LibC.mmap(0, mappedBytes, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        if (address == LibC.MAP_FAILED || address == 0)
        {
            throw new MediaException("cannot map the " + mappedBytes + " B receive ring: " +
                LibC.describe(LibC.errno()));
        }
        final int[] slotOffsets = new int[blocks * framesPerBlock];
        for (int i = 0; i < slotOffsets.length; i++)
        {
            slotOffsets[i] = (i / framesPerBlock) * blockSize + (i % framesPerBlock) * frameSize;
        }
        return new PacketRxRing(address, mappedBytes, slotOffsets, frameSize);
    }

    /** @return the slots in the ring: frames that can wait for the receiver before the kernel drops. */
    int slots()
    {
        return slotOffsets.length;
    }

    /** @return true if the next slot holds a frame (one memory read). */
    boolean ready()
    {
        return !closed && ((int)STATUS.getAcquire(ring, slotOffsets[next]) & TP_STATUS_USER) != 0;
    }

    /**
     * Hands up to {@code maxFrames} frames to {@code handler}, each as a view of its slot from its position to its
     * limit, and returns every slot to the kernel after its handler call. Frames cut short by the ring and frames
     * for other hosts (seen on a bridge) or sent by this host are returned unseen and counted.
     *
     * @return the frames handed to {@code handler}.
     */
    int drain(final EthernetChannel.FrameHandler handler, final int maxFrames)
    {
        int delivered = 0;
        int examined = 0;
        while (delivered < maxFrames && examined < slotOffsets.length && !closed)
        {
            final int index = next;
            final int base = slotOffsets[index];
            final int status = (int)STATUS.getAcquire(ring, base); // pairs with the kernel's barrier before status
            if ((status & TP_STATUS_USER) == 0)
            {
                break;
            }
            examined++;
            next = index + 1 == slotOffsets.length ? 0 : index + 1;
            try
            {
                final int length = ring.getInt(base + LEN_OFFSET);
                final int captured = ring.getInt(base + SNAPLEN_OFFSET);
                final int pktType = ring.get(base + PKTTYPE_OFFSET);
                if (captured < length)
                {
                    truncatedFrames++;
                }
                else if (pktType == PACKET_OTHERHOST || pktType == PACKET_OUTGOING)
                {
                    foreignHostFrames++;
                }
                else
                {
                    delivered++;
                    handler.onFrame(view(index, base, captured));
                }
            }
            finally
            {
                STATUS.setRelease(ring, base, TP_STATUS_KERNEL); // the kernel reuses the slot after the handler
            }
        }
        return delivered;
    }

    /** @return frames longer than a slot, dropped. */
    long truncatedFrames()
    {
        return truncatedFrames;
    }

    /** @return frames addressed to other hosts or sent by this one, dropped. */
    long foreignHostFrames()
    {
        return foreignHostFrames;
    }

    /** Unmaps the ring; call only once no thread is in {@link #drain} or {@link #ready}. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            LibC.munmap(address, mappedBytes);
        }
    }

    private ByteBuffer view(final int index, final int base, final int length)
    {
        final int mac = ring.getShort(base + MAC_OFFSET) & 0xffff;
        if (mac == ETHERNET_MAC_OFFSET)
        {
            final ByteBuffer frame = frameViews[index];
            frame.clear().limit(length);
            return frame;
        }
        final ByteBuffer slot = slotViews[index];
        slot.clear().limit(mac + length).position(mac);
        return slot;
    }

    private static int align(final int value)
    {
        return roundUp(value, TPACKET_ALIGNMENT);
    }

    private static int roundUp(final int value, final int unit)
    {
        return (value + unit - 1) / unit * unit;
    }
}
