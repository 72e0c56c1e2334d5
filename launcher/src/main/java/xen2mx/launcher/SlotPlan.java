package xen2mx.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many ranks the job's hosts may run: the sum of the slots of the hostfile, {@code -H} or Slurm allocation
 * when given, otherwise this machine's cores. Decides the rank count and refuses oversubscription.
 *
 * @param slots       total slots, {@code >= 1}.
 * @param description the slots and where they come from, for messages, e.g. {@code "this host has 2 cores"}.
 * @param table       one line per host ({@code host  slots}), empty without a host list.
 */
public record SlotPlan(int slots, String description, List<String> table)
{
    /** Copies the table. */
    public SlotPlan
    {
        table = List.copyOf(table);
    }

    /**
     * @param hosts the hosts, or null for none (this machine alone).
     * @param cores this machine's cores.
     * @return the plan.
     */
    public static SlotPlan of(final List<HostEntry> hosts, final int cores)
    {
        if (hosts == null)
        {
            return new SlotPlan(cores, "this host has " + cores + (cores == 1 ? " core" : " cores"), List.of());
        }
        final Map<String, Integer> perHost = new LinkedHashMap<>();
        hosts.forEach(h -> perHost.merge(h.host(), h.slots(), Integer::sum));
        final int slots = perHost.values().stream().mapToInt(Integer::intValue).sum();
        final int width = Math.max(4, perHost.keySet().stream().mapToInt(String::length).max().orElse(4));
        final String row = "  %-" + width + "s  %5s";
        final List<String> table = new ArrayList<>();
        table.add(String.format(row, "host", "slots"));
        perHost.forEach((host, n) -> table.add(String.format(row, host, n)));
        return new SlotPlan(slots, (perHost.size() == 1 ? "the host has " : "the " + perHost.size()
            + " hosts have ") + slots + (slots == 1 ? " slot" : " slots"), table);
    }

    /**
     * @param requested     {@code -np}, or 0 for one rank per slot.
     * @param oversubscribe whether more ranks than slots are allowed.
     * @return the number of ranks to start.
     * @throws UsageException when {@code requested > slots} without oversubscription; the message names the slot
     *                        count, how to allow it, and then lists the slots of every host.
     */
    public int ranks(final int requested, final boolean oversubscribe) throws UsageException
    {
        if (requested == 0)
        {
            return slots;
        }
        if (requested > slots && !oversubscribe)
        {
            final StringBuilder message = new StringBuilder("not enough slots: " + requested
                + " ranks requested but " + description + "; use --oversubscribe (or "
                + LaunchContext.OVERSUBSCRIBE_ENV + "=1) to run more ranks than slots");
            table.forEach(line -> message.append(System.lineSeparator()).append(line));
            throw new UsageException(message.toString());
        }
        return requested;
    }
}
