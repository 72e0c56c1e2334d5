package xen2mx.coll;

/**
 * Tags of collective operations on a communicator's collective context. Tags 1..999 are reserved for them
 * (1000..1999 belong to communicator construction); each operation has its own, and composite algorithms reuse the
 * tag of the operation that runs them.
 */
public enum CollectiveTag
{
    BARRIER(1), BCAST(2), GATHER(3), GATHERV(4), SCATTER(5), SCATTERV(6), ALLGATHER(7), ALLGATHERV(8), ALLTOALL(9),
    ALLTOALLV(10), REDUCE(11), ALLREDUCE(12), REDUCE_SCATTER(13), SCAN(14);

    /** The largest tag collectives may use. */
    public static final int LAST_RESERVED = 999;

    private final int tag;

    CollectiveTag(final int tag)
    {
        this.tag = tag;
    }

    /** @return the tag value */
    public int tag()
    {
        return tag;
    }
}
