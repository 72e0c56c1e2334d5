package xen2mx.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankMapTest
{
    private static List<HostEntry> hosts(final Object... hostThenSlots)
    {
        final List<HostEntry> hosts = new ArrayList<>();
        for (int i = 0; i < hostThenSlots.length; i += 2)
        {
            hosts.add(new HostEntry((String)hostThenSlots[i], (Integer)hostThenSlots[i + 1], "-H entry " + i));
        }
        return hosts;
    }

    /** @return {@code node/localRank/localSize} per rank. */
    private static List<String> layout(final RankMap map)
    {
        final List<String> out = new ArrayList<>();
        for (int r = 0; r < map.size(); r++)
        {
            final RankMap.Placement p = map.placement(r);
            out.add(p.node() + "/" + p.localRank() + "/" + p.localSize());
        }
        return out;
    }

    @Test
    void shouldFillEachHostsSlotsInTurnBySlot()
    {
        final RankMap map = RankMap.of(hosts("a", 2, "b", 2, "c", 1), 4, MapBy.SLOT, h -> RankMap.Reach.AGENT);
        assertEquals(List.of("a/0/2", "a/1/2", "b/0/2", "b/1/2"), layout(map));
        assertTrue(map.usesAgent());
    }

    @Test
    void shouldGoRoundTheHostsByNodeSkippingFullOnes()
    {
        final RankMap map = RankMap.of(hosts("a", 3, "b", 1), 4, MapBy.NODE, h -> RankMap.Reach.LOCAL);
        assertEquals(List.of("a/0/3", "b/0/1", "a/1/3", "a/2/3"), layout(map));
        assertFalse(map.usesAgent());
    }

    @Test
    void shouldMergeRepeatedHostsAndSpreadOversubscribedRanksEvenly()
    {
        final RankMap merged = RankMap.of(hosts("a", 1, "b", 1, "a", 1), 3, MapBy.SLOT, h -> RankMap.Reach.AGENT);
        assertEquals(List.of("a/0/2", "a/1/2", "b/0/1"), layout(merged));
        final RankMap over = RankMap.of(hosts("a", 1, "b", 1), 5, MapBy.SLOT, h -> RankMap.Reach.AGENT);
        assertEquals(List.of("a/0/3", "a/1/3", "a/2/3", "b/0/2", "b/1/2"), layout(over));
        final RankMap overByNode = RankMap.of(hosts("a", 1, "b", 1), 5, MapBy.NODE, h -> RankMap.Reach.AGENT);
        assertEquals(List.of("a/0/3", "b/0/2", "a/1/3", "b/1/2", "a/2/3"), layout(overByNode));
    }

    @Test
    void shouldPlaceEveryRankOnThisMachineWithoutHosts()
    {
        final RankMap map = RankMap.local(3, "me");
        assertEquals(List.of("me/0/3", "me/1/3", "me/2/3"), layout(map));
        assertEquals(List.of("me: ranks [0, 1, 2]"), map.describe());
    }

    @Test
    void shouldDecideTheRoutePerHost()
    {
        final RankMap map = RankMap.of(hosts("localhost", 1, "ns1", 1), 2, MapBy.SLOT,
            h -> h.equals("localhost") ? RankMap.Reach.LOCAL : RankMap.Reach.AGENT);
        assertFalse(map.placement(0).viaAgent());
        assertTrue(map.placement(1).viaAgent());
    }

    @Test
    void shouldPrintTheRankTableOfDisplayMapAndKeepEachNodesFirstEntry()
    {
        final List<HostEntry> entries = List.of(new HostEntry("vm1", 1, "line 1", Path.of("/b1"), null),
            new HostEntry("10.77.0.2", 2, "line 2"), new HostEntry("vm1", 1, "line 3"));
        final RankMap map = RankMap.of(entries, 4, MapBy.NODE,
            h -> h.equals("vm1") ? RankMap.Reach.LOCAL : RankMap.Reach.SSH);
        assertEquals(List.of(
            "  rank  node       local    start",
            "     0  vm1        0/2      local",
            "     1  10.77.0.2  0/2      ssh",
            "     2  vm1        1/2      local",
            "     3  10.77.0.2  1/2      ssh"), map.table());
        assertEquals(Path.of("/b1"), map.host("vm1").backend());
        assertEquals(List.of("10.77.0.2"), map.nodes(RankMap.Reach.SSH));
        assertTrue(map.uses(RankMap.Reach.SSH));
        assertFalse(map.usesAgent());
    }
}
