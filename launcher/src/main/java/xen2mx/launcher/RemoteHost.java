package xen2mx.launcher;

/**
 * A host reached over ssh, as preflight found it: what its ranks' command lines use there.
 *
 * @param node           the host as written in the host list.
 * @param java           the {@code java} executable on the host (Java 17 or newer).
 * @param runtimeLib     the directory on the host holding the runtime jars (the same path as here on a shared file
 *                       system, else the copy mpirun shipped).
 * @param workDir        the ranks' working directory on the host.
 * @param rendezvousHost mpirun's address as the host sees it (the client address of its ssh connection).
 * @param shipped        true when this preflight copied the runtime to the host.
 */
public record RemoteHost(String node, String java, String runtimeLib, String workDir, String rendezvousHost,
    boolean shipped)
{
}
