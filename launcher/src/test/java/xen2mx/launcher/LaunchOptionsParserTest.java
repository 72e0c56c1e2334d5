package xen2mx.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsParserTest
{
    private static LaunchOptions parse(final Map<String, String> env, final String... argv) throws UsageException
    {
        return new LaunchOptionsParser(env).parse(argv);
    }

    private static LaunchOptions parse(final String... argv) throws UsageException
    {
        return parse(Map.of(), argv);
    }

    private static String error(final Map<String, String> env, final String... argv)
    {
        return assertThrows(UsageException.class, () -> parse(env, argv)).getMessage();
    }

    private static String error(final String... argv)
    {
        return error(Map.of(), argv);
    }

    @Test
    void shouldStopAtTheFirstNonOptionAndPassTheRestUnchanged() throws UsageException
    {
        final LaunchOptions o = parse("-np", "4", "app.Main", "-np", "2", "--mca", "", "-jar");
        assertEquals(4, o.np());
        assertEquals("app.Main", o.program());
        assertNull(o.jar());
        assertEquals(List.of("-np", "2", "--mca", "", "-jar"), o.programArgs());
    }

    @Test
    void shouldTakeJarAndItsArguments() throws UsageException
    {
        final LaunchOptions o = parse("-n", "2", "-jar", "app.jar", "--tag-output", "x");
        assertEquals(Path.of("app.jar"), o.jar());
        assertNull(o.program());
        assertEquals(List.of("--tag-output", "x"), o.programArgs());
        assertFalse(o.tagOutput());
    }

    @Test
    void shouldParseEveryOption() throws UsageException
    {
        final LaunchOptions o = parse(Map.of("HOME", "/home/u"), "--np", "3", "--btl", "self,tcp", "-mca",
            "btl_tcp_if_include", "lo", "-x", "HOME", "-x", "A=b=c", "--tag-output", "--timeout", "30",
            "--oversubscribe", "-vv", "-v", "--jvm-args", "-Xmx64m '-Dk=a b'", "-cp", "classes:lib/*",
            "--hostfile", "hosts", "Main");
        assertEquals(3, o.np());
        assertEquals(Map.of("btl", "self,tcp", "btl_tcp_if_include", "lo"), o.mca());
        assertEquals(List.of("btl", "btl_tcp_if_include"), List.copyOf(o.mca().keySet()));
        assertEquals(Map.of("HOME", "/home/u", "A", "b=c"), o.exports());
        assertTrue(o.tagOutput());
        assertEquals(30, o.timeoutSeconds());
        assertTrue(o.oversubscribe());
        assertEquals(3, o.verbosity());
        assertEquals(List.of("-Xmx64m", "-Dk=a b"), o.jvmArgs());
        assertEquals("classes:lib/*", o.classpath());
        assertEquals(Path.of("hosts"), o.hostfile());
        assertEquals("Main", o.program());
        assertFalse(o.help());
    }

    @Test
    void shouldAcceptInlineValuesAndSynonyms() throws UsageException
    {
        final LaunchOptions o = parse("--np=2", "--timeout=5", "-classpath", "c", "--machinefile=h", "--", "-Odd");
        assertEquals(2, o.np());
        assertEquals(5, o.timeoutSeconds());
        assertEquals("c", o.classpath());
        assertEquals(Path.of("h"), o.hostfile());
        assertEquals("-Odd", o.program());
        assertEquals("c2", parse("--class-path", "c2", "M").classpath());
    }

    @Test
    void shouldUseDefaultsWhenOptionsAreAbsent() throws UsageException
    {
        final LaunchOptions o = parse("Main");
        assertEquals(0, o.np());
        assertEquals(0, o.timeoutSeconds());
        assertFalse(o.oversubscribe());
        assertEquals(0, o.verbosity());
        assertTrue(o.mca().isEmpty());
        assertTrue(o.programArgs().isEmpty());
    }

    @Test
    void shouldReadTimeoutAndOversubscribeFromTheEnvironment() throws UsageException
    {
        final LaunchOptions o = parse(Map.of("MPIEXEC_TIMEOUT", "7", "X2MX_OVERSUBSCRIBE", "yes"), "Main");
        assertEquals(7, o.timeoutSeconds());
        assertTrue(o.oversubscribe());
        assertEquals(3, parse(Map.of("MPIEXEC_TIMEOUT", "7"), "--timeout", "3", "Main").timeoutSeconds());
        assertFalse(parse(Map.of("X2MX_OVERSUBSCRIBE", "0"), "Main").oversubscribe());
        assertEquals("MPIEXEC_TIMEOUT: 'soon' is not a positive integer",
            error(Map.of("MPIEXEC_TIMEOUT", "soon"), "Main"));
    }

    @Test
    void shouldAcceptHelpWithoutProgram() throws UsageException
    {
        assertTrue(parse("--help").help());
        assertTrue(parse("-h").help());
    }

    @Test
    void shouldRejectBadUsageWithOneLineNamingTheOption()
    {
        assertEquals("unknown option --frobnicate", error("--frobnicate", "Main"));
        assertEquals("unknown option -vx", error("-vx", "Main"));
        assertEquals("-np: '0' is not a positive integer", error("-np", "0", "Main"));
        assertEquals("-np: '-2' is not a positive integer", error("-np", "-2", "Main"));
        assertEquals("-n: 'four' is not a positive integer", error("-n", "four", "Main"));
        assertEquals("-np requires a value", error("-np"));
        assertEquals("--timeout: '0' is not a positive integer", error("--timeout", "0", "Main"));
        assertEquals("--mca requires a value", error("--mca", "btl"));
        assertEquals("--mca: key 'a.b' may contain only letters, digits and _", error("--mca", "a.b", "1", "M"));
        assertEquals("--mca takes two values: --mca KEY VALUE", error("--mca=btl", "tcp", "M"));
        assertEquals("-x: '1X' is not a valid environment variable name", error("-x", "1X=2", "Main"));
        assertEquals("-x NOPE: NOPE is not set in mpirun's environment", error("-x", "NOPE", "Main"));
        assertEquals("--tag-output takes no value", error("--tag-output=yes", "Main"));
        assertEquals("--btl: empty value", error("--btl", "", "Main"));
        assertEquals("no program given: expected a MainClass or -jar FILE after the options", error("-np", "2"));
        assertEquals("no program given after --", error("--"));
        assertEquals("--jvm-args: unclosed \" in '-Da=\"b'", error("--jvm-args", "-Da=\"b", "Main"));
    }

    @Test
    void shouldSplitJvmArgsLikeAShell() throws UsageException
    {
        assertEquals(List.of("-Xmx1g", "-Da=b c", "-Dq='x'", "-Dd=\\"),
            JvmArgs.split("  -Xmx1g \"-Da=b c\"  \"-Dq='x'\" -Dd=\\\\ "));
        assertEquals(List.of("", "a"), JvmArgs.split("'' a"));
        assertTrue(JvmArgs.split("   ").isEmpty());
        assertThrows(UsageException.class, () -> JvmArgs.split("a\\"));
    }

    @Test
    void shouldAcceptEveryHostfileSpellingAndTheMappingOptions() throws Exception
    {
        for (final String spelling : new String[] {"--hostfile", "-hostfile", "--machinefile", "-machinefile", "-f"})
        {
            assertEquals(Path.of("h"), parse(spelling, "h", "M").hostfile(), spelling);
        }
        final LaunchOptions o = parse("--display-map", "--do-not-launch", "--wdir", "/tmp", "--bind-to", "none", "M");
        assertTrue(o.displayMap());
        assertTrue(o.doNotLaunch());
        assertEquals(Path.of("/tmp"), o.wdir());
        assertEquals(Path.of("/w"), parse("--wd=/w", "M").wdir());
        assertEquals("--bind-to: 'nothing' is not none, hwthread, core, l3cache, numa, package or socket",
            error("--bind-to", "nothing", "M"));
        assertEquals("--display-map takes no value", error("--display-map=yes", "M"));
    }
}
