package xen2mx.btl.mx.media;

import java.util.Locale;

/** Formats and parses 6-byte Ethernet MAC addresses as {@code aa:bb:cc:dd:ee:ff}. */
public final class MacAddresses
{
    /** Bytes in a MAC address. */
    public static final int LENGTH = 6;

    private MacAddresses()
    {
    }

    /**
     * @param mac 6 bytes.
     * @return lower-case hex bytes joined by colons.
     */
    public static String format(final byte[] mac)
    {
        if (mac.length != LENGTH)
        {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        final StringBuilder text = new StringBuilder(3 * LENGTH - 1);
        for (int i = 0; i < LENGTH; i++)
        {
            if (i > 0)
            {
                text.append(':');
            }
            text.append(String.format(Locale.ROOT, "%02x", mac[i] & 0xff));
        }
        return text.toString();
    }

    /**
     * @param text six hex bytes separated by colons, e.g. {@code 02:4d:58:00:00:01}.
     * @return the 6 bytes.
     * @throws IllegalArgumentException if the text is not a MAC address.
     */
    public static byte[] parse(final String text)
    {
        final String[] parts = text.trim().split(":", -1);
        if (parts.length != LENGTH)
        {
            throw new IllegalArgumentException("not a MAC address (six hex bytes joined by ':'): " + text);
        }
        final byte[] mac = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            if (parts[i].isEmpty() || parts[i].length() > 2)
            {
                throw new IllegalArgumentException("not a MAC address (six hex bytes joined by ':'): " + text);
            }
            try
            {
                mac[i] = (byte)Integer.parseInt(parts[i], 16);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a MAC address (six hex bytes joined by ':'): " + text, ex);
            }
        }
        return mac;
    }
}
