package xen2mx.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where a result comes from, for the machine-readable formats.
 *
 * @param benchmark      the OMB program name, e.g. {@code osu_latency}
 * @param runtime        the runtime line, e.g. {@code xen2mx-mpi 0.1.0-SNAPSHOT, btl: self,tcp}
 * @param runtimeVersion our version, from the build
 * @param gitCommit      the commit of the checkout the benchmarks were built in, or {@code null}
 * @param javaVersion    {@code java.version} of rank 0
 * @param javaVm         {@code java.vm.name} and {@code java.vm.version} of rank 0
 * @param hosts          every rank's processor name, by rank
 * @param btl            the BTL modules in use (or requested), e.g. {@code self,tcp}
 * @param mode           the xen2mx BTL mode ({@code native}, {@code paravirtual}) when it is in the list, else
 *                       {@code null}
 * @param bufferApi      {@code arrays} (the OMB Java port's {@code -a})
 * @param options        the benchmark's arguments as given
 * @param started        when the measurement started, UTC, to the second
 */
public record Provenance(String benchmark, String runtime, String runtimeVersion, String gitCommit,
    String javaVersion, String javaVm, List<String> hosts, String btl, String mode, String bufferApi,
    List<String> options, String started)
{
    /** MCA parameter (as an environment variable) that selects the xen2mx BTL's mode. */
    public static final String MODE_ENV = "X2MX_MCA_btl_xen2mx_mode";

    /**
     * Collects the facts of this JVM; the hosts come from all ranks.
     *
     * @param benchmark  the benchmark
     * @param runtimeTag the runtime line
     * @param options    the options
     * @param hosts      every rank's processor name
     * @return the provenance
     */
    public static Provenance collect(final OmbBenchmark benchmark, final String runtimeTag, final OmbOptions options,
        final List<String> hosts)
    {
        final Map<String, String> env = System.getenv();
        final Properties props = System.getProperties();
        final String btl = RuntimeTag.btl(env, props);
        return new Provenance(benchmark.command(), runtimeTag, RuntimeTag.ourVersion(), findGitCommit(),
            props.getProperty("java.version"), props.getProperty("java.vm.name") + " "
                + props.getProperty("java.vm.version"), List.copyOf(hosts), btl, mode(btl, env), "arrays",
            options.given(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /**
     * @param btl the BTL list
     * @param env the environment
     * @return the xen2mx mode ({@value #MODE_ENV}, default {@code native}) if {@code btl} names xen2mx, else null
     */
    static String mode(final String btl, final Map<String, String> env)
    {
        if (!btl.contains("xen2mx") || btl.startsWith("^"))
        {
            return null;
        }
        final String mode = env.get(MODE_ENV);
        return mode == null || mode.isEmpty() ? "native" : mode;
    }

    private static String findGitCommit()
    {
        final CodeSource source = Provenance.class.getProtectionDomain().getCodeSource();
        if (source == null)
        {
            return null;
        }
        try
        {
            return GitCommit.above(Path.of(source.getLocation().toURI()));
        }
        catch (final URISyntaxException | IllegalArgumentException e)
        {
            return null;
        }
    }
}
