package xen2mx.btl.mx;

import java.nio.ByteBuffer;

/**
 * The {@code xen2mx} module's address as published through the launcher's wire-up, 10 bytes, big-endian:
 *
 * <pre>
 *  0      1      2        3                                   9          10
 * +------+------+--------+-----------------------------------+----------+
 * | 'M'  | 'X'  | version|    board address (MAC, 48 bits)   | endpoint |
 * +------+------+--------+-----------------------------------+----------+
 * </pre>
 *
 * @param nicId      the board address: MAC as a 48-bit integer.
 * @param endpointId the MX endpoint index, 0..255.
 */
public record MxBtlAddress(long nicId, int endpointId)
{
    /** Encoded length in bytes. */
    public static final int LENGTH = 10;
    private static final int VERSION = 1;

    public MxBtlAddress
    {
        if ((nicId >>> 48) != 0 || endpointId < 0 || endpointId > 255)
        {
            throw new IllegalArgumentException("nicId=" + Long.toHexString(nicId) + " endpointId=" + endpointId);
        }
    }

    /** @return the 10-byte encoding. */
    public byte[] encode()
    {
        final ByteBuffer buffer = ByteBuffer.allocate(LENGTH);
        buffer.put((byte)'M').put((byte)'X').put((byte)VERSION);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            buffer.put((byte)(nicId >>> shift));
        }
        buffer.put((byte)endpointId);
        return buffer.array();
    }

    /** @return the address, or null if {@code bytes} is not an encoding of this version. */
    public static MxBtlAddress decode(final byte[] bytes)
    {
        if (bytes == null || bytes.length != LENGTH || bytes[0] != 'M' || bytes[1] != 'X' || bytes[2] != VERSION)
        {
            return null;
        }
        long nicId = 0;
        for (int i = 3; i < 9; i++)
        {
            nicId = (nicId << 8) | (bytes[i] & 0xFF);
        }
        return new MxBtlAddress(nicId, bytes[9] & 0xFF);
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            text.append(String.format("%02x", (nicId >>> shift) & 0xFF)).append(shift > 0 ? ":" : "");
        }
        return text.append(" endpoint ").append(endpointId).toString();
    }
}
