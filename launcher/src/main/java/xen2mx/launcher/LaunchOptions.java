package xen2mx.launcher;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code mpirun} command line. Immutable.
 *
 * @param help          {@code --help}: print usage and exit 0; other fields are defaults.
 * @param np            ranks requested, or 0 when {@code -np} was not given (then: one per slot).
 * @param mca           MCA parameters in command-line order ({@code --mca k v}, {@code --btl list}).
 * @param exports       {@code -x} variables with their values, in command-line order.
 * @param tagOutput     {@code --tag-output}.
 * @param timeoutSeconds {@code --timeout} or {@code MPIEXEC_TIMEOUT}, 0 for none.
 * @param oversubscribe {@code --oversubscribe} or {@code X2MX_OVERSUBSCRIBE}.
 * @param verbosity     count of {@code v} in {@code -v}, {@code -vv}, ...
 * @param jvmArgs       {@code --jvm-args}, split into words.
 * @param classpath     {@code -cp}, or null.
 * @param hostfile      {@code --hostfile}, or null.
 * @param hosts         the hosts of {@code -H}, or null when not given (never given together with a hostfile).
 * @param launchAgent   {@code --launch-agent}, or null to start ranks directly on this machine only.
 * @param mapBy         {@code --map-by}, {@link MapBy#SLOT} by default.
 * @param jar           {@code -jar} file, or null when a main class is given.
 * @param program       the main class or bundled program name as typed, or null with {@code -jar}.
 * @param programArgs   the user's arguments, unchanged.
 * @param displayMap    {@code --display-map}: print the rank map before launching.
 * @param doNotLaunch   {@code --do-not-launch}: print the rank map and stop, starting nothing.
 * @param wdir          {@code --wdir}/{@code --wd}, or null for mpirun's working directory (on remote hosts
 *                      their home directory when that does not exist there).
 */
public record LaunchOptions(boolean help, int np, Map<String, String> mca, Map<String, String> exports,
    boolean tagOutput, int timeoutSeconds, boolean oversubscribe, int verbosity, List<String> jvmArgs,
    String classpath, Path hostfile, List<HostEntry> hosts, LaunchAgent launchAgent, MapBy mapBy, Path jar,
    String program, List<String> programArgs, boolean displayMap, boolean doNotLaunch, Path wdir)
{
    /** Copies the collections so the record stays immutable. */
    public LaunchOptions
    {
        mca = Collections.unmodifiableMap(new LinkedHashMap<>(mca));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        jvmArgs = List.copyOf(jvmArgs);
        programArgs = List.copyOf(programArgs);
        hosts = hosts == null ? null : List.copyOf(hosts);
    }

    /** @return these options with {@code parameters} as the MCA parameters. */
    public LaunchOptions withMca(final Map<String, String> parameters)
    {
        return new LaunchOptions(help, np, parameters, exports, tagOutput, timeoutSeconds, oversubscribe, verbosity,
            jvmArgs, classpath, hostfile, hosts, launchAgent, mapBy, jar, program, programArgs, displayMap,
            doNotLaunch, wdir);
    }
}
