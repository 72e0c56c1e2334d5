package mpi;

/**
 * An intra-communicator: one group whose processes talk among themselves.
 */
public class Intracomm extends Comm
{
    /** Reserved tag of the barrier's messages on the collective context. */
    private static final int BARRIER_TAG = 1;
    private static final byte[] EMPTY = new byte[0];

    Intracomm(final Group group, final int contextBase)
    {
        super(group, contextBase);
    }

    /**
     * Java binding of {@code MPI_BARRIER}: the dissemination algorithm, ceil(log2 n) rounds of zero-byte messages;
     * in round k each rank signals rank + 2^k and waits for rank - 2^k (mod n).
     */
    public void Barrier()
    {
        checkUsable();
        final int size = group.Size();
        for (int distance = 1; distance < size; distance <<= 1)
        {
            final int to = (myRank + distance) % size;
            final int from = (myRank - distance + size) % size;
            final Operation recv = startRecv(EMPTY, 0, 0, MPI.BYTE, from, BARRIER_TAG, COLLECTIVE);
            startSend(EMPTY, 0, 0, MPI.BYTE, to, BARRIER_TAG, SendMode.STANDARD, COLLECTIVE).await();
            recv.await();
        }
    }

    // ---------------------------------------------------------------- construction (communicators, topologies)

    @Override
    Comm dup()
    {
        return new Intracomm(group, ContextAgreement.agree(this));
    }

    /** Java binding of {@code MPI_COMM_DUP}: an Intracomm (of this communicator's class) with new contexts. */
    @Override
    public Object clone()
    {
        return super.clone();
    }

    /**
     * Java binding of {@code MPI_COMM_SPLIT} (collective): one new communicator per colour, holding the processes
     * that gave it, ranked by {@code key} (ties keep this communicator's order).
     *
     * @param color a non-negative colour, or {@link MPI#UNDEFINED} to get {@link MPI#COMM_NULL}.
     * @throws MPIException ERR_ARG for a negative colour other than UNDEFINED.
     */
    public Intracomm Split(final int color, final int key)
    {
        try
        {
            checkUsable();
            if (color < 0 && color != MPI.UNDEFINED)
            {
                throw new MPIException(MPI.ERR_ARG, "color " + color + " is negative and not MPI.UNDEFINED");
            }
            final int[] colorsAndKeys = ConstructionExchange.allgather(this, new int[] {color, key});
            final int context = ContextAgreement.agree(this);
            if (color == MPI.UNDEFINED)
            {
                return withoutMe(context);
            }
            final int[] members = java.util.stream.IntStream.range(0, group.Size())
                .filter(r -> colorsAndKeys[2 * r] == color).boxed()
                .sorted(java.util.Comparator.comparingInt(r -> colorsAndKeys[2 * r + 1]))
                .mapToInt(group::worldRank).toArray();
            return inherit(new Intracomm(Group.ofWorldRanks(members), context));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_COMM_CREATE} (collective; every process passes the same group): a communicator of
     * {@code group}'s processes in its order, {@link MPI#COMM_NULL} for the others.
     *
     * @throws MPIException ERR_GROUP for a null group or one with a process outside this communicator.
     */
    public Intracomm Create(final Group group)
    {
        try
        {
            checkUsable();
            Group.checkGroup(group, "group");
            for (int r = 0; r < group.Size(); r++)
            {
                if (this.group.rankOfWorld(group.worldRank(r)) == MPI.UNDEFINED)
                {
                    throw new MPIException(MPI.ERR_GROUP, "group member " + r + " (world rank " + group.worldRank(r)
                        + ") is not in the communicator");
                }
            }
            final int context = ContextAgreement.agree(this);
            if (group.Rank() == MPI.UNDEFINED)
            {
                return withoutMe(context);
            }
            return inherit(new Intracomm(Group.ofWorldRanks(group.worldRanks()), context));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_CART_CREATE} (collective): the first {@code dims[0] * ... * dims[n-1]} processes
     * form the grid, in this communicator's order ({@code reorder} is accepted and ignored).
     *
     * @return the grid communicator, or {@code null} (MPJ Express's COMM_NULL for topologies) for processes beyond
     * the grid.
     * @throws MPIException ERR_DIMS for a non-positive extent or a grid larger than the communicator, ERR_ARG for
     * null or mismatched arrays.
     */
    public Cartcomm Create_cart(final int[] dims, final boolean[] periods, final boolean reorder)
    {
        try
        {
            checkUsable();
            final int places = CartTopology.checkedSize(dims, periods, group.Size());
            final int context = ContextAgreement.agree(this);
            if (myRank >= places)
            {
                withoutMe(context);
                return null;
            }
            return inherit(new Cartcomm(firstRanks(places), context, new CartTopology(dims, periods)));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_GRAPH_CREATE} (collective): node {@code i} is rank {@code i} ({@code reorder} is
     * accepted and ignored).
     *
     * @param index cumulative degrees, one per node ({@code index.length} nodes).
     * @param edges the neighbours of node 0, then of node 1, ...
     * @return the graph communicator, or {@code null} (MPJ Express's COMM_NULL for topologies) for processes
     * beyond the graph's nodes.
     * @throws MPIException ERR_ARG for more nodes than processes, decreasing index, or an edge to no node.
     */
    public Graphcomm Create_graph(final int[] index, final int[] edges, final boolean reorder)
    {
        try
        {
            checkUsable();
            final GraphTopology graph = new GraphTopology(index, edges, group.Size());
            final int context = ContextAgreement.agree(this);
            if (myRank >= graph.nodes())
            {
                withoutMe(context);
                return null;
            }
            return inherit(new Graphcomm(firstRanks(graph.nodes()), context, graph));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the group of this communicator's ranks 0 .. count-1. */
    private Group firstRanks(final int count)
    {
        final int[] members = new int[count];
        for (int r = 0; r < count; r++)
        {
            members[r] = group.worldRank(r);
        }
        return Group.ofWorldRanks(members);
    }

    /** Gives back the block agreed for a communicator this process is not part of; @return COMM_NULL. */
    private static Intracomm withoutMe(final int context)
    {
        ContextAgreement.currentPool().release(context / CONTEXTS_PER_COMM);
        return MPI.COMM_NULL;
    }
}
