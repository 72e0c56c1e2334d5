package xen2mx.launcher;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandResolverTest
{
    private static URLClassLoader loader(final String... fixtures) throws Exception
    {
        final URL[] urls = new URL[fixtures.length];
        for (int i = 0; i < fixtures.length; i++)
        {
            urls[i] = fixture(fixtures[i]).toUri().toURL();
        }
        return new URLClassLoader(urls, null);
    }

    private static Path fixture(final String name) throws URISyntaxException
    {
        return Path.of(CommandResolverTest.class.getResource("/" + name).toURI());
    }

    @Test
    void shouldResolveBundledNamesWithoutDot() throws Exception
    {
        try (URLClassLoader l = loader("commands-a"))
        {
            final CommandResolver r = new CommandResolver(l);
            assertEquals("xen2mx.bench.OsuLatency", r.resolve("osu_latency"));
            assertEquals("xen2mx.bench.OsuBandwidth", r.resolve("osu_bw"), "keys and values are trimmed");
            assertEquals(Map.of("osu_latency", "xen2mx.bench.OsuLatency", "osu_bw", "xen2mx.bench.OsuBandwidth",
                "hello", "xen2mx.apps.Hello"), r.commands());
        }
    }

    @Test
    void shouldLeaveClassNamesAndUnknownNamesAlone() throws Exception
    {
        try (URLClassLoader l = loader("commands-a"))
        {
            final CommandResolver r = new CommandResolver(l);
            assertEquals("com.example.osu_latency", r.resolve("com.example.osu_latency"));
            assertEquals("Hello2", r.resolve("Hello2"), "a class in the default package");
        }
    }

    @Test
    void shouldMergeJarsAndRefuseOnlyNamesTheyDisagreeOn() throws Exception
    {
        try (URLClassLoader l = loader("commands-a", "commands-b"))
        {
            final CommandResolver r = new CommandResolver(l);
            assertEquals("xen2mx.apps.Ring", r.resolve("ring"));
            assertEquals("xen2mx.bench.OsuBandwidth", r.resolve("osu_bw"));
            final UsageException ex = assertThrows(UsageException.class, () -> r.resolve("hello"));
            assertEquals(true, ex.getMessage().startsWith("program name 'hello' is defined differently in "),
                ex.getMessage());
        }
    }

    @Test
    void shouldWorkWithoutAnyCommandsResource() throws Exception
    {
        try (URLClassLoader l = new URLClassLoader(new URL[0], null))
        {
            final CommandResolver r = new CommandResolver(l);
            assertEquals("osu_latency", r.resolve("osu_latency"));
            assertEquals(Map.of(), r.commands());
        }
    }
}
