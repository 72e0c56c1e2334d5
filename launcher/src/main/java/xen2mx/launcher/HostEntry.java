package xen2mx.launcher;

/**
 * One host of a hostfile or of {@code -H}.
 *
 * @param host   the name or address as written; with {@code --launch-agent} any word the agent understands, e.g.
 *               a network namespace.
 * @param slots  ranks the host takes before it is oversubscribed, {@code >= 1}.
 * @param source where it was written, for messages: {@code hostfile line 3} or {@code -H entry 2}.
 */
public record HostEntry(String host, int slots, String source)
{
}
