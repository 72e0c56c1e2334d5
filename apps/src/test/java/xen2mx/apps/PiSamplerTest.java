package xen2mx.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiSamplerTest
{
    @Test
    void shouldBeDeterministicPerSeedAndDifferAcrossRanks()
    {
        assertEquals(PiSampler.hits(PiSampler.seedFor(3), 10_000), PiSampler.hits(PiSampler.seedFor(3), 10_000));
        assertNotEquals(PiSampler.hits(PiSampler.seedFor(0), 10_000), PiSampler.hits(PiSampler.seedFor(1), 10_000));
        assertEquals(0, PiSampler.hits(1, 0));
    }

    @Test
    void shouldConvergeToPi()
    {
        final long samples = 1_000_000;
        final double pi = PiSampler.estimate(PiSampler.hits(PiSampler.seedFor(0), samples), samples);
        // Standard error of the estimate is about 4 * sqrt(p(1-p)/n) = 0.0016; allow 5 sigma.
        assertTrue(Math.abs(pi - Math.PI) < 0.0083, "estimate " + pi);
    }

    @Test
    void shouldScaleHitsToPi()
    {
        assertEquals(3.0, PiSampler.estimate(3, 4), 0.0);
    }
}
