package xen2mx.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where each rank runs: its node, its place among the ranks of that node, and whether it is started through the
 * launch agent. Immutable.
 *
 * <p>Hosts written more than once (in a hostfile or {@code -H}) are one node with the sum of their slots, in the
 * order of first appearance. With {@link MapBy#SLOT} node {@code i} receives a contiguous block of ranks equal to
 * its slots; with {@link MapBy#NODE} ranks go round the nodes that still have free slots. When there are more
 * ranks than slots (oversubscription), the extra ranks are spread evenly: every node gets
 * {@code extra / nodes} more, and the first {@code extra % nodes} nodes one more again.
 *
 * <p>Invariants: for every node, its ranks have local ranks {@code 0..localSize-1} in rank order;
 * the local sizes of all nodes sum to the number of ranks.
 */
public final class RankMap
{
    private final List<Placement> placements;

    private RankMap(final List<Placement> placements)
    {
        this.placements = List.copyOf(placements);
    }

    /**
     * One rank's place.
     *
     * @param node       the host name the rank runs on (as written), or this machine's name.
     * @param localRank  its rank among the ranks of {@code node}.
     * @param localSize  the number of ranks on {@code node}.
     * @param viaAgent   true when it is started through {@code --launch-agent}.
     */
    public record Placement(String node, int localRank, int localSize, boolean viaAgent)
    {
    }

    /**
     * Every rank on this machine, started directly.
     *
     * @param size the number of ranks.
     * @param node this machine's name.
     * @return the map.
     */
    public static RankMap local(final int size, final String node)
    {
        final List<Placement> placements = new ArrayList<>(size);
        for (int r = 0; r < size; r++)
        {
            placements.add(new Placement(node, r, size, false));
        }
        return new RankMap(placements);
    }

    /**
     * @param hosts    the hosts, in order; each is one node (duplicates merged).
     * @param size     the number of ranks, {@code >= 1}.
     * @param policy   how to lay ranks out.
     * @param viaAgent decides, per host name, whether its ranks go through the launch agent.
     * @return the map.
     */
    public static RankMap of(final List<HostEntry> hosts, final int size, final MapBy policy,
        final Predicate<String> viaAgent)
    {
        final Map<String, Integer> slots = new LinkedHashMap<>();
        for (final HostEntry h : hosts)
        {
            slots.merge(h.host(), h.slots(), Integer::sum);
        }
        final List<String> nodes = new ArrayList<>(slots.keySet());
        final int[] capacity = capacities(nodes, slots, size);
        final int[] nodeOfRank = policy == MapBy.SLOT ? bySlot(capacity, size) : byNode(capacity, size);
        final int[] localSize = new int[nodes.size()];
        for (final int n : nodeOfRank)
        {
            localSize[n]++;
        }
        final int[] nextLocal = new int[nodes.size()];
        final List<Placement> placements = new ArrayList<>(size);
        for (final int n : nodeOfRank)
        {
            final String node = nodes.get(n);
            placements.add(new Placement(node, nextLocal[n]++, localSize[n], viaAgent.test(node)));
        }
        return new RankMap(placements);
    }

    /** @return the number of ranks. */
    public int size()
    {
        return placements.size();
    }

    /**
     * @param rank a world rank.
     * @return its place.
     */
    public Placement placement(final int rank)
    {
        return placements.get(rank);
    }

    /** @return true when at least one rank is started through the launch agent. */
    public boolean usesAgent()
    {
        return placements.stream().anyMatch(Placement::viaAgent);
    }

    /** @return one line per node, {@code node: ranks a-b}, for {@code -vv}. */
    public List<String> describe()
    {
        final List<String> lines = new ArrayList<>();
        final Map<String, List<Integer>> byNode = new LinkedHashMap<>();
        for (int r = 0; r < placements.size(); r++)
        {
            byNode.computeIfAbsent(placements.get(r).node(), k -> new ArrayList<>()).add(r);
        }
        byNode.forEach((node, ranks) -> lines.add(node + ": ranks " + ranks));
        return lines;
    }

    /** @return each node's number of ranks: its slots, plus its share of the ranks beyond all slots. */
    private static int[] capacities(final List<String> nodes, final Map<String, Integer> slots, final int size)
    {
        final int[] capacity = new int[nodes.size()];
        int total = 0;
        for (int n = 0; n < capacity.length; n++)
        {
            capacity[n] = slots.get(nodes.get(n));
            total += capacity[n];
        }
        final int extra = Math.max(0, size - total);
        for (int n = 0; n < capacity.length; n++)
        {
            capacity[n] += extra / capacity.length + (n < extra % capacity.length ? 1 : 0);
        }
        return capacity;
    }

    private static int[] bySlot(final int[] capacity, final int size)
    {
        final int[] nodeOfRank = new int[size];
        int node = 0;
        int used = 0;
        for (int r = 0; r < size; r++)
        {
            while (used == capacity[node])
            {
                node++;
                used = 0;
            }
            nodeOfRank[r] = node;
            used++;
        }
        return nodeOfRank;
    }

    private static int[] byNode(final int[] capacity, final int size)
    {
        final int[] nodeOfRank = new int[size];
        final int[] used = new int[capacity.length];
        int node = 0;
        for (int r = 0; r < size; r++)
        {
            while (used[node] == capacity[node])
            {
                node = (node + 1) % capacity.length;
            }
            nodeOfRank[r] = node;
            used[node]++;
            node = (node + 1) % capacity.length;
        }
        return nodeOfRank;
    }
}
