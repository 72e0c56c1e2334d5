package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OmbMetricsTest
{
    @Test
    void shouldHalveTheRoundTrip()
    {
        // 1000 round trips of 10 us each: 10 ms in total, 5 us one way.
        assertEquals(5.0, OmbMetrics.latencyMicros(10_000_000L, 1000), 1e-12);
    }

    @Test
    void shouldUseDecimalMegabytesAndCountWindowAndDirections()
    {
        // 20 iterations x 64 messages x 1 MiB in 2 s: 1342.177280 MB / 2 s.
        assertEquals(671.08864, OmbMetrics.bandwidthMBps(1 << 20, 20, 64, 1, 2_000_000_000L), 1e-9);
        assertEquals(1342.17728, OmbMetrics.bandwidthMBps(1 << 20, 20, 64, 2, 2_000_000_000L), 1e-9);
    }
}
