package xen2mx.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where each rank runs: its node, its place among the ranks of that node, and how it is reached ({@link Reach}).
 * Immutable.
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
    private final Map<String, HostEntry> hosts;

    private RankMap(final List<Placement> placements, final Map<String, HostEntry> hosts)
    {
        this.placements = List.copyOf(placements);
        this.hosts = Map.copyOf(hosts);
    }

    /** How mpirun starts a rank on its node. */
    public enum Reach
    {
        /** A child process of mpirun on this machine. */
        LOCAL,
        /** Through {@code --launch-agent} (e.g. {@code ip netns exec}), on this machine's file system. */
        AGENT,
        /** Through {@code ssh} on another machine. */
        SSH
    }

    /**
     * One rank's place.
     *
     * @param node       the host name the rank runs on (as written), or this machine's name.
     * @param localRank  its rank among the ranks of {@code node}.
     * @param localSize  the number of ranks on {@code node}.
     * @param reach      how it is started.
     */
    public record Placement(String node, int localRank, int localSize, Reach reach)
    {
        /** @return true when it is started through {@code --launch-agent}. */
        public boolean viaAgent()
        {
            return reach == Reach.AGENT;
        }
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
            placements.add(new Placement(node, r, size, Reach.LOCAL));
        }
        return new RankMap(placements, Map.of(node, new HostEntry(node, size, "this machine")));
    }

    /**
     * @param hosts  the hosts, in order; each is one node (duplicates merged, the first line's backend and ssh
     *               configuration kept).
     * @param size   the number of ranks, {@code >= 1}.
     * @param policy how to lay ranks out.
     * @param reach  decides, per host name, how its ranks are started.
     * @return the map.
     */
    public static RankMap of(final List<HostEntry> hosts, final int size, final MapBy policy,
        final Function<String, Reach> reach)
    {
        final Map<String, Integer> slots = new LinkedHashMap<>();
        final Map<String, HostEntry> first = new LinkedHashMap<>();
        for (final HostEntry h : hosts)
        {
            slots.merge(h.host(), h.slots(), Integer::sum);
            first.putIfAbsent(h.host(), h);
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
            placements.add(new Placement(node, nextLocal[n]++, localSize[n], reach.apply(node)));
        }
        return new RankMap(placements, first);
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
        return uses(Reach.AGENT);
    }

    /**
     * @param reach a way of starting ranks.
     * @return true when at least one rank is started that way.
     */
    public boolean uses(final Reach reach)
    {
        return placements.stream().anyMatch(p -> p.reach() == reach);
    }

    /**
     * @param node a node of this map.
     * @return its host entry (backend, ssh configuration), or null when the node is not in the map.
     */
    public HostEntry host(final String node)
    {
        return hosts.get(node);
    }

    /** @return the nodes started as {@code reach}, in rank order of their first rank. */
    public List<String> nodes(final Reach reach)
    {
        return placements.stream().filter(p -> p.reach() == reach).map(Placement::node).distinct().toList();
    }

    /**
     * @return the rank map of {@code --display-map}: a header, then one line per rank with its node, its local
     *         rank among the node's ranks and how it is started.
     */
    public List<String> table()
    {
        final int width = Math.max(4, placements.stream().mapToInt(p -> p.node().length()).max().orElse(4));
        final String row = "  %4s  %-" + width + "s  %-7s  %s";
        final List<String> lines = new ArrayList<>();
        lines.add(String.format(row, "rank", "node", "local", "start"));
        for (int r = 0; r < placements.size(); r++)
        {
            final Placement p = placements.get(r);
            lines.add(String.format(row, r, p.node(), p.localRank() + "/" + p.localSize(),
                p.reach().name().toLowerCase(Locale.ROOT)));
        }
        return lines;
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
