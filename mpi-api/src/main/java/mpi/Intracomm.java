package mpi;

import static mpi.StagedBlocks.Role.IN_PLACE;
import static mpi.StagedBlocks.Role.RECEIVE;
import static mpi.StagedBlocks.Role.SEND;

import mpi.StagedBlocks.Role;
import xen2mx.coll.CollTransport;
import xen2mx.coll.CollectiveSelector;
import xen2mx.coll.Combiner;

/**
 * An intra-communicator: one group whose processes talk among themselves.
 *
 * <p>Collective operations follow MPJ Express's signatures: offsets and counts are in items of the datatype,
 * displacements in extents of it; buffers significant only at the root may be null elsewhere. They run on the
 * communicator's collective context with tags 1..999 ({@link xen2mx.coll.CollectiveTag}); the algorithm is chosen
 * by {@link CollectiveSelector}. Wrong arguments raise {@link MPIException} naming them.
 */
public class Intracomm extends Comm
{
    Intracomm(final Group group, final int contextBase)
    {
        super(group, contextBase);
    }

    // ---------------------------------------------------------------- collective operations

    /** Java binding of {@code MPI_BARRIER}: returns once every rank of the communicator has entered it. */
    public void Barrier()
    {
        try
        {
            checkUsable();
            CollectiveSelector.barrier(transport());
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_BCAST}: the root's {@code count} items reach every rank's {@code buf}. */
    public void Bcast(final Object buf, final int offset, final int count, final Datatype datatype, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            checkData("buf", buf, offset, count, datatype);
            final StagedBlocks data = StagedBlocks.single(buf, offset, count, datatype,
                myRank == root ? IN_PLACE : RECEIVE);
            CollectiveSelector.bcast(transport(), data.array, data.offset, data.elements(), 1, bytes(data, datatype),
                root);
            data.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_GATHER}: rank r's items land in the root's block r of {@code recvcount} items. */
    public void Gather(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int recvcount, final Datatype recvtype, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            checkData("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, sendcount, sendtype, SEND);
            StagedBlocks recv = null;
            if (myRank == root)
            {
                recv = uniformBlocks("recvbuf", recvbuf, recvoffset, recvcount, recvtype, sendcount, sendtype, RECEIVE);
            }
            CollectiveSelector.gather(transport(), send.array, send.offset, recv == null ? null : recv.array,
                recv == null ? 0 : recv.offset, send.elements(), bytes(send, sendtype), root);
            store(recv);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_GATHERV}: rank r's items land at the root's {@code displs[r]}. */
    public void Gatherv(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int[] recvcount, final int[] displs,
        final Datatype recvtype, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            checkData("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, sendcount, sendtype, SEND);
            StagedBlocks recv = null;
            if (myRank == root)
            {
                recv = variableBlocks("recv", recvbuf, recvoffset, recvcount, displs, recvtype, RECEIVE);
                checkSignature("sendcount", sendcount, sendtype, "recvcount[" + root + "]", recvcount[root], recvtype);
            }
            CollectiveSelector.gatherv(transport(), send.array, send.offset, send.elements(),
                recv == null ? null : recv.array, recv == null ? 0 : recv.offset, recv == null ? null : recv.counts,
                recv == null ? null : recv.displs, root);
            store(recv);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SCATTER}: the root's block r of {@code sendcount} items goes to rank r. */
    public void Scatter(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int recvcount, final Datatype recvtype, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            checkData("recvbuf", recvbuf, recvoffset, recvcount, recvtype);
            final StagedBlocks recv = StagedBlocks.single(recvbuf, recvoffset, recvcount, recvtype, RECEIVE);
            StagedBlocks send = null;
            if (myRank == root)
            {
                send = uniformBlocks("sendbuf", sendbuf, sendoffset, sendcount, sendtype, recvcount, recvtype, SEND);
            }
            CollectiveSelector.scatter(transport(), send == null ? null : send.array, send == null ? 0 : send.offset,
                recv.array, recv.offset, recv.elements(), bytes(recv, recvtype), root);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SCATTERV}: the root's {@code sendcount[r]} items at {@code displs[r]} go to r. */
    public void Scatterv(final Object sendbuf, final int sendoffset, final int[] sendcount, final int[] displs,
        final Datatype sendtype, final Object recvbuf, final int recvoffset, final int recvcount,
        final Datatype recvtype, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            checkData("recvbuf", recvbuf, recvoffset, recvcount, recvtype);
            final StagedBlocks recv = StagedBlocks.single(recvbuf, recvoffset, recvcount, recvtype, RECEIVE);
            StagedBlocks send = null;
            if (myRank == root)
            {
                send = variableBlocks("send", sendbuf, sendoffset, sendcount, displs, sendtype, SEND);
                checkSignature("sendcount[" + root + "]", sendcount[root], sendtype, "recvcount", recvcount, recvtype);
            }
            CollectiveSelector.scatterv(transport(), send == null ? null : send.array, send == null ? 0 : send.offset,
                send == null ? null : send.counts, send == null ? null : send.displs, recv.array, recv.offset,
                recv.elements(), root);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ALLGATHER}: every rank receives every rank's items, block r from rank r. */
    public void Allgather(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int recvcount, final Datatype recvtype)
    {
        try
        {
            checkUsable();
            checkData("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, sendcount, sendtype, SEND);
            final StagedBlocks recv = uniformBlocks("recvbuf", recvbuf, recvoffset, recvcount, recvtype, sendcount,
                sendtype, RECEIVE);
            CollectiveSelector.allgather(transport(), send.array, send.offset, recv.array, recv.offset, send.elements(),
                bytes(send, sendtype));
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ALLGATHERV}: rank r's items land at {@code displs[r]} on every rank. */
    public void Allgatherv(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int[] recvcount, final int[] displs,
        final Datatype recvtype)
    {
        try
        {
            checkUsable();
            checkData("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, sendcount, sendtype, SEND);
            final StagedBlocks recv = variableBlocks("recv", recvbuf, recvoffset, recvcount, displs, recvtype, RECEIVE);
            checkSignature("sendcount", sendcount, sendtype, "recvcount[" + myRank + "]", recvcount[myRank], recvtype);
            CollectiveSelector.allgatherv(transport(), send.array, send.offset, send.elements(), recv.array,
                recv.offset, recv.counts, recv.displs);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ALLTOALL}: block r of the send buffer goes to rank r, block r received from r. */
    public void Alltoall(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final Object recvbuf, final int recvoffset, final int recvcount, final Datatype recvtype)
    {
        try
        {
            checkUsable();
            final StagedBlocks send = uniformBlocks("sendbuf", sendbuf, sendoffset, sendcount, sendtype, recvcount,
                recvtype, SEND);
            final StagedBlocks recv = uniformBlocks("recvbuf", recvbuf, recvoffset, recvcount, recvtype, sendcount,
                sendtype, RECEIVE);
            CollectiveSelector.alltoall(transport(), send.array, send.offset, recv.array, recv.offset, send.counts[0]);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ALLTOALLV}: counts and displacements per rank on both sides. */
    public void Alltoallv(final Object sendbuf, final int sendoffset, final int[] sendcount, final int[] sdispls,
        final Datatype sendtype, final Object recvbuf, final int recvoffset, final int[] recvcount,
        final int[] rdispls, final Datatype recvtype)
    {
        try
        {
            checkUsable();
            final StagedBlocks send = variableBlocks("send", sendbuf, sendoffset, sendcount, sdispls, sendtype, SEND);
            final StagedBlocks recv = variableBlocks("recv", recvbuf, recvoffset, recvcount, rdispls, recvtype,
                RECEIVE);
            checkSameBase(sendtype, recvtype);
            CollectiveSelector.alltoallv(transport(), send.array, send.offset, send.counts, send.displs, recv.array,
                recv.offset, recv.counts, recv.displs);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_REDUCE}: the root receives the reduction of every rank's {@code count} items. */
    public void Reduce(final Object sendbuf, final int sendoffset, final Object recvbuf, final int recvoffset,
        final int count, final Datatype datatype, final Op op, final int root)
    {
        try
        {
            checkUsable();
            checkRoot(root);
            final Combiner combiner = reduction("sendbuf", sendbuf, sendoffset, count, datatype, op);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, count, datatype, SEND);
            StagedBlocks recv = null;
            if (myRank == root)
            {
                checkData("recvbuf", recvbuf, recvoffset, count, datatype);
                recv = StagedBlocks.single(recvbuf, recvoffset, count, datatype, RECEIVE);
            }
            CollectiveSelector.reduce(transport(), send.array, send.offset, recv == null ? null : recv.array,
                recv == null ? 0 : recv.offset, count, combiner, root);
            store(recv);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ALLREDUCE}: every rank receives the reduction of every rank's items. */
    public void Allreduce(final Object sendbuf, final int sendoffset, final Object recvbuf, final int recvoffset,
        final int count, final Datatype datatype, final Op op)
    {
        try
        {
            checkUsable();
            final Combiner combiner = reduction("sendbuf", sendbuf, sendoffset, count, datatype, op);
            checkData("recvbuf", recvbuf, recvoffset, count, datatype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, count, datatype, SEND);
            final StagedBlocks recv = StagedBlocks.single(recvbuf, recvoffset, count, datatype, RECEIVE);
            CollectiveSelector.allreduce(transport(), send.array, send.offset, recv.array, recv.offset, count, combiner,
                bytes(send, datatype));
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_REDUCE_SCATTER}: the send buffers hold {@code sum(recvcounts)} items; rank r
     * receives the reduction of block r, {@code recvcounts[r]} items.
     */
    public void Reduce_scatter(final Object sendbuf, final int sendoffset, final Object recvbuf,
        final int recvoffset, final int[] recvcounts, final Datatype datatype, final Op op)
    {
        try
        {
            checkUsable();
            checkCounts("recvcounts", recvcounts);
            long total = 0;
            for (final int c : recvcounts)
            {
                total += c;
            }
            if (total > Integer.MAX_VALUE)
            {
                throw new MPIException(MPI.ERR_COUNT, "recvcounts add up to " + total + " items, beyond an int");
            }
            final Combiner combiner = reduction("sendbuf", sendbuf, sendoffset, (int)total, datatype, op);
            checkData("recvbuf", recvbuf, recvoffset, recvcounts[myRank], datatype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, (int)total, datatype, SEND);
            final StagedBlocks recv = StagedBlocks.single(recvbuf, recvoffset, recvcounts[myRank], datatype, RECEIVE);
            CollectiveSelector.reduceScatter(transport(), send.array, send.offset, recv.array, recv.offset,
                java.util.Arrays.copyOf(recvcounts, group.Size()), combiner);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SCAN}: rank r receives the reduction of the items of ranks 0..r. */
    public void Scan(final Object sendbuf, final int sendoffset, final Object recvbuf, final int recvoffset,
        final int count, final Datatype datatype, final Op op)
    {
        try
        {
            checkUsable();
            final Combiner combiner = reduction("sendbuf", sendbuf, sendoffset, count, datatype, op);
            checkData("recvbuf", recvbuf, recvoffset, count, datatype);
            final StagedBlocks send = StagedBlocks.single(sendbuf, sendoffset, count, datatype, SEND);
            final StagedBlocks recv = StagedBlocks.single(recvbuf, recvoffset, count, datatype, RECEIVE);
            CollectiveSelector.scan(transport(), send.array, send.offset, recv.array, recv.offset, count, combiner);
            recv.store();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- collective internals

    private CollTransport transport()
    {
        return new CommCollTransport(this);
    }

    /** @return bytes of the first block on the wire, 0 for OBJECT (unknown until serialized) */
    private static long bytes(final StagedBlocks data, final Datatype type)
    {
        return (long)data.elements() * type.base.bytes;
    }

    private static void store(final StagedBlocks blocks)
    {
        if (blocks != null)
        {
            blocks.store();
        }
    }

    private void checkRoot(final int root)
    {
        if (root < 0 || root >= group.Size())
        {
            throw new MPIException(MPI.ERR_ROOT, "root " + root + " is out of range: the communicator has "
                + group.Size() + " rank(s) (0.." + (group.Size() - 1) + ")");
        }
    }

    private static void checkData(final String name, final Object buf, final int offset, final int count,
        final Datatype type)
    {
        if (type == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype of " + name + " is null");
        }
        try
        {
            type.checkBuffer(buf, offset, count);
        }
        catch (final MPIException e)
        {
            throw new MPIException(e.getErrorClass(), name + ": " + e.getMessage());
        }
    }

    private static void checkSameBase(final Datatype sendtype, final Datatype recvtype)
    {
        if (sendtype.base != recvtype.base)
        {
            throw new MPIException(MPI.ERR_TYPE, "sendtype " + sendtype + " and recvtype " + recvtype
                + " have different element types");
        }
    }

    /** Checks that {@code scount} items of {@code stype} carry as many elements as {@code rcount} of {@code rtype}. */
    private static void checkSignature(final String sname, final int scount, final Datatype stype,
        final String rname, final int rcount, final Datatype rtype)
    {
        checkSameBase(stype, rtype);
        if ((long)scount * stype.Size() != (long)rcount * rtype.Size())
        {
            throw new MPIException(MPI.ERR_TRUNCATE, sname + " " + scount + " x " + stype + " does not match "
                + rname + " " + rcount + " x " + rtype);
        }
    }

    /** @return {@code Size()} blocks of {@code count} items of {@code buf}, after checking them */
    private StagedBlocks uniformBlocks(final String name, final Object buf, final int offset, final int count,
        final Datatype type, final int peerCount, final Datatype peerType, final Role role)
    {
        final int n = group.Size();
        if (count < 0)
        {
            throw new MPIException(MPI.ERR_COUNT, name + ": count " + count + " is negative");
        }
        if ((long)count * n > Integer.MAX_VALUE)
        {
            throw new MPIException(MPI.ERR_COUNT, name + ": " + n + " blocks of " + count + " items exceed an int");
        }
        checkData(name, buf, offset, count * n, type);
        if (peerType == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype is null");
        }
        checkSignature(name.startsWith("send") ? "sendcount" : "recvcount", count, type,
            name.startsWith("send") ? "recvcount" : "sendcount", peerCount, peerType);
        return StagedBlocks.uniform(buf, offset, n, count, type, role);
    }

    /** @return blocks of {@code counts[r]} items at {@code displs[r]} extents, after checking them */
    private StagedBlocks variableBlocks(final String side, final Object buf, final int offset, final int[] counts,
        final int[] displs, final Datatype type, final Role role)
    {
        final int n = group.Size();
        checkCounts(side + "count", counts);
        if (displs == null || displs.length < n)
        {
            throw new MPIException(MPI.ERR_ARG, side + " displs " + (displs == null ? "is null" : "has "
                + displs.length + " entries, fewer than the " + n + " ranks"));
        }
        if (type == null)
        {
            throw new MPIException(MPI.ERR_TYPE, side + "type is null");
        }
        for (int r = 0; r < n; r++)
        {
            if (displs[r] < 0)
            {
                throw new MPIException(MPI.ERR_ARG, side + " displs[" + r + "] " + displs[r] + " is negative");
            }
            checkData(side + "buf block " + r, buf, offset + displs[r] * type.Extent(), counts[r], type);
        }
        return StagedBlocks.of(buf, offset, java.util.Arrays.copyOf(counts, n), java.util.Arrays.copyOf(displs, n),
            type, role);
    }

    private void checkCounts(final String name, final int[] counts)
    {
        final int n = group.Size();
        if (counts == null || counts.length < n)
        {
            throw new MPIException(MPI.ERR_ARG, name + " " + (counts == null ? "is null" : "has " + counts.length
                + " entries, fewer than the " + n + " ranks"));
        }
        for (int r = 0; r < n; r++)
        {
            if (counts[r] < 0)
            {
                throw new MPIException(MPI.ERR_COUNT, name + "[" + r + "] " + counts[r] + " is negative");
            }
        }
    }

    /** @return the operation on {@code datatype}, after checking it and the send buffer */
    private static Combiner reduction(final String name, final Object buf, final int offset, final int count,
        final Datatype datatype, final Op op)
    {
        checkData(name, buf, offset, count, datatype);
        if (op == null)
        {
            throw new MPIException(MPI.ERR_OP, "op is null");
        }
        return op.combiner(datatype);
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
