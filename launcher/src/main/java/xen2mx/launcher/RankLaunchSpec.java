package xen2mx.launcher;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one rank.
 *
 * @param rank         the world rank.
 * @param node         the host the rank runs on, as written in the host list (this machine's name without one).
 * @param route        how the command reaches {@code node}.
 * @param command      the rank's own command line, {@code java} first.
 * @param environment  variables the rank needs on top of the environment it inherits, in a stable order.
 * @param inheritStdin true for the rank that reads mpirun's stdin (rank 0); the others get an empty stdin.
 * @param workDir      the working directory of the process mpirun forks, or null for mpirun's own.
 */
public record RankLaunchSpec(int rank, String node, RankRoute route, List<String> command,
    Map<String, String> environment, boolean inheritStdin, Path workDir)
{
    /** A spec whose process starts in mpirun's working directory. */
    public RankLaunchSpec(final int rank, final String node, final RankRoute route, final List<String> command,
        final Map<String, String> environment, final boolean inheritStdin)
    {
        this(rank, node, route, command, environment, inheritStdin, null);
    }

    /** Copies the collections, keeping the order of the variables. */
    public RankLaunchSpec
    {
        command = List.copyOf(command);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
