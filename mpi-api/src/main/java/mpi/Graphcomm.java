package mpi;

/**
 * A communicator with a graph topology. Created by {@link Intracomm#Create_graph}; {@code reorder} is accepted and
 * node {@code i} is rank {@code i} of the parent.
 */
public class Graphcomm extends Intracomm
{
    final GraphTopology topology;

    Graphcomm(final Group group, final int contextBase, final GraphTopology topology)
    {
        super(group, contextBase);
        this.topology = topology;
    }

    @Override
    Comm dup()
    {
        return new Graphcomm(group, ContextAgreement.agree(this), topology);
    }

    /** Java binding of {@code MPI_COMM_DUP}: a Graphcomm with the same graph. */
    @Override
    public Object clone()
    {
        return super.clone();
    }

    /** @return {@link MPI#GRAPH}. */
    @Override
    public int Topo_test()
    {
        try
        {
            checkUsable();
            return MPI.GRAPH;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_GRAPH_GET}. */
    public GraphParms Get()
    {
        try
        {
            checkUsable();
            return new GraphParms(topology.index(), topology.edges());
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_GRAPH_NEIGHBORS}: the neighbours of {@code rank}, in edge order. */
    public int[] Neighbours(final int rank)
    {
        try
        {
            checkUsable();
            return topology.neighbours(rank);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_GRAPH_MAP}: the caller's rank in the graph laid over this communicator without
     * reordering, or {@link MPI#UNDEFINED} when the graph has no node for it.
     */
    public int Map(final int[] index, final int[] edges)
    {
        try
        {
            checkUsable();
            return myRank < new GraphTopology(index, edges, group.Size()).nodes() ? myRank : MPI.UNDEFINED;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }
}
