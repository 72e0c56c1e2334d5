package xen2mx.launcher;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How many ranks the job's hosts may run: the sum of the slots of the hostfile or {@code -H} when given, otherwise
 * this machine's cores. Without a launch agent every host must be this machine. Decides the rank count and refuses
 * oversubscription.
 *
 * @param slots       total slots, {@code >= 1}.
 * @param description the slots and where they come from, for messages, e.g. {@code "this host has 2 cores"}.
 */
public record SlotPlan(int slots, String description)
{
    /**
     * @param hosts the hostfile's or {@code -H}'s hosts, or null for none.
     * @param cores this machine's cores.
     * @return the plan for hosts that must all be this machine.
     * @throws UsageException naming the first host that is not this machine (without {@code --launch-agent} this
     *                        mpirun starts ranks on this machine only).
     */
    public static SlotPlan of(final List<HostEntry> hosts, final int cores) throws UsageException
    {
        return of(hosts, cores, false);
    }

    /**
     * @param hosts    the hostfile's or {@code -H}'s hosts, or null for none.
     * @param cores    this machine's cores.
     * @param anyHost  true with {@code --launch-agent}: host names need not be this machine.
     * @return the plan.
     * @throws UsageException without {@code anyHost}, naming the first host that is not this machine.
     */
    public static SlotPlan of(final List<HostEntry> hosts, final int cores, final boolean anyHost)
        throws UsageException
    {
        if (hosts == null)
        {
            return new SlotPlan(cores, "this host has " + cores + (cores == 1 ? " core" : " cores"));
        }
        for (final HostEntry h : hosts)
        {
            if (!anyHost && !LocalHost.isLocal(h.host()))
            {
                throw new UsageException(h.source() + ": host '" + h.host() + "' is not this machine ("
                    + LocalHost.name() + "); without --launch-agent this mpirun starts ranks on this machine only");
            }
        }
        final int slots = hosts.stream().mapToInt(HostEntry::slots).sum();
        return new SlotPlan(slots, (hosts.size() == 1 ? "the host has " : "the hosts have ") + slots + " slots ("
            + hosts.stream().map(h -> h.host() + ":" + h.slots()).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * @param requested     {@code -np}, or 0 for one rank per slot.
     * @param oversubscribe whether more ranks than slots are allowed.
     * @return the number of ranks to start.
     * @throws UsageException when {@code requested > slots} without oversubscription; the message names the slot
     *                        count and how to allow it.
     */
    public int ranks(final int requested, final boolean oversubscribe) throws UsageException
    {
        if (requested == 0)
        {
            return slots;
        }
        if (requested > slots && !oversubscribe)
        {
            throw new UsageException("not enough slots: " + requested + " ranks requested but " + description
                + "; use --oversubscribe (or " + LaunchContext.OVERSUBSCRIBE_ENV
                + "=1) to run more ranks than slots");
        }
        return requested;
    }
}
