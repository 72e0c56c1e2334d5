package xen2mx.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * Names the MPI runtime and transport a benchmark ran on, for the {@code #} line under the OMB title, e.g.
 * {@code xen2mx-mpi 0.1.0, btl: tcp} or {@code MPJ Express, device: niodev}.
 *
 * <p>Sources, first match wins: the system property {@value #RUNTIME_PROPERTY} replaces the runtime name; MPJ
 * Express is recognised by its {@code mpjdev} classes, and its device is the third launcher-injected argument
 * ({@code <rank> <config> <device>}); otherwise the runtime is ours and the BTL comes from the environment
 * variable {@value #BTL_ENV}, then the system property {@value #BTL_PROPERTY}, else {@code default}.
 */
public final class RuntimeTag
{
    /** Environment variable the launcher sets to the selected BTL list, e.g. {@code self,tcp}. */
    public static final String BTL_ENV = "X2MX_MCA_btl";

    /** System property with the same meaning as {@link #BTL_ENV}, used when the variable is unset. */
    public static final String BTL_PROPERTY = "x2mx.mca.btl";

    /** System property our runtime sets at {@code MPI.Init} to the modules really in use, e.g. {@code self,tcp}. */
    public static final String SELECTED_PROPERTY = "xen2mx.btl.selected";

    /** System property that overrides the runtime name. */
    public static final String RUNTIME_PROPERTY = "xen2mx.bench.runtime";

    private static final String VERSION_RESOURCE = "/xen2mx/bench/version.properties";
    private static final String MPJ_PROBE_CLASS = "mpjdev.MPJDev";

    private RuntimeTag()
    {
    }

    /**
     * Describes the runtime this JVM runs on.
     *
     * @param rawArgs the arguments {@code main} received, before {@code MPI.Init}
     * @return the description, without the leading {@code "# "}
     */
    public static String detect(final String[] rawArgs)
    {
        return detect(rawArgs, isMpjExpress());
    }

    /**
     * As {@link #detect(String[])}, after {@code MPI.Init}, with MPJ Express detected beforehand.
     *
     * @param rawArgs    the arguments {@code main} received
     * @param mpjExpress whether MPJ Express provides the {@code mpi} package
     * @return the description
     */
    public static String detect(final String[] rawArgs, final boolean mpjExpress)
    {
        return describe(System.getenv(), System.getProperties(), mpjExpress, ourVersion(), rawArgs);
    }

    /**
     * The pure part of {@link #detect(String[])}.
     *
     * @param env         the environment
     * @param props       the system properties
     * @param mpjExpress  whether MPJ Express provides the {@code mpi} package
     * @param ourVersion  our runtime's version
     * @param rawArgs     the arguments {@code main} received
     * @return the description
     */
    public static String describe(final Map<String, String> env, final Properties props, final boolean mpjExpress,
        final String ourVersion, final String[] rawArgs)
    {
        final String override = props.getProperty(RUNTIME_PROPERTY);
        if (mpjExpress)
        {
            final String device = rawArgs.length >= 3 ? rawArgs[2] : "unknown";
            return (override != null ? override : "MPJ Express") + ", device: " + device;
        }
        return (override != null ? override : "xen2mx-mpi " + ourVersion) + ", btl: " + btl(env, props);
    }

    /**
     * @param env   the environment
     * @param props the system properties
     * @return the BTL modules: those in use ({@value #SELECTED_PROPERTY}), else those requested ({@value #BTL_ENV},
     *         {@value #BTL_PROPERTY}), else {@code default}
     */
    public static String btl(final Map<String, String> env, final Properties props)
    {
        final String btl = props.getProperty(SELECTED_PROPERTY, env.get(BTL_ENV));
        return btl == null || btl.isEmpty() ? props.getProperty(BTL_PROPERTY, "default") : btl;
    }

    /** @return whether MPJ Express provides the {@code mpi} package in this JVM. */
    public static boolean isMpjExpress()
    {
        try
        {
            Class.forName(MPJ_PROBE_CLASS, false, RuntimeTag.class.getClassLoader());
            return true;
        }
        catch (final ClassNotFoundException e)
        {
            return false;
        }
    }

    /** @return our runtime's version, from the build ({@code version.properties}) */
    public static String ourVersion()
    {
        try (InputStream in = RuntimeTag.class.getResourceAsStream(VERSION_RESOURCE))
        {
            if (in == null)
            {
                return "(version unknown)";
            }
            final Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(version unknown)");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
