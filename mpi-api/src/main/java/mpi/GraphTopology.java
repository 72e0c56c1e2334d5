package mpi;

import java.util.Arrays;

/**
 * The graph of a graph communicator, in MPI's compressed form: node {@code i}'s neighbours are
 * {@code edges[index[i-1] .. index[i]-1]} ({@code index[-1]} = 0). Immutable.
 */
final class GraphTopology
{
    private final int[] index;
    private final int[] edges;

    /** @throws MPIException for a graph that is not valid for a communicator of {@code available} processes. */
    GraphTopology(final int[] index, final int[] edges, final int available)
    {
        if (index == null || edges == null)
        {
            throw new MPIException(MPI.ERR_ARG, (index == null ? "index" : "edges") + " is null");
        }
        if (index.length > available)
        {
            throw new MPIException(MPI.ERR_ARG, "index has " + index.length + " nodes, more than the communicator's "
                + available + " process(es)");
        }
        int previous = 0;
        for (int i = 0; i < index.length; i++)
        {
            if (index[i] < previous)
            {
                throw new MPIException(MPI.ERR_ARG, "index[" + i + "] = " + index[i] + " is below index[" + (i - 1)
                    + "] = " + previous + ": index holds cumulative degrees");
            }
            previous = index[i];
        }
        if (previous > edges.length)
        {
            throw new MPIException(MPI.ERR_ARG, "index ends at " + previous + " edges, edges has only "
                + edges.length);
        }
        for (int e = 0; e < previous; e++)
        {
            if (edges[e] < 0 || edges[e] >= index.length)
            {
                throw new MPIException(MPI.ERR_ARG, "edges[" + e + "] = " + edges[e] + " is not a node (0.."
                    + (index.length - 1) + ")");
            }
        }
        this.index = index.clone();
        this.edges = Arrays.copyOf(edges, previous);
    }

    int nodes()
    {
        return index.length;
    }

    int[] index()
    {
        return index.clone();
    }

    int[] edges()
    {
        return edges.clone();
    }

    /** @return the neighbours of {@code rank}, in edge order; ERR_RANK for a rank that is not a node. */
    int[] neighbours(final int rank)
    {
        if (rank < 0 || rank >= index.length)
        {
            throw new MPIException(MPI.ERR_RANK, "rank " + rank + " is not a node of the graph (0.."
                + (index.length - 1) + ")");
        }
        return Arrays.copyOfRange(edges, rank == 0 ? 0 : index[rank - 1], index[rank]);
    }
}
