package xen2mx.boot;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RendezvousAddressTest
{
    @Test
    void shouldParseTcpAndUnixFormsAndWriteThemBack()
    {
        for (final String text : new String[] {"127.0.0.1:40001", "[::1]:5000", "node7:1", "unix:/tmp/x/r.sock"})
        {
            assertEquals(text, RendezvousAddress.parse(text).text());
        }
        assertEquals(new RendezvousAddress.Tcp("::1", 5000), RendezvousAddress.parse("[::1]:5000"));
        final RendezvousAddress unix = RendezvousAddress.parse("unix:/tmp/x/r.sock");
        assertEquals(new RendezvousAddress.Unix(Path.of("/tmp/x/r.sock")), unix);
        assertEquals(UnixDomainSocketAddress.of("/tmp/x/r.sock"), unix.socketAddress());
        assertEquals(StandardProtocolFamily.UNIX, unix.family());
        assertEquals(StandardProtocolFamily.INET, RendezvousAddress.parse("127.0.0.1:9").family());
        assertEquals(StandardProtocolFamily.INET6, RendezvousAddress.parse("[::1]:9").family());
    }

    @Test
    void shouldRejectMalformedAddressesWithTheText()
    {
        assertEquals("'nocolon' is not host:port or unix:/path",
            assertThrows(IllegalArgumentException.class, () -> RendezvousAddress.parse("nocolon")).getMessage());
        assertEquals("'h:x' has no numeric port",
            assertThrows(IllegalArgumentException.class, () -> RendezvousAddress.parse("h:x")).getMessage());
        assertEquals("rendezvous port 70000 is not in 1..65535",
            assertThrows(IllegalArgumentException.class, () -> RendezvousAddress.parse("h:70000")).getMessage());
        assertEquals("rendezvous socket r.sock is not an absolute path",
            assertThrows(IllegalArgumentException.class, () -> RendezvousAddress.parse("unix:r.sock")).getMessage());
    }

    @Test
    void shouldReadAUnixRendezvousFromTheEnvironment()
    {
        final Map<String, String> env = new HashMap<>(JobEnvironmentTest.launched());
        env.put(JobEnvironment.RENDEZVOUS, "unix:/run/x2mx/r.sock");
        final JobEnvironment e = JobEnvironment.fromEnvironment(env);
        assertEquals(new RendezvousAddress.Unix(Path.of("/run/x2mx/r.sock")), e.rendezvous());
        assertEquals("unix:/run/x2mx/r.sock", e.rendezvousAddress());
        env.put(JobEnvironment.RENDEZVOUS, "unix:relative");
        assertEquals("bad job environment: X2MX_RENDEZVOUS: rendezvous socket relative is not an absolute path",
            assertThrows(IllegalStateException.class, () -> JobEnvironment.fromEnvironment(env)).getMessage());
    }
}
