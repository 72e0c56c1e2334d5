package mpi;

/**
 * A communicator with a Cartesian grid: ranks are laid out in row-major order (the last dimension varies fastest).
 * Created by {@link Intracomm#Create_cart}; {@code reorder} is accepted and ranks keep the parent's order.
 */
public class Cartcomm extends Intracomm
{
    final CartTopology topology;

    Cartcomm(final Group group, final int contextBase, final CartTopology topology)
    {
        super(group, contextBase);
        this.topology = topology;
    }

    @Override
    Comm dup()
    {
        return new Cartcomm(group, ContextAgreement.agree(this), topology);
    }

    /** Java binding of {@code MPI_COMM_DUP}: a Cartcomm with the same grid. */
    @Override
    public Object clone()
    {
        return super.clone();
    }

    /** @return {@link MPI#CART}. */
    @Override
    public int Topo_test()
    {
        try
        {
            checkUsable();
            return MPI.CART;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_CART_GET}: extents, periodicity and the caller's coordinates. */
    public CartParms Get()
    {
        try
        {
            checkUsable();
            return new CartParms(topology.dims(), topology.periods(), topology.coords(myRank));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_CART_RANK}: coordinates of periodic dimensions wrap around. */
    public int Rank(final int[] coords)
    {
        try
        {
            checkUsable();
            return topology.rank(coords);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_CART_COORDS}. */
    public int[] Coords(final int rank)
    {
        try
        {
            checkUsable();
            return topology.coords(rank);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_CART_SHIFT}.
     *
     * @return the ranks {@code disp} steps behind ({@code rank_source}) and ahead ({@code rank_dest}) of the
     * caller along {@code direction}; {@link MPI#PROC_NULL} past a non-periodic edge.
     */
    public ShiftParms Shift(final int direction, final int disp)
    {
        try
        {
            checkUsable();
            final int[] ranks = topology.shift(myRank, direction, disp);
            return new ShiftParms(ranks[0], ranks[1]);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_CART_SUB} (collective): the sub-grid of the kept dimensions that holds the caller;
     * ranks in it follow the order of this grid.
     */
    public Cartcomm Sub(final boolean[] remain_dims)
    {
        try
        {
            checkUsable();
            final int color = topology.subColor(myRank, remain_dims);
            final CartTopology sub = topology.sub(remain_dims);
            final int[] colors = ConstructionExchange.allgather(this, new int[] {color});
            final int context = ContextAgreement.agree(this);
            final int[] members = new int[sub.size()];
            for (int r = 0, n = 0; r < colors.length; r++)
            {
                if (colors[r] == color)
                {
                    members[n++] = group.worldRank(r);
                }
            }
            return inherit(new Cartcomm(Group.ofWorldRanks(members), context, sub));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_CART_MAP}: the caller's rank in a grid of {@code dims} laid over this
     * communicator without reordering, or {@link MPI#UNDEFINED} when the grid has no place for it.
     */
    public int Map(final int[] dims, final boolean[] periods)
    {
        try
        {
            checkUsable();
            return myRank < CartTopology.checkedSize(dims, periods, group.Size()) ? myRank : MPI.UNDEFINED;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_DIMS_CREATE}: fills the zero entries of {@code dims} so that all entries multiply
     * to {@code nnodes}, as balanced as possible and in non-increasing order; non-zero entries are kept (MPJ Express
     * overwrote them).
     *
     * @throws MPIException ERR_ARG for nnodes &lt;= 0, ERR_DIMS for a negative entry or fixed entries that do not
     * divide nnodes.
     */
    public static void Dims_create(final int nnodes, final int[] dims)
    {
        try
        {
            CartTopology.dimsCreate(nnodes, dims);
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }
}
