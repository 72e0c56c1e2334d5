package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class RuntimeTagTest
{
    private static final String[] NO_ARGS = new String[0];

    @Test
    void shouldPreferEnvironmentOverProperty()
    {
        final Properties props = new Properties();
        props.setProperty(RuntimeTag.BTL_PROPERTY, "mxoe");
        assertEquals("xen2mx-mpi 0.1.0, btl: self,tcp",
            RuntimeTag.describe(Map.of(RuntimeTag.BTL_ENV, "self,tcp"), props, false, "0.1.0", NO_ARGS));
        assertEquals("xen2mx-mpi 0.1.0, btl: mxoe",
            RuntimeTag.describe(Map.of(), props, false, "0.1.0", NO_ARGS));
        assertEquals("xen2mx-mpi 0.1.0, btl: default",
            RuntimeTag.describe(Map.of(RuntimeTag.BTL_ENV, ""), new Properties(), false, "0.1.0", NO_ARGS));
    }

    @Test
    void shouldNameMpjExpressAndItsDevice()
    {
        final String[] injected = {"0", "mpj.conf", "niodev", "-m", "8"};
        assertEquals("MPJ Express, device: niodev",
            RuntimeTag.describe(Map.of(), new Properties(), true, "0.1.0", injected));
        assertEquals("MPJ Express, device: unknown",
            RuntimeTag.describe(Map.of(), new Properties(), true, "0.1.0", NO_ARGS));
    }

    @Test
    void shouldLetPropertyOverrideTheRuntimeName()
    {
        final Properties props = new Properties();
        props.setProperty(RuntimeTag.RUNTIME_PROPERTY, "MPJ Express 0.44");
        assertEquals("MPJ Express 0.44, device: multicore",
            RuntimeTag.describe(Map.of(), props, true, "x", new String[] {"0", "c", "multicore"}));
        assertEquals("MPJ Express 0.44, btl: tcp",
            RuntimeTag.describe(Map.of(RuntimeTag.BTL_ENV, "tcp"), props, false, "x", NO_ARGS));
    }
}
