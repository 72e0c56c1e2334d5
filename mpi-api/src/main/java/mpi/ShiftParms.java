package mpi;

/**
 * What {@link Cartcomm#Shift} returns: the ranks to receive from and send to; {@link MPI#PROC_NULL} past a
 * non-periodic edge.
 */
public class ShiftParms
{
    /** The rank that sends to the caller. */
    public int rank_source;
    /** The rank the caller sends to. */
    public int rank_dest;

    ShiftParms(final int rankSource, final int rankDest)
    {
        this.rank_source = rankSource;
        this.rank_dest = rankDest;
    }
}
