package xen2mx.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses {@code mpirun}'s command line in Open MPI's style: options until the first word that is not an option
 * (the main class or bundled program name), or until {@code -jar FILE}; everything after that is the user's and
 * passes through unchanged. Options may be written with one or two dashes ({@code -np}, {@code --np}), and those
 * taking one value also as {@code --name=value}.
 *
 * <p>Every error is a {@link UsageException} with one line naming the option and the bad value.
 */
public final class LaunchOptionsParser
{
    private static final Pattern MCA_KEY = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern VERBOSE = Pattern.compile("v+");
    private static final Pattern BIND_TO = Pattern.compile("(none|hwthread|core|l3cache|numa|package|socket)"
        + "(:[A-Za-z-]+)?");

    private final Map<String, String> env;

    /** @param env the launcher's environment ({@code MPIEXEC_TIMEOUT}, {@code X2MX_OVERSUBSCRIBE}, {@code -x VAR}). */
    public LaunchOptionsParser(final Map<String, String> env)
    {
        this.env = Map.copyOf(env);
    }

    /**
     * @param argv mpirun's arguments.
     * @return the options.
     * @throws UsageException on an unknown option, a missing or bad value, or no program.
     */
    public LaunchOptions parse(final String[] argv) throws UsageException
    {
        final Builder b = new Builder();
        int i = 0;
        while (i < argv.length && b.program == null && b.jar == null)
        {
            final String arg = argv[i++];
            if (!arg.startsWith("-") || arg.length() == 1)
            {
                b.program = arg;
                break;
            }
            final String spelled = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            if (spelled.isEmpty())
            {
                if (i >= argv.length)
                {
                    throw new UsageException("no program given after --");
                }
                b.program = argv[i++];
                break;
            }
            final int eq = spelled.indexOf('=');
            final String name = eq < 0 ? spelled : spelled.substring(0, eq);
            final Args values = new Args(arg, eq < 0 ? null : spelled.substring(eq + 1), argv, i);
            option(b, name, values);
            i = values.next;
        }
        if (b.help)
        {
            return b.build(List.of());
        }
        if (b.program == null && b.jar == null)
        {
            throw new UsageException("no program given: expected a MainClass or -jar FILE after the options");
        }
        if (b.hostfile != null && !b.hosts.isEmpty())
        {
            throw new UsageException("give hosts either with --hostfile or with -H, not both");
        }
        if (b.timeoutSeconds == 0 && env.containsKey(LaunchContext.TIMEOUT_ENV))
        {
            b.timeoutSeconds = positive(LaunchContext.TIMEOUT_ENV, env.get(LaunchContext.TIMEOUT_ENV));
        }
        if (!b.oversubscribe && env.containsKey(LaunchContext.OVERSUBSCRIBE_ENV))
        {
            b.oversubscribe = isTrue(env.get(LaunchContext.OVERSUBSCRIBE_ENV));
        }
        return b.build(Arrays.asList(argv).subList(i, argv.length));
    }

    private void option(final Builder b, final String name, final Args values) throws UsageException
    {
        switch (name)
        {
            case "np", "n" -> b.np = positive(values.option, values.take());
            case "btl" -> b.mca.put(LaunchContext.BTL_PARAMETER, nonEmpty(values.option, values.take()));
            case "mca" -> mca(b, values);
            case "x" -> export(b, values.option, values.take());
            case "tag-output" -> b.tagOutput = values.flag();
            case "timeout" -> b.timeoutSeconds = positive(values.option, values.take());
            case "oversubscribe" -> b.oversubscribe = values.flag();
            case "jvm-args" -> b.jvmArgs.addAll(JvmArgs.split(values.take()));
            case "cp", "classpath", "class-path" -> b.classpath = nonEmpty(values.option, values.take());
            case "hostfile", "machinefile", "f" -> b.hostfile = Path.of(nonEmpty(values.option, values.take()));
            case "H", "host", "hosts" -> b.hosts.addAll(HostfileParser.parseHostList(values.take()));
            case "launch-agent" -> b.launchAgent = LaunchAgent.parse(values.take());
            case "map-by" -> b.mapBy = MapBy.parse(values.take());
            case "bind-to" -> bindTo(values.option, values.take());
            case "display-map" -> b.displayMap = values.flag();
            case "do-not-launch" -> b.doNotLaunch = values.flag();
            case "wdir", "wd" -> b.wdir = Path.of(nonEmpty(values.option, values.take()));
            case "jar" -> b.jar = Path.of(nonEmpty(values.option, values.take()));
            case "h", "help" -> b.help = values.flag();
            case "verbose" -> b.verbosity += values.flag() ? 1 : 0;
            default ->
            {
                if (!VERBOSE.matcher(name).matches() || values.inlineValue != null)
                {
                    throw new UsageException("unknown option " + values.option);
                }
                b.verbosity += name.length();
            }
        }
    }

