package mpi;

import java.util.Arrays;

/**
 * An ordered set of processes, held as their world ranks: rank {@code i} of the group is world rank
 * {@code worldRanks[i]}. Immutable; the set operations follow MPI's ordering rules (the result keeps the order of
 * the first group, then of the second).
 *
 * <p>Errors in group calls are reported through the error handler of {@code MPI.COMM_WORLD} (MPI's rule for calls
 * without a communicator): they abort the job under {@code ERRORS_ARE_FATAL}, else raise {@link MPIException}
 * naming the argument.
 */
public class Group
{
    /** MPJ Express's code of the empty group. */
    public static final int EMPTY = -2;

    private final int[] worldRanks;
    private final int myRank;

    Group(final int[] worldRanks, final int myWorldRank)
    {
        this.worldRanks = worldRanks;
        this.myRank = indexOf(worldRanks, myWorldRank);
    }

    /** @return a group of these world ranks, seen from this process. */
    static Group ofWorldRanks(final int[] worldRanks)
    {
        return new Group(worldRanks, MPI.worldRank());
    }

    /** @return the number of processes in the group. */
    public int Size()
    {
        return worldRanks.length;
    }

    /** @return the caller's rank in the group, or {@link MPI#UNDEFINED} if it is not a member. */
    public int Rank()
    {
        return myRank;
    }

    int worldRank(final int rank)
    {
        return worldRanks[rank];
    }

    /** @return a copy of the world ranks, in group order. */
    int[] worldRanks()
    {
        return worldRanks.clone();
    }

    /** @return the rank in this group of the process with {@code worldRank}, or UNDEFINED. */
    int rankOfWorld(final int worldRank)
    {
        return indexOf(worldRanks, worldRank);
    }

    private static int indexOf(final int[] worldRanks, final int worldRank)
    {
        for (int i = 0; i < worldRanks.length; i++)
        {
            if (worldRanks[i] == worldRank)
            {
                return i;
            }
        }
        return MPI.UNDEFINED;
    }

    private boolean contains(final int worldRank)
    {
        return indexOf(worldRanks, worldRank) != MPI.UNDEFINED;
    }

