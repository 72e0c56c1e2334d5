package mpi;

import java.util.Arrays;

/**
 * An ordered set of processes, held as their world ranks.
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
        int rank = MPI.UNDEFINED;
        for (int i = 0; i < worldRanks.length; i++)
        {
            if (worldRanks[i] == myWorldRank)
            {
                rank = i;
            }
        }
        this.myRank = rank;
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

    /**
     * Java binding of {@code MPI_GROUP_TRANSLATE_RANKS}.
     *
     * @return the ranks in {@code group2} of the processes with {@code ranks1} in {@code group1}
     * ({@link MPI#UNDEFINED} for those not in group2).
     */
    public static int[] Translate_ranks(final Group group1, final int[] ranks1, final Group group2)
    {
        if (group1 == null || group2 == null || ranks1 == null)
        {
            throw new MPIException(MPI.ERR_ARG, (group1 == null ? "group1" : group2 == null ? "group2" : "ranks1")
                + " is null");
        }
        final int[] result = new int[ranks1.length];
        for (int i = 0; i < ranks1.length; i++)
        {
            final int rank = ranks1[i];
            if (rank == MPI.PROC_NULL)
            {
                result[i] = MPI.PROC_NULL;
                continue;
            }
            if (rank < 0 || rank >= group1.Size())
            {
                throw new MPIException(MPI.ERR_RANK, "ranks1[" + i + "] = " + rank + " is not a rank of group1 (size "
                    + group1.Size() + ")");
            }
            result[i] = group2.indexOf(group1.worldRanks[rank]);
        }
        return result;
    }

    private int indexOf(final int worldRank)
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

    /** @return {@link MPI#IDENT} (same members, same order), {@link MPI#SIMILAR} (same members) or UNEQUAL. */
    public static int Compare(final Group group1, final Group group2)
    {
        if (group1 == null || group2 == null)
        {
            throw new MPIException(MPI.ERR_ARG, (group1 == null ? "group1" : "group2") + " is null");
        }
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

    /** Java binding of {@code MPI_GROUP_INCL}: the processes with {@code ranks}, in that order. */
    public Group Incl(final int[] ranks)
    {
        if (ranks == null)
        {
            throw new MPIException(MPI.ERR_ARG, "ranks is null");
        }
        final int[] selected = new int[ranks.length];
        final boolean[] seen = new boolean[worldRanks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            if (ranks[i] < 0 || ranks[i] >= worldRanks.length || seen[ranks[i]])
            {
                throw new MPIException(MPI.ERR_RANK, "ranks[" + i + "] = " + ranks[i]
                    + (ranks[i] >= 0 && ranks[i] < worldRanks.length ? " appears twice" : " is not a rank of the group (size "
                    + worldRanks.length + ")"));
            }
            seen[ranks[i]] = true;
            selected[i] = worldRanks[ranks[i]];
        }
        return new Group(selected, MPI.worldRank());
    }

    /** Java binding of {@code MPI_GROUP_EXCL}: the group without the processes with {@code ranks}. */
    public Group Excl(final int[] ranks)
    {
        if (ranks == null)
        {
            throw new MPIException(MPI.ERR_ARG, "ranks is null");
        }
        final boolean[] excluded = new boolean[worldRanks.length];
        for (int i = 0; i < ranks.length; i++)
        {
            if (ranks[i] < 0 || ranks[i] >= worldRanks.length || excluded[ranks[i]])
            {
                throw new MPIException(MPI.ERR_RANK, "ranks[" + i + "] = " + ranks[i] + " is invalid or repeated");
            }
            excluded[ranks[i]] = true;
        }
        return new Group(java.util.stream.IntStream.range(0, worldRanks.length).filter(r -> !excluded[r])
            .map(r -> worldRanks[r]).toArray(), MPI.worldRank());
    }

    /** No-op: groups hold no resources beyond memory. */
    public void free()
    {
        // nothing to release
    }
}