    /** Binding is a no-op for JVM ranks: {@code none} and the usual objects are accepted, anything else refused. */
    private static void bindTo(final String option, final String value) throws UsageException
    {
        if (!BIND_TO.matcher(value).matches())
        {
            throw new UsageException(option + ": '" + value + "' is not none, hwthread, core, l3cache, numa, "
                + "package or socket");
        }
    }

    private static void mca(final Builder b, final Args values) throws UsageException
    {
        if (values.inlineValue != null)
        {
            throw new UsageException(values.option + " takes two values: --mca KEY VALUE");
        }
        final String key = values.take();
        if (!MCA_KEY.matcher(key).matches())
        {
            throw new UsageException(values.option + ": key '" + key + "' may contain only letters, digits and _");
        }
        b.mca.put(key, values.take());
    }

    private void export(final Builder b, final String option, final String spec) throws UsageException
    {
        final int eq = spec.indexOf('=');
        final String name = eq < 0 ? spec : spec.substring(0, eq);
        if (!ENV_NAME.matcher(name).matches())
        {
            throw new UsageException(option + ": '" + name + "' is not a valid environment variable name");
        }
        final String value = eq < 0 ? env.get(name) : spec.substring(eq + 1);
        if (value == null)
        {
            throw new UsageException(option + " " + name + ": " + name + " is not set in mpirun's environment");
        }
        b.exports.put(name, value);
    }

    private static int positive(final String what, final String value) throws UsageException
    {
        try
        {
            final int n = Integer.parseInt(value.trim());
            if (n > 0)
            {
                return n;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new UsageException(what + ": '" + value + "' is not a positive integer");
    }

    private static String nonEmpty(final String what, final String value) throws UsageException
    {
        if (value.isEmpty())
        {
            throw new UsageException(what + ": empty value");
        }
        return value;
    }

    private static boolean isTrue(final String value)
    {
        final String v = value.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** The values after one option: the inline {@code =value} or the following words. */
    private static final class Args
    {
        private final String option;
        private final String inlineValue;
        private final String[] argv;
        private int next;

        Args(final String option, final String inlineValue, final String[] argv, final int next)
        {
            this.option = inlineValue == null ? option : option.substring(0, option.indexOf('='));
            this.inlineValue = inlineValue;
            this.argv = argv;
            this.next = next;
        }

        String take() throws UsageException
        {
            if (inlineValue != null)
            {
                return inlineValue;
            }
            if (next >= argv.length)
            {
                throw new UsageException(option + " requires a value");
            }
            return argv[next++];
        }

        boolean flag() throws UsageException
        {
            if (inlineValue != null)
            {
                throw new UsageException(option + " takes no value");
            }
            return true;
        }
    }

    /** Mutable state while parsing. */
    private static final class Builder
    {
        private boolean help;
        private int np;
        private final Map<String, String> mca = new LinkedHashMap<>();
        private final Map<String, String> exports = new LinkedHashMap<>();
        private boolean tagOutput;
        private int timeoutSeconds;
        private boolean oversubscribe;
        private int verbosity;
        private final List<String> jvmArgs = new ArrayList<>();
        private String classpath;
        private Path hostfile;
        private final List<HostEntry> hosts = new ArrayList<>();
        private LaunchAgent launchAgent;
        private MapBy mapBy = MapBy.SLOT;
        private Path jar;
        private String program;
        private boolean displayMap;
        private boolean doNotLaunch;
        private Path wdir;

        LaunchOptions build(final List<String> programArgs)
        {
            return new LaunchOptions(help, np, mca, exports, tagOutput, timeoutSeconds, oversubscribe, verbosity,
                jvmArgs, classpath, hostfile, hosts.isEmpty() ? null : hosts, launchAgent, mapBy, jar, program,
                programArgs, displayMap, doNotLaunch, wdir);
        }
    }
}
