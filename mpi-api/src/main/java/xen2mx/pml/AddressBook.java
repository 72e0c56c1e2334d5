package xen2mx.pml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rank's BTL addresses as published at start-up: module name to opaque address.
 *
 * <pre>
 * +-----------+------------------------------------------------------------+
 * | count (4) | count x { name (modified UTF-8, 2-byte length) | len (4) | address (len) } |
 * +-----------+------------------------------------------------------------+
 * </pre>
 * Big-endian, as {@link DataOutputStream} writes it.
 */
final class AddressBook
{
    private AddressBook()
    {
    }

    static byte[] encode(final Map<String, byte[]> addresses)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(addresses.size());
            for (final Map.Entry<String, byte[]> entry : addresses.entrySet())
            {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IOException when the bytes are not an address book (the message says why). */
    static Map<String, byte[]> decode(final byte[] encoded) throws IOException
    {
        final Map<String, byte[]> addresses = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded)))
        {
            final int count = in.readInt();
            if (count < 0 || count > 64)
            {
                throw new IOException("address book with " + count + " entries");
            }
            for (int i = 0; i < count; i++)
            {
                final String name = in.readUTF();
                final int length = in.readInt();
                if (length < 0 || length > in.available())
                {
                    throw new IOException("address of " + name + " claims " + length + " bytes");
                }
                addresses.put(name, in.readNBytes(length));
            }
        }
        return addresses;
    }
}
