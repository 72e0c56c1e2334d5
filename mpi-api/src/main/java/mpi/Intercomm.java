package mpi;

/**
 * An inter-communicator: a local and a remote group. Point-to-point {@code dest} and {@code source} are ranks of
 * the remote group ({@code ANY_SOURCE} matches any of them); {@link #Rank()}, {@link #Size()} and {@link #Group()}
 * describe the local group.
 *
 * <p>Besides its own context block (agreed by both groups), it keeps a private intra-communicator of the local
 * group ({@link #local}) for the exchanges among the local processes that {@link #Merge} and {@link #clone()} need;
 * the leaders (local rank 0 of each group) talk over this communicator's collective context.
 */
public class Intercomm extends Comm
{
    private final Intracomm local;

    private Intercomm(final Group localGroup, final Group remoteGroup, final int contextBase, final Intracomm local)
    {
        super(localGroup, remoteGroup, contextBase);
        this.local = local;
    }

    /**
     * {@code MPI_INTERCOMM_CREATE}, collective over both local communicators; arguments already checked. The
     * leaders swap their groups' world ranks over {@code peer} with {@code tag}, then both groups agree on a block.
     */
    static Intercomm create(final Intracomm localComm, final int localLeader, final Comm peer, final int remoteLeader,
        final int tag)
    {
        final Intracomm local = (Intracomm)localComm.dup();
        final boolean leader = local.myRank == localLeader;
        final int[] theirs = leader ? ConstructionExchange.swapInts(peer, remoteLeader, tag, P2P,
            local.group.worldRanks()) : new int[0];
        final Group remoteGroup = Group.ofWorldRanks(ConstructionExchange.bcastInts(local, localLeader, theirs));
        for (final int worldRank : remoteGroup.worldRanks())
        {
            if (local.group.rankOfWorld(worldRank) != MPI.UNDEFINED)
            {
                local.release();
                throw new MPIException(MPI.ERR_ARG, "the local and remote groups overlap: world rank " + worldRank
                    + " is in both");
            }
        }
        final int context = ContextAgreement.agree(local, localLeader, peer, remoteLeader, tag, P2P);
        return new Intercomm(local.group, remoteGroup, context, local);
    }

    /** @return true. */
    @Override
    public boolean Test_inter()
    {
        try
        {
            checkUsable();
            return true;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_COMM_REMOTE_SIZE}. */
    public int Remote_size()
    {
        try
        {
            checkUsable();
            return remote.Size();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_COMM_REMOTE_GROUP}. */
    public Group Remote_group()
    {
        try
        {
            checkUsable();
            return remote;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_INTERCOMM_MERGE} (collective over both groups): an intra-communicator of both
     * groups; the group that passes {@code high = false} comes first. When both pass the same value, the group whose
     * leader has the lower world rank comes first.
     */
    public Intracomm Merge(final boolean high)
    {
        try
        {
            checkUsable();
            final int[] theirHigh = new int[1];
            if (local.myRank == 0)
            {
                ConstructionExchange.swap(this, 0, ConstructionExchange.BRIDGE_TAG, COLLECTIVE,
                    new int[] {high ? 1 : 0}, theirHigh, MPI.INT);
            }
            ConstructionExchange.bcast(local, 0, theirHigh, MPI.INT);
            final boolean remoteHigh = theirHigh[0] == 1;
            final boolean localFirst = high != remoteHigh ? !high : group.worldRank(0) < remote.worldRank(0);
            final Group first = localFirst ? group : remote;
            final Group second = localFirst ? remote : group;
            final int[] members = new int[group.Size() + remote.Size()];
            System.arraycopy(first.worldRanks(), 0, members, 0, first.Size());
            System.arraycopy(second.worldRanks(), 0, members, first.Size(), second.Size());
            final int context = agreeAcrossGroups();
            return inherit(new Intracomm(Group.ofWorldRanks(members), context));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return a context block agreed by both groups, the leaders swapping over this communicator. */
    private int agreeAcrossGroups()
    {
        return ContextAgreement.agree(local, 0, this, 0, ConstructionExchange.BRIDGE_TAG, COLLECTIVE);
    }

    @Override
    Comm dup()
    {
        final Intracomm localDup = (Intracomm)local.dup();
        return new Intercomm(group, remote, agreeAcrossGroups(), localDup);
    }

    /** Java binding of {@code MPI_COMM_DUP} for an inter-communicator: an Intercomm of the same two groups. */
    @Override
    public Object clone()
    {
        return super.clone();
    }

    /** Frees the private local communicator too. */
    @Override
    synchronized void release()
    {
        super.release();
        local.release();
    }
}
