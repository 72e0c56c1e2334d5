package xen2mx.btl.mx.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Interface discovery in this process's namespace (needs no privilege) and MAC text. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NetInterfacesTest
{
    @Test
    void shouldFindTheLoopbackDevice()
    {
        final List<NetInterface> all = NetInterfaces.list();
        final NetInterface lo = NetInterfaces.find("lo").orElseThrow(() -> new AssertionError(all.toString()));
        assertTrue(lo.loopback());
        assertTrue(lo.up());
        assertFalse(lo.usable(), "loopback is never the default");
        assertTrue(lo.index() > 0);
        assertTrue(lo.mtu() >= 1500);
        assertTrue(lo.describe().startsWith("lo (ifindex " + lo.index()), lo.describe());
    }

    @Test
    void shouldListTheInterfacesThatAreUpWhenOneIsUnknown()
    {
        final MediaException unknown = assertThrows(MediaException.class, () -> NetInterfaces.require("nosuch0"));
        assertTrue(unknown.getMessage().contains("'nosuch0'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("lo (ifindex"), unknown.getMessage());
    }

    @Test
    void shouldFormatAndParseMacAddresses()
    {
        final byte[] mac = {0x02, 0x4d, 0x58, 0x00, (byte)0xab, (byte)0xff};
        assertEquals("02:4d:58:00:ab:ff", MacAddresses.format(mac));
        assertArrayEquals(mac, MacAddresses.parse("02:4D:58:0:ab:ff"));
        assertThrows(IllegalArgumentException.class, () -> MacAddresses.parse("02:4d:58:00:ab"));
        assertThrows(IllegalArgumentException.class, () -> MacAddresses.parse("02:4d:58:00:ab:fg"));
        assertThrows(IllegalArgumentException.class, () -> MacAddresses.parse("02:4d:58:00:ab:100"));
    }
}
