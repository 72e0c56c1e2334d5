package xen2mx.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The command of {@code --launch-agent}, Open MPI's knob: a rank on host {@code H} is started as
 * {@code CMD... H env NAME=VALUE... java ...}. With {@code ip netns exec} the host names are network namespaces.
 *
 * <p>The rank's job variables travel as explicit {@code env} assignments on the agent's command line, never
 * through the agent's inherited environment, so an agent that does not pass its environment on (ssh) still
 * delivers them. Each word reaches the agent as one argument: no shell is involved.
 *
 * <p>Invariant: {@code words} is not empty and holds no empty word.
 *
 * @param words the agent command split into words, e.g. {@code [ip, netns, exec]}.
 */
public record LaunchAgent(List<String> words)
{
    /** The program that sets the variables and then execs the rank's command. */
    public static final String ENV_PROGRAM = "env";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * Copies the words.
     *
     * @throws IllegalArgumentException when there is no word or a word is empty.
     */
    public LaunchAgent
    {
        words = List.copyOf(words);
        if (words.isEmpty() || words.stream().anyMatch(String::isEmpty))
        {
            throw new IllegalArgumentException("a launch agent needs a command, got " + words);
        }
    }

    /**
     * @param value the option's value, split like {@code --jvm-args} (quotes group words).
     * @return the agent.
     * @throws UsageException when the value has no word or bad quoting.
     */
    public static LaunchAgent parse(final String value) throws UsageException
    {
        final List<String> words = JvmArgs.split("--launch-agent", value);
        if (words.isEmpty())
        {
            throw new UsageException("--launch-agent: no command in '" + value + "'");
        }
        return new LaunchAgent(words);
    }

    /**
     * @param host        the rank's host as written in the hostfile or {@code -H}.
     * @param environment the variables the rank needs, in order.
     * @param command     the rank's command line, program first.
     * @return {@code words... host env NAME=VALUE... command...}.
     * @throws IllegalArgumentException when a variable name could not be an {@code env} assignment.
     */
    public List<String> command(final String host, final Map<String, String> environment, final List<String> command)
    {
        final List<String> argv = new ArrayList<>(words.size() + 2 + environment.size() + command.size());
        argv.addAll(words);
        argv.add(host);
        argv.add(ENV_PROGRAM);
        environment.forEach((name, value) ->
        {
            if (!NAME.matcher(name).matches())
            {
                throw new IllegalArgumentException("'" + name + "' cannot be passed as an environment variable");
            }
            argv.add(name + "=" + value);
        });
        argv.addAll(command);
        return argv;
    }

    /** @return the agent as typed, words joined by spaces. */
    @Override
    public String toString()
    {
        return String.join(" ", words);
    }
}
