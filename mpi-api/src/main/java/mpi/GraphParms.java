package mpi;

/**
 * What {@link Graphcomm#Get()} returns: {@code index[i]} is the number of edges of nodes 0..i together, and the
 * neighbours of node i are {@code edges[index[i-1] .. index[i]-1]} ({@code index[-1]} = 0).
 */
public class GraphParms
{
    /** Cumulative degrees. */
    public int[] index;
    /** Neighbour lists, one after the other. */
    public int[] edges;

    GraphParms(final int[] index, final int[] edges)
    {
        this.index = index;
        this.edges = edges;
    }
}
