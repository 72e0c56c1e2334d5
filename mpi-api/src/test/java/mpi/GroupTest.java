package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Group algebra and its argument errors, on groups of world ranks seen from world rank 0 (no MPI session). */
class GroupTest
{
    private static Group group(final int... worldRanks)
    {
        return new Group(worldRanks, 0);
    }

    private static int[] members(final Group group)
    {
        final int[] ranks = new int[group.Size()];
        for (int r = 0; r < ranks.length; r++)
        {
            ranks[r] = group.worldRank(r);
        }
        return ranks;
    }

    private static void assertError(final int errorClass, final String text, final Runnable call)
    {
        final MPIException e = assertThrows(MPIException.class, call::run);
        assertEquals(errorClass, e.getErrorClass(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should name " + text);
    }

    @Test
    void shouldKnowSizeAndRankOfTheCaller()
    {
        assertEquals(3, group(4, 0, 2).Size());
        assertEquals(1, group(4, 0, 2).Rank());
        assertEquals(MPI.UNDEFINED, group(4, 2).Rank());
        assertEquals(0, group().Size());
    }

    @Test
    void shouldUniteInTheOrderOfTheFirstGroupThenTheSecond()
    {
        assertArrayEquals(new int[] {5, 1, 3, 0, 7}, members(Group.Union(group(5, 1, 3), group(0, 3, 7, 5))));
        assertArrayEquals(new int[] {2, 1}, members(Group.Union(group(), group(2, 1))));
    }

    @Test
    void shouldIntersectAndSubtractInTheOrderOfTheFirstGroup()
    {
        assertArrayEquals(new int[] {5, 3}, members(Group.Intersection(group(5, 1, 3), group(3, 7, 5))));
        assertArrayEquals(new int[] {1}, members(Group.Difference(group(5, 1, 3), group(3, 7, 5))));
        assertEquals(0, Group.Difference(group(1, 2), group(2, 1)).Size());
        assertEquals(0, Group.Intersection(group(1, 2), group(3)).Size());
    }

    @Test
    void shouldCompareMembersAndOrder()
    {
        assertEquals(MPI.IDENT, Group.Compare(group(1, 2, 3), group(1, 2, 3)));
        assertEquals(MPI.SIMILAR, Group.Compare(group(1, 2, 3), group(3, 1, 2)));
        assertEquals(MPI.UNEQUAL, Group.Compare(group(1, 2, 3), group(1, 2)));
        assertEquals(MPI.UNEQUAL, Group.Compare(group(1, 2, 3), group(1, 2, 4)));
    }

    @Test
    void shouldTranslateRanksBetweenGroups()
    {
        final Group world = group(0, 1, 2, 3, 4, 5);
        final Group odd = world.Incl(new int[] {5, 3, 1});
        assertArrayEquals(new int[] {5, 3, 1}, Group.Translate_ranks(odd, new int[] {0, 1, 2}, world));
        assertArrayEquals(new int[] {MPI.UNDEFINED, 2, 1, MPI.PROC_NULL},
            Group.Translate_ranks(world, new int[] {0, 1, 3, MPI.PROC_NULL}, odd));
        assertError(MPI.ERR_RANK, "ranks1[1] = 3", () -> Group.Translate_ranks(odd, new int[] {0, 3}, world));
    }

    @Test
    void shouldIncludeAndExcludeByRank()
    {
        final Group g = group(10, 11, 12, 13, 14);
        assertArrayEquals(new int[] {14, 10, 12}, members(g.Incl(new int[] {4, 0, 2})));
        assertArrayEquals(new int[] {11, 13}, members(g.Excl(new int[] {4, 0, 2})));
        assertEquals(0, g.Incl(new int[0]).Size());
        assertArrayEquals(members(g), members(g.Excl(new int[0])));
        assertEquals(MPI.UNDEFINED, g.Incl(new int[] {1}).Rank());
    }

    @Test
    void shouldRefuseRepeatedOrOutOfRangeRanks()
    {
        final Group g = group(10, 11, 12);
        assertError(MPI.ERR_RANK, "ranks[2] = 0 appears twice", () -> g.Incl(new int[] {0, 1, 0}));
        assertError(MPI.ERR_RANK, "ranks[1] = 3", () -> g.Incl(new int[] {0, 3}));
        assertError(MPI.ERR_RANK, "ranks[0] = -1", () -> g.Excl(new int[] {-1}));
        assertError(MPI.ERR_RANK, "ranks[1] = 2 appears twice", () -> g.Excl(new int[] {2, 2}));
        assertError(MPI.ERR_ARG, "ranks is null", () -> g.Incl(null));
        assertError(MPI.ERR_GROUP, "group2 is null", () -> Group.Union(g, null));
    }

    @Test
    void shouldExpandRangeTriplets()
    {
        final Group g = group(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertArrayEquals(new int[] {0, 3, 6, 9, 8, 7}, members(g.Range_incl(new int[][] {{0, 9, 3}, {8, 7, -1}})));
        assertArrayEquals(new int[] {1, 3, 5}, members(g.Range_incl(new int[][] {{1, 6, 2}})));
        assertArrayEquals(new int[] {4}, members(g.Range_incl(new int[][] {{4, 4, 5}})));
        assertArrayEquals(new int[] {1, 2, 4, 5, 7, 8}, members(g.Range_excl(new int[][] {{0, 9, 3}})));
        assertArrayEquals(new int[] {0, 9}, members(g.Range_excl(new int[][] {{8, 1, -1}})));
    }

    @Test
    void shouldRefuseBadTriplets()
    {
        final Group g = group(0, 1, 2, 3, 4);
        assertError(MPI.ERR_ARG, "ranges[0] = [0, 4, 0] has stride 0", () -> g.Range_incl(new int[][] {{0, 4, 0}}));
        assertError(MPI.ERR_ARG, "ranges[1] = [4, 1, 1] has stride 1",
            () -> g.Range_incl(new int[][] {{0, 0, 1}, {4, 1, 1}}));
        assertError(MPI.ERR_ARG, "ranges[0] = [1, 3, -1]", () -> g.Range_excl(new int[][] {{1, 3, -1}}));
        assertError(MPI.ERR_ARG, "not a {first, last, stride} triplet", () -> g.Range_incl(new int[][] {{0, 4}}));
        assertError(MPI.ERR_RANK, "ranges[0][1] = 5", () -> g.Range_incl(new int[][] {{0, 5, 1}}));
        assertError(MPI.ERR_RANK, "appears twice", () -> g.Range_incl(new int[][] {{0, 2, 1}, {2, 3, 1}}));
        assertError(MPI.ERR_RANK, "appears twice", () -> g.Range_excl(new int[][] {{0, 4, 2}, {4, 0, -4}}));
        assertError(MPI.ERR_RANK, "named twice",
            () -> g.Range_incl(new int[][] {{0, 4, 1}, {0, 4, 1}, {0, 4, 1}}));
    }
}
