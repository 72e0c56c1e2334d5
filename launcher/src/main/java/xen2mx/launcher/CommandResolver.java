package xen2mx.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Maps bundled program names ({@code osu_latency}) to main classes, from every
 * {@link LaunchContext#COMMANDS_RESOURCE} on a class loader (the benchmarks and apps jars each carry one).
 * A name with a dot is always a class name. A name defined differently by two resources is an error only when
 * used.
 */
public final class CommandResolver
{
    private static final String AMBIGUOUS = "";

    private final Map<String, String> commands = new TreeMap<>();
    private final Map<String, String> sources = new TreeMap<>();

    /**
     * @param loader where to look for the resources.
     * @throws UsageException when a resource cannot be read.
     */
    public CommandResolver(final ClassLoader loader) throws UsageException
    {
        try
        {
            final Enumeration<URL> resources = loader.getResources(LaunchContext.COMMANDS_RESOURCE);
            for (final URL url : Collections.list(resources))
            {
                final Properties p = new Properties();
                try (InputStream in = url.openStream())
                {
                    p.load(in);
                }
                for (final String name : p.stringPropertyNames())
                {
                    add(name.trim(), p.getProperty(name).trim(), url.toString());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UsageException("cannot read " + LaunchContext.COMMANDS_RESOURCE + ": " + ex.getMessage());
        }
    }

    /**
     * @param program a class name or a bundled program name.
     * @return the class to run: the mapped class for a known name without a dot, else {@code program} itself.
     * @throws UsageException when two resources map the name to different classes.
     */
    public String resolve(final String program) throws UsageException
    {
        if (program.indexOf('.') >= 0 || !commands.containsKey(program))
        {
            return program;
        }
        final String mainClass = commands.get(program);
        if (AMBIGUOUS.equals(mainClass))
        {
            throw new UsageException("program name '" + program + "' is defined differently in " + sources.get(program));
        }
        return mainClass;
    }

    /** @return every bundled program name with its class, sorted by name. */
    public Map<String, String> commands()
    {
        return Collections.unmodifiableMap(commands);
    }

    private void add(final String name, final String mainClass, final String source)
    {
        final String previous = commands.putIfAbsent(name, mainClass);
        if (previous == null)
        {
            sources.put(name, source);
        }
        else if (!previous.equals(mainClass))
        {
            commands.put(name, AMBIGUOUS);
            sources.put(name, sources.get(name) + " and " + source);
        }
    }
}
