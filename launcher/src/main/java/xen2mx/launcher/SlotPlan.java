package xen2mx.launcher;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How many ranks this (single) host may run: from the hostfile when one is given (all its hosts must be this
 * machine), otherwise the number of cores. Decides the rank count and refuses oversubscription.
 *
 * @param slots       total slots, {@code >= 1}.
 * @param description where the slots come from, for messages, e.g. {@code "2 cores"}.
 */
public record SlotPlan(int slots, String description)
{
    /**
     * @param hosts the hostfile's hosts, or null for none.
     * @param cores this machine's cores.
     * @return the plan.
     * @throws UsageException naming the first host that is not this machine (this mpirun runs on one host).
     */
    public static SlotPlan of(final List<HostEntry> hosts, final int cores) throws UsageException
    {
        if (hosts == null)
        {
            return new SlotPlan(cores, cores + (cores == 1 ? " core" : " cores"));
        }
        for (final HostEntry h : hosts)
        {
            if (!LocalHost.isLocal(h.host()))
            {
                throw new UsageException("hostfile line " + h.line() + ": host '" + h.host()
                    + "' is not this machine (" + LocalHost.name() + "); this mpirun starts ranks on one host only");
            }
        }
        final int slots = hosts.stream().mapToInt(HostEntry::slots).sum();
        return new SlotPlan(slots, slots + " slots from the hostfile ("
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
            throw new UsageException("not enough slots: " + requested + " ranks requested but this host has "
                + description + "; use --oversubscribe (or " + LaunchContext.OVERSUBSCRIBE_ENV
                + "=1) to run more ranks than slots");
        }
        return requested;
    }
}
