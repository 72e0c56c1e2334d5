package xen2mx.boot;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobEnvironmentTest
{
    static Map<String, String> launched()
    {
        final Map<String, String> env = new HashMap<>();
        env.put("X2MX_JOB_ID", "4711");
        env.put("X2MX_COMM_WORLD_RANK", "2");
        env.put("X2MX_COMM_WORLD_SIZE", "4");
        env.put("X2MX_COMM_WORLD_LOCAL_RANK", "2");
        env.put("X2MX_COMM_WORLD_LOCAL_SIZE", "4");
        env.put("X2MX_RENDEZVOUS", "127.0.0.1:40001");
        env.put("X2MX_RENDEZVOUS_TOKEN", "abcdef");
        return env;
    }

    @Test
    void shouldReturnNullWhenNotLaunched()
    {
        assertNull(JobEnvironment.fromEnvironment(Map.of("X2MX_COMM_WORLD_RANK", "0")));
    }

    @Test
    void shouldParseEveryVariable()
    {
        final JobEnvironment e = JobEnvironment.fromEnvironment(launched());
        assertEquals(new JobEnvironment("4711", 2, 4, 2, 4, new RendezvousAddress.Tcp("127.0.0.1", 40001),
            "abcdef"), e);
        assertEquals("127.0.0.1:40001", e.rendezvousAddress());
    }

    @Test
    void shouldAcceptBracketedIpv6Rendezvous()
    {
        final Map<String, String> env = launched();
        env.put("X2MX_RENDEZVOUS", "[::1]:5000");
        final JobEnvironment e = JobEnvironment.fromEnvironment(env);
        assertEquals(new RendezvousAddress.Tcp("::1", 5000), e.rendezvous());
        assertEquals("[::1]:5000", e.rendezvousAddress());
    }

    @Test
    void shouldNameTheMissingVariable()
    {
        final Map<String, String> env = launched();
        env.remove("X2MX_COMM_WORLD_SIZE");
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> JobEnvironment.fromEnvironment(env));
        assertEquals("bad job environment: X2MX_COMM_WORLD_SIZE is not set", ex.getMessage());
    }

    @Test
    void shouldNameTheMalformedVariable()
    {
        final Map<String, String> env = launched();
        env.put("X2MX_COMM_WORLD_RANK", "two");
        assertEquals("bad job environment: X2MX_COMM_WORLD_RANK=two is not an integer",
            assertThrows(IllegalStateException.class, () -> JobEnvironment.fromEnvironment(env)).getMessage());
        env.put("X2MX_COMM_WORLD_RANK", "4");
        assertEquals("bad job environment: rank 4 is not in a world of size 4",
            assertThrows(IllegalStateException.class, () -> JobEnvironment.fromEnvironment(env)).getMessage());
        env.put("X2MX_COMM_WORLD_RANK", "0");
        env.put("X2MX_RENDEZVOUS", "nocolon");
        assertThrows(IllegalStateException.class, () -> JobEnvironment.fromEnvironment(env));
        env.put("X2MX_RENDEZVOUS", "h:70000");
        assertThrows(IllegalStateException.class, () -> JobEnvironment.fromEnvironment(env));
    }

    @Test
    void shouldNotShowTheTokenInToString()
    {
        final String text = JobEnvironment.fromEnvironment(launched()).toString();
        assertFalse(text.contains("abcdef"), text);
        assertTrue(text.contains("rank=2/4"), text);
    }

    @Test
    void shouldReadMcaParametersWithoutPrefixAndIgnoreOthers()
    {
        final Map<String, String> mca = JobEnvironment.mcaParameters(Map.of(
            "X2MX_MCA_btl", "self,tcp", "X2MX_MCA_btl_tcp_if_include", "lo", "X2MX_MCA_", "x", "PATH", "/bin"));
        assertEquals(Map.of("btl", "self,tcp", "btl_tcp_if_include", "lo"), mca);
    }

    @Test
    void shouldReadVerbosityDefaultingToZero()
    {
        assertEquals(0, JobEnvironment.verbosity(Map.of()));
        assertEquals(2, JobEnvironment.verbosity(Map.of("X2MX_VERBOSE", "2")));
        assertEquals(0, JobEnvironment.verbosity(Map.of("X2MX_VERBOSE", "lots")));
        assertEquals(0, JobEnvironment.verbosity(Map.of("X2MX_VERBOSE", "-3")));
    }
}