    /**
     * Java binding of {@code MPI_GROUP_TRANSLATE_RANKS}.
     *
     * @return the ranks in {@code group2} of the processes with {@code ranks1} in {@code group1}
     * ({@link MPI#UNDEFINED} for those not in group2, {@code PROC_NULL} for {@code PROC_NULL}).
     */
    public static int[] Translate_ranks(final Group group1, final int[] ranks1, final Group group2)
    {
        try
        {
            checkGroups(group1, group2);
            checkNotNull(ranks1, "ranks1");
            final int[] result = new int[ranks1.length];
            for (int i = 0; i < ranks1.length; i++)
            {
                final int rank = ranks1[i];
                if (rank == MPI.PROC_NULL)
                {
                    result[i] = MPI.PROC_NULL;
                    continue;
                }
                group1.checkRank(rank, "ranks1[" + i + "]");
                result[i] = group2.rankOfWorld(group1.worldRanks[rank]);
            }
            return result;
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /** @return {@link MPI#IDENT} (same members, same order), {@link MPI#SIMILAR} (same members) or UNEQUAL. */
    public static int Compare(final Group group1, final Group group2)
    {
        try
        {
            checkGroups(group1, group2);
            return compare(group1, group2);
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    static int compare(final Group group1, final Group group2)
    {
        if (Arrays.equals(group1.worldRanks, group2.worldRanks))
        {
            return MPI.IDENT;
        }
        final int[] a = group1.worldRanks.clone();
        final int[] b = group2.worldRanks.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b) ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    /** Java binding of {@code MPI_GROUP_UNION}: all of group1 in its order, then the rest of group2 in its order. */
    public static Group Union(final Group group1, final Group group2)
    {
        try
        {
            checkGroups(group1, group2);
            final int[] rest = Arrays.stream(group2.worldRanks).filter(w -> !group1.contains(w)).toArray();
            final int[] union = Arrays.copyOf(group1.worldRanks, group1.worldRanks.length + rest.length);
            System.arraycopy(rest, 0, union, group1.worldRanks.length, rest.length);
            return ofWorldRanks(union);
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /** Java binding of {@code MPI_GROUP_INTERSECTION}: the members of group1 also in group2, in group1's order. */
    public static Group Intersection(final Group group1, final Group group2)
    {
        try
        {
            checkGroups(group1, group2);
            return ofWorldRanks(Arrays.stream(group1.worldRanks).filter(group2::contains).toArray());
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /** Java binding of {@code MPI_GROUP_DIFFERENCE}: the members of group1 not in group2, in group1's order. */
    public static Group Difference(final Group group1, final Group group2)
    {
        try
        {
            checkGroups(group1, group2);
            return ofWorldRanks(Arrays.stream(group1.worldRanks).filter(w -> !group2.contains(w)).toArray());
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /**
     * Java binding of {@code MPI_GROUP_INCL}: the processes with {@code ranks}, in that order (rank i of the new
     * group is rank {@code ranks[i]} of this one).
     *
     * @throws MPIException ERR_RANK for a rank out of range or repeated.
     */
    public Group Incl(final int[] ranks)
    {
        try
        {
            return incl(ranks);
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    Group incl(final int[] ranks)
    {
        checkNotNull(ranks, "ranks");
        checkDistinctRanks(ranks, "ranks");
        final int[] selected = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            selected[i] = worldRanks[ranks[i]];
        }
        return ofWorldRanks(selected);
    }

    /**
     * Java binding of {@code MPI_GROUP_EXCL}: the group without the processes with {@code ranks}, in this group's
     * order.
     *
     * @throws MPIException ERR_RANK for a rank out of range or repeated.
     */
    public Group Excl(final int[] ranks)
    {
        try
        {
            checkNotNull(ranks, "ranks");
            return excluding(checkDistinctRanks(ranks, "ranks"));
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /**
     * Java binding of {@code MPI_GROUP_RANGE_INCL}: each row {@code {first, last, stride}} names the ranks
     * {@code first, first + stride, ...} up to {@code last}; the new group has them in that order.
     *
     * @throws MPIException ERR_ARG for a row that is not a triplet or whose stride is 0 or points away from last,
     * ERR_RANK for a rank out of range or named twice.
     */
    public Group Range_incl(final int[][] ranges)
    {
        try
        {
            return incl(expandRanges(ranges));
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    /**
     * Java binding of {@code MPI_GROUP_RANGE_EXCL}: the group without the ranks the triplets name (as in
     * {@link #Range_incl}), in this group's order.
     */
    public Group Range_excl(final int[][] ranges)
    {
        try
        {
            return excluding(checkDistinctRanks(expandRanges(ranges), "ranges"));
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    private Group excluding(final boolean[] excluded)
    {
        final int[] kept = new int[worldRanks.length];
        int n = 0;
        for (int r = 0; r < worldRanks.length; r++)
        {
            if (!excluded[r])
            {
                kept[n++] = worldRanks[r];
            }
        }
        return ofWorldRanks(Arrays.copyOf(kept, n));
    }

    /** @return the ranks named by the triplets, in order; checks each rank is in this group's range. */
    private int[] expandRanges(final int[][] ranges)
    {
        checkNotNull(ranges, "ranges");
        final int[] ranks = new int[worldRanks.length];
        int n = 0;
        for (int i = 0; i < ranges.length; i++)
        {
            final int[] triplet = ranges[i];
            if (triplet == null || triplet.length != 3)
            {
                throw new MPIException(MPI.ERR_ARG, "ranges[" + i + "] = " + Arrays.toString(triplet)
                    + " is not a {first, last, stride} triplet");
            }
            final int first = triplet[0];
            final int last = triplet[1];
            final int stride = triplet[2];
            if (stride == 0 || (stride > 0 && first > last) || (stride < 0 && first < last))
            {
                throw new MPIException(MPI.ERR_ARG, "ranges[" + i + "] = " + Arrays.toString(triplet) + " has stride "
                    + stride + ", which never goes from " + first + " to " + last);
            }
            checkRank(first, "ranges[" + i + "][0]");
            checkRank(last, "ranges[" + i + "][1]");
            for (long r = first; stride > 0 ? r <= last : r >= last; r += stride)
            {
                if (n == ranks.length)
                {
                    throw new MPIException(MPI.ERR_RANK, "ranges[" + i + "] names rank " + r + " after the group's "
                        + n + " ranks: some rank is named twice");
                }
                ranks[n++] = (int)r;
            }
        }
        return Arrays.copyOf(ranks, n);
    }

    /** @return the membership of {@code ranks}, after checking each is a rank of this group named once. */
    private boolean[] checkDistinctRanks(final int[] ranks, final String name)
    {
        final boolean[] seen = new boolean[worldRanks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            checkRank(ranks[i], name + "[" + i + "]");
            if (seen[ranks[i]])
            {
                throw new MPIException(MPI.ERR_RANK, name + "[" + i + "] = " + ranks[i] + " appears twice");
            }
            seen[ranks[i]] = true;
        }
        return seen;
    }

    private void checkRank(final int rank, final String name)
    {
        if (rank < 0 || rank >= worldRanks.length)
        {
            throw new MPIException(MPI.ERR_RANK, name + " = " + rank + " is not a rank of the group (size "
                + worldRanks.length + ")");
        }
    }

    private static void checkGroups(final Group group1, final Group group2)
    {
        checkGroup(group1, "group1");
        checkGroup(group2, "group2");
    }

    static void checkGroup(final Group group, final String name)
    {
        if (group == null || group == MPI.GROUP_NULL)
        {
            throw new MPIException(MPI.ERR_GROUP, name + " is " + (group == null ? "null" : "MPI.GROUP_NULL"));
        }
    }

    private static void checkNotNull(final Object array, final String name)
    {
        if (array == null)
        {
            throw new MPIException(MPI.ERR_ARG, name + " is null");
        }
    }

    /** No-op: groups hold no resources beyond memory. */
    public void free()
    {
        // nothing to release
    }

    @Override
    public String toString()
    {
        return "Group" + Arrays.toString(worldRanks);
    }
}
