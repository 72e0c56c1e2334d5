package xen2mx.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class NetemTest
{
    @Test
    void shouldWriteTcArgumentsInNetemOrder()
    {
        assertEquals(List.of("limit", "10000", "delay", "1000us", "reorder", "10%", "duplicate", "2%", "loss", "5%"),
            Netem.none().loss(5).duplicate(2).reorder(10).delay(Duration.ofMillis(1)).arguments());
        assertEquals(List.of("limit", "10000", "corrupt", "0.5%"), Netem.none().corrupt(0.5).arguments());
    }

    @Test
    void shouldDelayReorderingThatHasNoDelay()
    {
        assertEquals(List.of("limit", "50", "delay", "1000us", "reorder", "25%"),
            Netem.none().reorder(25).limit(50).arguments());
    }

    @Test
    void shouldRejectPercentagesOutOfRange()
    {
        assertThrows(IllegalArgumentException.class, () -> Netem.none().loss(101));
        assertThrows(IllegalArgumentException.class, () -> Netem.none().corrupt(-1));
        assertThrows(IllegalArgumentException.class, () -> Netem.none().loss(Double.NaN));
    }
}
