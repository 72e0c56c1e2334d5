package xen2mx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GetOptTest
{
    private static GetOpt getOpt(final String... args)
    {
        final Map<String, Character> longs = new LinkedHashMap<>();
        longs.put("help", 'h');
        longs.put("message-size", 'm');
        longs.put("iterations", 'i');
        longs.put("items", 'I');
        return new GetOpt(args, "+:hvm:i:I:", longs);
    }

    private static void assertOption(final GetOpt.Result r, final char option, final String argument)
    {
        assertEquals(GetOpt.Kind.OPTION, r.kind());
        assertEquals(option, r.option());
        assertEquals(argument, r.argument());
    }

    @Test
    void shouldSplitClusteredFlags()
    {
        final GetOpt g = getOpt("-hv");
        assertOption(g.next(), 'h', null);
        assertOption(g.next(), 'v', null);
        assertEquals(GetOpt.Kind.END, g.next().kind());
    }

    @Test
    void shouldTakeAttachedAndDetachedArguments()
    {
        final GetOpt g = getOpt("-m128", "-i", "5", "-hm", "2:8");
        assertOption(g.next(), 'm', "128");
        assertOption(g.next(), 'i', "5");
        assertOption(g.next(), 'h', null);
        assertOption(g.next(), 'm', "2:8");
        assertEquals(GetOpt.Kind.END, g.next().kind());
    }

    @Test
    void shouldTakeLongOptionsWithEqualsOrNextArgument()
    {
        final GetOpt g = getOpt("--message-size=64", "--iterations", "7", "--help");
        assertOption(g.next(), 'm', "64");
        assertOption(g.next(), 'i', "7");
        assertOption(g.next(), 'h', null);
    }

    @Test
    void shouldAcceptUniqueLongPrefixAndRejectAmbiguousOne()
    {
        assertOption(getOpt("--mess", "9").next(), 'm', "9");
        final GetOpt.Result ambiguous = getOpt("--it", "9").next();
        assertEquals(GetOpt.Kind.UNKNOWN_OPTION, ambiguous.kind());
        assertEquals("--it", ambiguous.text());
    }

    @Test
    void shouldReportUnknownShortOptionWithItsCharacter()
    {
        final GetOpt.Result r = getOpt("-q").next();
        assertEquals(GetOpt.Kind.UNKNOWN_OPTION, r.kind());
        assertEquals('q', r.option());
        assertEquals("-q", r.text());
    }

    @Test
    void shouldReportMissingArgumentAtEnd()
    {
        final GetOpt shortForm = getOpt("-h", "-m");
        assertOption(shortForm.next(), 'h', null);
        final GetOpt.Result missingShort = shortForm.next();
        assertEquals(GetOpt.Kind.MISSING_ARGUMENT, missingShort.kind());
        assertEquals('m', missingShort.option());
        final GetOpt g = getOpt("--iterations");
        final GetOpt.Result missing = g.next();
        assertEquals(GetOpt.Kind.MISSING_ARGUMENT, missing.kind());
        assertEquals('i', missing.option());
    }

    @Test
    void shouldTreatNextWordAsArgumentEvenIfItLooksLikeAnOption()
    {
        assertOption(getOpt("-m", "-h").next(), 'm', "-h");
    }

    @Test
    void shouldStopAtFirstOperandAndAfterDoubleDash()
    {
        final GetOpt g = getOpt("-h", "file", "-v");
        assertOption(g.next(), 'h', null);
        assertEquals(GetOpt.Kind.END, g.next().kind());
        assertEquals(1, g.firstOperandIndex());

        final GetOpt dd = getOpt("--", "-h");
        assertEquals(GetOpt.Kind.END, dd.next().kind());
        assertEquals(1, dd.firstOperandIndex());
    }

    @Test
    void shouldRejectArgumentToLongFlag()
    {
        final GetOpt.Result r = getOpt("--help=yes").next();
        assertEquals(GetOpt.Kind.UNKNOWN_OPTION, r.kind());
        assertEquals('h', r.option());
    }

    @Test
    void shouldNotTreatColonOrPlusAsOptions()
    {
        assertEquals(GetOpt.Kind.UNKNOWN_OPTION, getOpt("-:").next().kind());
        assertEquals(GetOpt.Kind.UNKNOWN_OPTION, getOpt("-+").next().kind());
        assertNull(getOpt("-").next().argument());
        assertEquals(GetOpt.Kind.END, getOpt("-").next().kind());
    }
}
