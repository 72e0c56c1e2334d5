package xen2mx.btl.mx.protocol;

/**
 * Expected frame bytes written by hand from the offset tables of the brief (MXOE-WIRE-AND-MX-API.md section 2.4),
 * independently of the codec: big-endian, body offsets as the tables give them (frame offset = body + 16).
 */
final class Golden
{
    static final long DST_MAC = 0x02_11_22_33_44_55L;
    static final long SRC_MAC = 0x02_AA_BB_CC_DD_EEL;
    static final int PEER_INDEX = 0x0123;

    private final byte[] bytes;

    private Golden(final int length)
    {
        bytes = new byte[length];
    }

    /** A frame of {@code max(60, 16 + bodyLength + payload)} bytes with the envelope of every golden frame. */
    static Golden frame(final int bodyLength, final int payloadLength)
    {
        final Golden golden = new Golden(Math.max(60, 16 + bodyLength + payloadLength));
        golden.frameBytes(0, 0x02, 0x11, 0x22, 0x33, 0x44, 0x55);
        golden.frameBytes(6, 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE);
        golden.frameBytes(12, 0x86, 0xDF);
        golden.frameBytes(14, 0x01, 0x23);
        return golden;
    }

    Golden u8(final int bodyOffset, final int value)
    {
        bytes[16 + bodyOffset] = (byte)value;
        return this;
    }

    Golden u16(final int bodyOffset, final int value)
    {
        bytes[16 + bodyOffset] = (byte)(value >>> 8);
        bytes[16 + bodyOffset + 1] = (byte)value;
        return this;
    }

    Golden u32(final int bodyOffset, final long value)
    {
        for (int i = 0; i < 4; i++)
        {
            bytes[16 + bodyOffset + i] = (byte)(value >>> (24 - 8 * i));
        }
        return this;
    }

    Golden body(final int bodyOffset, final byte[] data)
    {
        System.arraycopy(data, 0, bytes, 16 + bodyOffset, data.length);
        return this;
    }

    private void frameBytes(final int frameOffset, final int... values)
    {
        for (int i = 0; i < values.length; i++)
        {
            bytes[frameOffset + i] = (byte)values[i];
        }
    }

    byte[] bytes()
    {
        return bytes.clone();
    }
}
