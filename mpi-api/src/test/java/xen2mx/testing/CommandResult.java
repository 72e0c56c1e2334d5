package xen2mx.testing;

import java.util.List;

/**
 * How a command run by {@link NetworkNamespaces} ended.
 *
 * @param command  the command line as run.
 * @param exitCode its exit status.
 * @param stdout   everything it wrote to standard output.
 * @param stderr   everything it wrote to standard error.
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr)
{
    /** @return true if the exit status is 0. */
    public boolean succeeded()
    {
        return exitCode == 0;
    }

    /**
     * @return this result if the command succeeded.
     * @throws IllegalStateException naming the command, its status and its error output otherwise.
     */
    public CommandResult checked()
    {
        if (exitCode != 0)
        {
            throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " + exitCode + ": " +
                (stderr.isBlank() ? stdout : stderr).trim());
        }
        return this;
    }
}
