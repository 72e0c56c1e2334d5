package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;

/** Builds and reads test frames: Ethernet header, then a 4-byte sequence number, then a pattern derived from it. */
final class Frames
{
    static final int SEQUENCE_OFFSET = EthernetChannel.ETHERNET_HEADER_LENGTH;
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private Frames()
    {
    }

    static ByteBuffer frame(final byte[] destination, final byte[] source, final int length, final int sequence)
    {
        return frame(destination, source, EthernetChannel.ETHERTYPE_MXOE, length, sequence);
    }

    static ByteBuffer frame(final byte[] destination, final byte[] source, final int etherType, final int length,
        final int sequence)
    {
        final ByteBuffer frame = ByteBuffer.allocate(length);
        fill(frame, destination, source, etherType, sequence);
        return frame;
    }

    /** Fills {@code frame} from 0 to its limit, which must be at least 18. */
    static void fill(final ByteBuffer frame, final byte[] destination, final byte[] source, final int etherType,
        final int sequence)
    {
        frame.put(0, destination).put(6, source).putShort(12, (short)etherType);
        if (frame.limit() >= SEQUENCE_OFFSET + 4)
        {
            frame.putInt(SEQUENCE_OFFSET, sequence);
        }
        for (int i = SEQUENCE_OFFSET + 4; i < frame.limit(); i++)
        {
            frame.put(i, pattern(sequence, i));
        }
    }

    static byte pattern(final int sequence, final int index)
    {
        return (byte)(sequence * 31 + index * 7 + (index >>> 8));
    }

    static int sequence(final ByteBuffer frame)
    {
        return frame.getInt(frame.position() + SEQUENCE_OFFSET);
    }

    /** @return true if the bytes after the sequence number follow the pattern of the frame's sequence number. */
    static boolean intact(final ByteBuffer frame)
    {
        final int base = frame.position();
        final int sequence = frame.getInt(base + SEQUENCE_OFFSET);
        for (int i = SEQUENCE_OFFSET + 4; i < frame.remaining(); i++)
        {
            if (frame.get(base + i) != pattern(sequence, i))
            {
                return false;
            }
        }
        return true;
    }
}
