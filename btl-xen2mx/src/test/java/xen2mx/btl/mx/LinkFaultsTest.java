package xen2mx.btl.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.match.MatchEngine;
import xen2mx.btl.mx.media.FrameFate;
import xen2mx.btl.mx.media.RandomFaults;

/** The {@value MxBtl#FAULTS_PARAM} syntax: what it accepts, and one clear error naming the token it refuses. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LinkFaultsTest
{
    @Test
    void shouldParseEveryKey()
    {
        final LinkFaults faults = LinkFaults.parse(" loss:5, dup:2 ,reorder:10%,delay:1ms,corrupt:0.5,hold:300us,"
            + "seed:-42");
        assertEquals(new LinkFaults(5, 2, 10, 0.5, TimeUnit.MILLISECONDS.toNanos(1),
            TimeUnit.MICROSECONDS.toNanos(300), -42), faults);
    }

    @Test
    void shouldDefaultWhatIsLeftOut()
    {
        assertEquals(new LinkFaults(0, 0, 0, 1, 0, RandomFaults.DEFAULT_REORDER_HOLD_NANOS, LinkFaults.DEFAULT_SEED),
            LinkFaults.parse("corrupt:1"));
        assertEquals(TimeUnit.SECONDS.toNanos(2), LinkFaults.parse("delay:2s").delayNanos());
        assertEquals(7, LinkFaults.parse("delay:7ns").delayNanos());
        assertEquals(0, LinkFaults.parse("delay:0").delayNanos());
    }

    @Test
    void shouldMeanNoFaultsForNothingOrNone()
    {
        assertNull(LinkFaults.parse(null));
        assertNull(LinkFaults.parse("  "));
        assertNull(LinkFaults.parse("none"));
    }

    @Test
    void shouldReadItsOwnTextBack()
    {
        final LinkFaults faults = LinkFaults.parse("loss:5,dup:2,reorder:10,delay:1ms,corrupt:0.25,seed:9");
        assertEquals(faults, LinkFaults.parse(faults.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "loss5|'loss5': not key:value",
        "loss:5,|'': not key:value",
        "lose:5|'lose:5': unknown key 'lose'",
        "loss:x|'loss:x': 'x' is not a percentage",
        "dup:101|'dup:101': a percentage is from 0 to 100",
        "reorder:-1|'reorder:-1': a percentage is from 0 to 100",
        "delay:1|'delay:1': a duration needs a unit",
        "delay:1.5ms|'delay:1.5ms': '1.5ms' is not a whole number of milliseconds",
        "delay:2h|'delay:2h': a duration needs a unit",
        "hold:0|'hold:0': the reorder hold must be positive",
        "seed:abc|'seed:abc': 'abc' is not a whole number",
        "loss:1,loss:2|'loss:2': 'loss' given twice"})
    void shouldNameTheBadToken(final String value, final String expected)
    {
        final BtlException error = assertThrows(BtlException.class, () -> LinkFaults.parse(value));
        assertTrue(error.getMessage().contains(MxBtl.FAULTS_PARAM + "=" + value + ": bad token " + expected),
            error.getMessage());
        assertTrue(error.getMessage().contains("e.g. loss:5,dup:2,reorder:10,delay:1ms,corrupt:1,seed:42"),
            error.getMessage());
    }

    @Test
    void shouldRefuseABadValueBeforeOpeningAnySocket()
    {
        final BtlContext context = new BtlContext(0, 2, "job", Map.of(MxBtl.MODE_PARAM, MxBtl.MODE_NATIVE,
            MxBtl.FAULTS_PARAM, "loss:5,drop:1"),
            new MatchEngine());
        final BtlException error = assertThrows(BtlException.class, () -> new MxBtlComponent().open(context));
        assertTrue(error.getMessage().contains("bad token 'drop:1': unknown key 'drop'"), error.getMessage());
    }

    @Test
    void shouldGiveEachRankItsOwnReproducibleFaults()
    {
        final LinkFaults faults = LinkFaults.parse("loss:30,dup:20,reorder:20,seed:5");
        assertEquals(fates(faults.newFaults(1)), fates(faults.newFaults(1)), "same rank, same seed, same faults");
        assertNotEquals(fates(faults.newFaults(0)), fates(faults.newFaults(1)), "ranks draw different faults");
        final RandomFaults drawn = faults.newFaults(0);
        fates(drawn);
        assertTrue(drawn.lost() > 200 && drawn.lost() < 400, "about 30% of 1000 lost: " + drawn.lost());
        assertTrue(drawn.duplicated() > 80 && drawn.reordered() > 80, drawn.duplicated() + " " + drawn.reordered());
    }

    /** Draws the fate of 1000 frames. @return the counts drawn, as text */
    private static String fates(final RandomFaults faults)
    {
        final ByteBuffer frame = ByteBuffer.allocate(64);
        for (int i = 0; i < 1000; i++)
        {
            faults.inject(0, frame.clear(), new FrameFate());
        }
        return faults.lost() + " lost, " + faults.duplicated() + " duplicated, " + faults.reordered() + " reordered";
    }
}
