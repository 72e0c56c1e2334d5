package xen2mx.launcher;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one rank.
 *
 * @param rank         the world rank.
 * @param command      the full command line, {@code java} first.
 * @param environment  variables to set on top of the launcher's own environment.
 * @param inheritStdin true for the rank that reads mpirun's stdin (rank 0); the others get an empty stdin.
 */
public record RankLaunchSpec(int rank, List<String> command, Map<String, String> environment, boolean inheritStdin)
{
    /** Copies the collections. */
    public RankLaunchSpec
    {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
