package xen2mx.launcher;

/**
 * One host of a hostfile.
 *
 * @param host  the name or address as written.
 * @param slots ranks the host takes before it is oversubscribed, {@code >= 1}.
 * @param line  the hostfile line it came from (1-based), for messages.
 */
public record HostEntry(String host, int slots, int line)
{
}
