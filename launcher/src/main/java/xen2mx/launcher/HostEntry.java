package xen2mx.launcher;

import java.nio.file.Path;

/**
 * One host of a hostfile, of {@code -H} or of a Slurm allocation.
 *
 * @param host      the name or address as written (an IPv6 literal without brackets, possibly {@code user@host});
 *                  with {@code --launch-agent} any word the agent understands, e.g. a network namespace.
 * @param slots     ranks the host takes before it is oversubscribed, {@code >= 1}.
 * @param source    where it was written, for messages: {@code hostfile line 3} or {@code -H entry 2}.
 * @param backend   the host's paravirtual backend socket ({@code backend=PATH}), passed to its ranks as the MCA
 *                  parameter {@code btl_xen2mx_backend}; null when not given.
 * @param sshConfig an ssh client configuration for reaching the host ({@code ssh_config=PATH}, given to
 *                  {@code ssh -F}); null for the user's own.
 */
public record HostEntry(String host, int slots, String source, Path backend, Path sshConfig)
{
    /**
     * A host with neither backend nor ssh configuration.
     *
     * @param host   the name or address.
     * @param slots  its slots.
     * @param source where it was written.
     */
    public HostEntry(final String host, final int slots, final String source)
    {
        this(host, slots, source, null, null);
    }

    /**
     * @param newHost another name for the same host.
     * @return this entry under {@code newHost}.
     */
    public HostEntry named(final String newHost)
    {
        return new HostEntry(newHost, slots, source, backend, sshConfig);
    }
}
