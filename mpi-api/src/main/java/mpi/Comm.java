package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import xen2mx.btl.BtlRequest;
import xen2mx.pml.MatchInfo;
import xen2mx.pml.Pml;

/**
 * A communicator: a group of processes and a private space of messages. Point-to-point operations of mpiJava 1.2.
 *
 * <p>Buffers are Java arrays of the datatype's element type ({@code Object[]} for {@code MPI.OBJECT}); offsets and
 * counts are in elements. Every argument is checked; a wrong one is an error naming it, reported through the
 * communicator's {@link Errhandler} ({@link MPIException} under {@code ERRORS_RETURN} and under the handler a
 * communicator starts with; the job aborts under {@code ERRORS_ARE_FATAL} set explicitly).
 *
 * <p>Each communicator owns {@value #CONTEXTS_PER_COMM} consecutive context ids (see {@link MatchInfo}):
 * point-to-point, collective, and the OBJECT payloads of each, so that the traffic of one never matches the other.
 * The block is agreed by the members at construction ({@link ContextAgreement}) and given back by {@link #Free()}.
 * In an {@link Intercomm}, {@code dest} and {@code source} are ranks of the remote group ({@link #remote}).
 */
public class Comm implements Cloneable
{
    static final int CONTEXTS_PER_COMM = 4;
    static final int P2P = 0;
    static final int COLLECTIVE = 1;
    private static final int OBJECT_PAYLOAD = 2;

    final Group group;
    /** The group that {@code dest} and {@code source} name: {@link #group}, or an inter-communicator's remote one. */
    final Group remote;
    final int contextBase;
    final int myRank;
    /** The session's pool that holds {@link #contextBase}. */
    private final ContextIdPool contextPool;
    private volatile Errhandler errhandler;
    /** True once the program chose the handler (here or on an ancestor): see {@link Errhandler}. */
    private volatile boolean errhandlerChosen;
    private volatile boolean freed;

    Comm(final Group group, final int contextBase)
    {
        this(group, group, contextBase);
    }

    Comm(final Group group, final Group remote, final int contextBase)
    {
        this.group = group;
        this.remote = remote;
        this.contextBase = contextBase;
        this.myRank = group == null ? MPI.UNDEFINED : group.Rank();
        this.errhandler = MPI.ERRORS_ARE_FATAL;
        this.contextPool = ContextAgreement.currentPool();
    }

    /** @return this process's rank in the communicator. */
    public int Rank()
    {
        try
        {
            checkUsable();
            return myRank;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the number of processes in the communicator (in the local group of an inter-communicator). */
    public int Size()
    {
        try
        {
            checkUsable();
            return group.Size();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the communicator's group (the local group of an inter-communicator). */
    public Group Group()
    {
        try
        {
            checkUsable();
            return group;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return true only for {@code MPI.COMM_NULL}. */
    public boolean Is_null()
    {
        return group == null;
    }

    /** @return true for an inter-communicator ({@link Intercomm}). */
    public boolean Test_inter()
    {
        try
        {
            checkUsable();
            return false;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return {@link MPI#CART}, {@link MPI#GRAPH} or {@link MPI#UNDEFINED} (no topology). */
    public int Topo_test()
    {
        try
        {
            checkUsable();
            return MPI.UNDEFINED;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_COMM_COMPARE}.
     *
     * @return {@link MPI#IDENT} (the same communicator), {@link MPI#CONGRUENT} (same groups in the same order, other
     * contexts), {@link MPI#SIMILAR} (same members, another order) or {@link MPI#UNEQUAL}.
     */
    public static int Compare(final Comm comm1, final Comm comm2)
    {
        try
        {
            checkComm(comm1, "comm1");
            checkComm(comm2, "comm2");
            if (comm1 == comm2)
            {
                return MPI.IDENT;
            }
            if (comm1.Test_inter() != comm2.Test_inter())
            {
                return MPI.UNEQUAL;
            }
            final int local = Group.compare(comm1.group, comm2.group);
            final int remote = Group.compare(comm1.remote, comm2.remote);
            if (local == MPI.IDENT && remote == MPI.IDENT)
            {
                return MPI.CONGRUENT;
            }
            return local != MPI.UNEQUAL && remote != MPI.UNEQUAL ? MPI.SIMILAR : MPI.UNEQUAL;
        }
        catch (final MPIException e)
        {
            throw ErrorHandling.raise(null, e);
        }
    }

    private static void checkComm(final Comm comm, final String name)
    {
        if (comm == null)
        {
            throw new MPIException(MPI.ERR_COMM, name + " is null");
        }
        comm.checkUsable();
    }

    /**
     * Java binding of {@code MPI_COMM_DUP} (collective): a communicator with the same group(s), topology and error
     * handler, whose messages never match this one's.
     *
     * @return an object of this communicator's class ({@link Intracomm}, {@link Cartcomm}, {@link Graphcomm},
     * {@link Intercomm}).
     */
    @Override
    public Object clone()
    {
        try
        {
            checkUsable();
            return inherit(dup());
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the duplicate of this communicator, with new contexts agreed by its members. */
    Comm dup()
    {
        throw new MPIException(MPI.ERR_COMM, "MPI.COMM_NULL cannot be duplicated");
    }

    /** @return {@code child}, with this communicator's error handler (MPI: new communicators inherit it). */
    <C extends Comm> C inherit(final C child)
    {
        if (child != null && !child.Is_null())
        {
            ((Comm)child).errhandler = errhandler;
            ((Comm)child).errhandlerChosen = errhandlerChosen;
        }
        return child;
    }

    /**
     * Java binding of {@code MPI_COMM_FREE}: gives the communicator's contexts back for reuse. Pending
     * communication must be complete (MPI's rule). Afterwards the object behaves as {@code MPI.COMM_NULL}: any use
     * raises ERR_COMM. Local: no message is exchanged.
     *
     * @throws MPIException ERR_COMM for {@code COMM_WORLD}, {@code COMM_SELF}, {@code COMM_NULL} or a freed one.
     */
    public void Free()
    {
        try
        {
            checkUsable();
            if (this == MPI.COMM_WORLD || this == MPI.COMM_SELF)
            {
                throw new MPIException(MPI.ERR_COMM, describe() + " cannot be freed");
            }
            release();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Marks the communicator freed and gives its context block back (once). */
    synchronized void release()
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_COMM, "communicator has been freed");
        }
        freed = true;
        contextPool.release(contextBase / CONTEXTS_PER_COMM);
    }

    boolean isFreed()
    {
        return freed;
    }

    /**
     * Java binding of {@code MPI_INTERCOMM_CREATE}, called on the peer communicator (collective over both local
     * communicators): joins the group of {@code local_comm} and the group led by {@code remote_leader}.
     *
     * @param local_comm    this process's intra-communicator.
     * @param local_leader  the leader's rank in {@code local_comm}.
     * @param remote_leader the other group's leader's rank in this (peer) communicator; used by the local leader.
     * @param tag           tag of the leaders' messages on this communicator; used by the local leader.
     * @return the inter-communicator, with {@code local_comm}'s error handler.
     * @throws MPIException ERR_COMM if local_comm is not an intra-communicator, ERR_RANK for a leader out of range,
     * ERR_TAG for a bad tag, ERR_ARG if the two groups overlap.
     */
    public Intercomm Create_intercomm(final Comm local_comm, final int local_leader, final int remote_leader,
        final int tag)
    {
        try
        {
            if (!(local_comm instanceof Intracomm) || local_comm.Is_null())
            {
                throw new MPIException(MPI.ERR_COMM, "local_comm " + (local_comm == null ? "null"
                    : local_comm.describe()) + " is not an intra-communicator");
            }
            local_comm.checkUsable();
            final Intracomm local = (Intracomm)local_comm;
            if (local_leader < 0 || local_leader >= local.group.Size())
            {
                throw new MPIException(MPI.ERR_RANK, "local_leader " + local_leader + " is not a rank of local_comm "
                    + "(size " + local.group.Size() + ")");
            }
            if (local.myRank == local_leader)
            {
                checkUsable();
                if (remote_leader < 0 || remote_leader >= remote.Size())
                {
                    throw new MPIException(MPI.ERR_RANK, "remote_leader " + remote_leader + " is not a rank of the "
                        + "peer communicator (size " + remote.Size() + ")");
                }
                checkSendArguments(new int[0], 0, 0, MPI.INT, remote_leader, tag);
            }
            return local.inherit(Intercomm.create(local, local_leader, this, remote_leader, tag));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_ATTR_GET} for the predefined keys.
     *
     * @return {@code Integer} value of {@code MPI.TAG_UB}, {@code MPI.HOST} ({@code PROC_NULL}: no host rank) or
     * {@code MPI.IO} (every rank can do I/O, so the caller's rank); null for an unknown key.
     */
    public Object Attr_get(final int keyval)
    {
        try
        {
            checkUsable();
            if (keyval == MPI.TAG_UB)
            {
                return MatchInfo.TAG_UB;
            }
            if (keyval == MPI.HOST)
            {
                return MPI.PROC_NULL;
            }
            if (keyval == MPI.IO)
            {
                return myRank;
            }
            return null;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_ATTR_DELETE}. Only the predefined keys have values, and those cannot be deleted;
     * deleting any other key deletes nothing.
     *
     * @throws MPIException ERR_ARG for {@code MPI.TAG_UB}, {@code MPI.HOST} or {@code MPI.IO}.
     */
    public void Attr_delete(final int keyval)
    {
        try
        {
            checkUsable();
            if (keyval == MPI.TAG_UB || keyval == MPI.HOST || keyval == MPI.IO)
            {
                throw new MPIException(MPI.ERR_ARG, "keyval " + keyval + " is a predefined attribute (TAG_UB, HOST "
                    + "or IO), which cannot be deleted");
            }
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Sets the error handler of this communicator. */
    public void Errhandler_set(final Errhandler handler)
    {
        try
        {
            checkUsable();
            if (handler == null)
            {
                throw new MPIException(MPI.ERR_ARG, "errhandler is null");
            }
            this.errhandler = handler;
            this.errhandlerChosen = true;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the error handler of this communicator. */
    public Errhandler Errhandler_get()
    {
        try
        {
            checkUsable();
            return errhandler;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** @return the error handler, without checks (for {@link ErrorHandling}). */
    Errhandler errhandler()
    {
        return errhandler;
    }

    /** @return true if the program set the handler (on this communicator or an ancestor it was derived from). */
    boolean errhandlerChosen()
    {
        return errhandlerChosen;
    }

    /** Java binding of {@code MPI_ABORT}: ends every process of the job with {@code errorcode}. */
    public void Abort(final int errorcode)
    {
        MPI.abort(errorcode, "MPI_ABORT was invoked on rank " + MPI.worldRank() + " with errorcode " + errorcode);
    }

    /** @return the error to throw from a failed call on this communicator (aborts under ERRORS_ARE_FATAL). */
    final MPIException failed(final MPIException error)
    {
        return ErrorHandling.raise(this, error);
    }

    /** @return a short name for messages: {@code MPI.COMM_WORLD}, or the communicator's contexts and size. */
    String describe()
    {
        if (group == null)
        {
            return "MPI.COMM_NULL";
        }
        if (this == MPI.COMM_WORLD)
        {
            return "MPI.COMM_WORLD";
        }
        if (this == MPI.COMM_SELF)
        {
            return "MPI.COMM_SELF";
        }
        return getClass().getSimpleName() + " of " + group.Size() + " rank(s), contexts " + contextBase + ".."
            + (contextBase + CONTEXTS_PER_COMM - 1) + (freed ? ", freed" : "");
    }

    // ---------------------------------------------------------------- blocking point-to-point

    /** Java binding of {@code MPI_SEND}. */
    public void Send(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        try
        {
            startSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD, P2P).await();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SSEND}: returns once the receiver has matched the message. */
    public void Ssend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        try
        {
            startSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS, P2P).await();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_BSEND}: copies into the attached buffer space and returns at once. */
    public void Bsend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        try
        {
            startSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED, P2P);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_RSEND} (a standard send: correct whether or not the receive is posted). */
    public void Rsend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        try
        {
            Send(buf, offset, count, datatype, dest, tag);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_RECV}. */
    public Status Recv(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        try
        {
            return startRecv(buf, offset, count, datatype, source, tag, P2P).await();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SENDRECV}. */
    public Status Sendrecv(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final int dest, final int sendtag, final Object recvbuf, final int recvoffset, final int recvcount,
        final Datatype recvtype, final int source, final int recvtag)
    {
        try
        {
            final Operation recv = startRecv(recvbuf, recvoffset, recvcount, recvtype, source, recvtag, P2P);
            startSend(sendbuf, sendoffset, sendcount, sendtype, dest, sendtag, SendMode.STANDARD, P2P).await();
            return recv.await();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SENDRECV_REPLACE}: the outgoing data is copied before the incoming lands. */
    public Status Sendrecv_replace(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int sendtag, final int source, final int recvtag)
    {
        try
        {
            final Operation send = startSend(buf, offset, count, datatype, dest, sendtag, SendMode.COPIED, P2P);
            final Operation recv = startRecv(buf, offset, count, datatype, source, recvtag, P2P);
            send.await();
            return recv.await();
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- non-blocking point-to-point

    /** Java binding of {@code MPI_ISEND}. */
    public Request Isend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD, P2P), this);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_IBSEND}. */
    public Request Ibsend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED, P2P), this);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_ISSEND}: completes once the receiver has matched the message. */
    public Request Issend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS, P2P), this);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_IRSEND}. */
    public Request Irsend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return Isend(buf, offset, count, datatype, dest, tag);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_IRECV}. */
    public Request Irecv(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        try
        {
            return new Request(startRecv(buf, offset, count, datatype, source, tag, P2P), this);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- persistent

    /** Java binding of {@code MPI_SEND_INIT}. */
    public Prequest Send_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_BSEND_INIT}. */
    public Prequest Bsend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_SSEND_INIT}. */
    public Prequest Ssend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_RSEND_INIT}. */
    public Prequest Rsend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        try
        {
            return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_RECV_INIT}. */
    public Prequest Recv_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        try
        {
            checkRecvArguments(buf, offset, count, datatype, source, tag);
            return new Prequest(() -> startRecv(buf, offset, count, datatype, source, tag, P2P), this);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    private Prequest persistentSend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag, final SendMode mode)
    {
        checkSendArguments(buf, offset, count, datatype, dest, tag);
        return new Prequest(() -> startSend(buf, offset, count, datatype, dest, tag, mode, P2P), this);
    }

    // ---------------------------------------------------------------- pack

    /**
     * Java binding of {@code MPI_PACK_SIZE}: the bytes that {@link #Pack} writes for {@code incount} items of
     * {@code datatype} (derived or not), which is also what a buffered send of them takes in the space attached with
     * {@link MPI#Buffer_attach} (plus {@link MPI#BSEND_OVERHEAD}).
     *
     * @throws MPIException ERR_COUNT for a negative count, ERR_TYPE for a null datatype or one of {@code MPI.OBJECT}
     * (serialized objects have no size known in advance).
     */
    public int Pack_size(final int incount, final Datatype datatype)
    {
        try
        {
            checkUsable();
            checkDatatype(datatype);
            if (incount < 0)
            {
                throw new MPIException(MPI.ERR_COUNT, "incount " + incount + " is negative");
            }
            if (datatype.isObject())
            {
                throw new MPIException(MPI.ERR_TYPE, "Pack_size of MPI.OBJECT: serialized objects have no size known "
                    + "in advance");
            }
            final long bytes = datatype.packedBytes(incount);
            if (bytes > Integer.MAX_VALUE)
            {
                throw new MPIException(MPI.ERR_COUNT, incount + " items take " + bytes + " bytes, beyond an int");
            }
            return (int)bytes;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_PACK} (the specification's {@code byte[]} form): packs {@code incount} items of
     * {@code inbuf} into {@code outbuf} from byte {@code position}; {@link #Unpack} with the same types, in the same
     * order, reads them back, here or on a rank that receives {@code outbuf} as {@code MPI.PACKED}.
     *
     * @return the position after the packed data (at most {@link #Pack_size} bytes further).
     * @throws MPIException ERR_TRUNCATE when the data does not fit in {@code outbuf} from {@code position}, ERR_ARG for
     * a position outside {@code outbuf}, and the errors of a send for {@code inbuf}, {@code offset}, {@code incount}.
     */
    public int Pack(final Object inbuf, final int offset, final int incount, final Datatype datatype,
        final byte[] outbuf, final int position)
    {
        try
        {
            checkUsable();
            return Packer.pack(inbuf, offset, incount, checkDatatype(datatype), PackedRegion.of(outbuf, "outbuf"),
                position);
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * MPJ Express's form of {@link #Pack(Object, int, int, Datatype, byte[], int)}: packs into the static region of
     * {@code outbuf} and sets its size to the returned position.
     */
    public int Pack(final Object inbuf, final int offset, final int incount, final Datatype datatype,
        final mpjbuf.Buffer outbuf, final int position)
    {
        try
        {
            checkUsable();
            final int end = Packer.pack(inbuf, offset, incount, checkDatatype(datatype),
                PackedRegion.of(outbuf, "outbuf"), position);
            outbuf.setSize(end);
            return end;
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /**
     * Java binding of {@code MPI_UNPACK} (the specification's {@code byte[]} form): unpacks {@code outcount} items
     * of {@code datatype} from {@code inbuf} at byte {@code position} into {@code outbuf}.
     *
     * @return the position after the unpacked data.
     * @throws MPIException ERR_TRUNCATE when {@code inbuf} ends before {@code outcount} items, ERR_ARG for a position
     * outside {@code inbuf}, and the errors of a receive for {@code outbuf}, {@code offset}, {@code outcount}.
     */
    public int Unpack(final byte[] inbuf, final int position, final Object outbuf, final int offset,
        final int outcount, final Datatype datatype)
    {
        try
        {
            checkUsable();
            return Packer.unpack(PackedRegion.of(inbuf, "inbuf"), position, outbuf, offset, outcount,
                checkDatatype(datatype));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** MPJ Express's form of {@link #Unpack(byte[], int, Object, int, int, Datatype)}: reads its static region. */
    public int Unpack(final mpjbuf.Buffer inbuf, final int position, final Object outbuf, final int offset,
        final int outcount, final Datatype datatype)
    {
        try
        {
            checkUsable();
            return Packer.unpack(PackedRegion.of(inbuf, "inbuf"), position, outbuf, offset, outcount,
                checkDatatype(datatype));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- probe

    /** Java binding of {@code MPI_PROBE}: blocks until a matching message is pending. */
    public Status Probe(final int source, final int tag)
    {
        try
        {
            checkSource(source);
            checkRecvTag(tag);
            if (source == MPI.PROC_NULL)
            {
                return Status.procNull();
            }
            return toStatus(MPI.pml().probe(matchInfo(P2P, source, tag), mask(source, tag)));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    /** Java binding of {@code MPI_IPROBE}: the status of a pending matching message, or null if there is none. */
    public Status Iprobe(final int source, final int tag)
    {
        try
        {
            checkSource(source);
            checkRecvTag(tag);
            if (source == MPI.PROC_NULL)
            {
                return Status.procNull();
            }
            return toStatus(MPI.pml().iprobe(matchInfo(P2P, source, tag), mask(source, tag)));
        }
        catch (final MPIException e)
        {
            throw failed(e);
        }
    }

    private static Status toStatus(final xen2mx.btl.BtlStatus btl)
    {
        return btl == null ? null
            : new Status(MatchInfo.source(btl.matchInfo()), MatchInfo.tag(btl.matchInfo()), btl.messageLength());
    }

    // ---------------------------------------------------------------- internals shared with collectives

    /** How a send completes. */
    enum SendMode
    {
        /** Completes when the buffer may be reused. */
        STANDARD,
        /** Completes when matched. */
        SYNCHRONOUS,
        /** Copies into attached buffer space and completes at once. */
        BUFFERED,
        /** Copies the data first so the buffer may be overwritten immediately (Sendrecv_replace). */
        COPIED
    }

    /** Starts a send of {@code count} items to communicator rank {@code dest} on context {@code kind}. */
    Operation startSend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag, final SendMode mode, final int kind)
    {
        final Pml pml = MPI.pml();
        checkSendArguments(buf, offset, count, datatype, dest, tag);
        if (dest == MPI.PROC_NULL)
        {
            return Operation.done(Status.procNull());
        }
        final int worldDest = remote.worldRank(dest);
        final boolean synchronous = mode == SendMode.SYNCHRONOUS;
        final long matchInfo = MatchInfo.encode(contextBase + kind, myRank, tag);
        if (datatype.isObject())
        {
            final byte[] payload = ObjectCodec.serialize((Object[])buf, offset, count, datatype);
            final ByteBuffer header = ObjectRecvOperation.newHeader();
            header.putInt(0, payload.length).putInt(4, count * datatype.Size());
            final long reserved = reserveBuffered(mode, payload.length + ObjectRecvOperation.HEADER_BYTES);
            final BtlRequest first = pml.isend(worldDest, matchInfo, header, synchronous);
            final BtlRequest second = pml.isend(worldDest,
                MatchInfo.encode(contextBase + kind + OBJECT_PAYLOAD, myRank, tag), ByteBuffer.wrap(payload), false);
            return buffered(mode, new SendOperation(first, second, dest), reserved);
        }
        final ByteBuffer payload;
        long reserved = 0;
        if (datatype.base == BaseType.BYTE && datatype.isContiguous() && mode != SendMode.BUFFERED
            && mode != SendMode.COPIED && buf != null)
        {
            payload = ByteBuffer.wrap((byte[])buf, offset, count * datatype.Size());
        }
        else
        {
            final long bytes = datatype.packedBytes(count);
            checkMessageSize(bytes);
            reserved = reserveBuffered(mode, bytes);
            payload = ByteBuffer.allocate((int)bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes > 0)
            {
                datatype.pack(buf, offset, count, payload);
            }
            payload.flip();
        }
        return buffered(mode, new SendOperation(pml.isend(worldDest, matchInfo, payload, synchronous), null, dest),
            reserved);
    }

    /** @return bytes reserved in the attached buffer for a buffered send, else 0. */
    private static long reserveBuffered(final SendMode mode, final long bytes)
    {
        return mode == SendMode.BUFFERED ? MPI.bsendBuffer().reserve(bytes) : 0;
    }

    /** A buffered send is complete for the caller at once; the attached buffer space tracks the real send. */
    private static Operation buffered(final SendMode mode, final SendOperation send, final long reserved)
    {
        if (mode != SendMode.BUFFERED)
        {
            return send;
        }
        MPI.bsendBuffer().track(send, reserved);
        return Operation.done(Status.empty());
    }

    /** Starts a receive from communicator rank {@code source} (or ANY_SOURCE) on context {@code kind}. */
    Operation startRecv(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag, final int kind)
    {
        final Pml pml = MPI.pml();
        checkRecvArguments(buf, offset, count, datatype, source, tag);
        if (source == MPI.PROC_NULL)
        {
            return Operation.done(Status.procNull());
        }
        final long matchInfo = matchInfo(kind, source, tag);
        final long mask = mask(source, tag);
        if (datatype.isObject())
        {
            final ByteBuffer header = ObjectRecvOperation.newHeader();
            return new ObjectRecvOperation(pml.irecv(matchInfo, mask, header), header,
                contextBase + kind + OBJECT_PAYLOAD, (Object[])buf, offset, count, datatype);
        }
        if (datatype.base == BaseType.BYTE && datatype.isContiguous() && buf != null)
        {
            final ByteBuffer destination = ByteBuffer.wrap((byte[])buf, offset, count * datatype.Size()).slice();
            return new RecvOperation(pml.irecv(matchInfo, mask, destination), null, buf, offset, count, datatype);
        }
        final long bytes = datatype.packedBytes(count);
        checkMessageSize(bytes);
        final ByteBuffer staging = ByteBuffer.allocate((int)bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new RecvOperation(pml.irecv(matchInfo, mask, staging), staging, buf, offset, count, datatype);
    }

    private long matchInfo(final int kind, final int source, final int tag)
    {
        return MatchInfo.encode(contextBase + kind, source == MPI.ANY_SOURCE ? 0 : source,
            tag == MPI.ANY_TAG ? 0 : tag);
    }

    private static long mask(final int source, final int tag)
    {
        return MatchInfo.mask(source == MPI.ANY_SOURCE, tag == MPI.ANY_TAG);
    }

    private static void checkMessageSize(final long bytes)
    {
        if (bytes > Integer.MAX_VALUE - 16)
        {
            throw new MPIException(MPI.ERR_COUNT, "message of " + bytes + " bytes exceeds the 2 GiB limit");
        }
    }

    void checkSendArguments(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        checkUsable();
        checkDatatype(datatype).checkBuffer(buf, offset, count);
        if (dest != MPI.PROC_NULL && (dest < 0 || dest >= remote.Size()))
        {
            throw new MPIException(MPI.ERR_RANK, "dest " + dest + " is out of range: the communicator has "
                + remote.Size() + " rank(s) (0.." + (remote.Size() - 1) + " or MPI.PROC_NULL)");
        }
        if (tag < 0 || tag > MatchInfo.TAG_UB)
        {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " is invalid: send tags are 0.." + MatchInfo.TAG_UB);
        }
    }

    void checkRecvArguments(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        checkUsable();
        checkDatatype(datatype).checkBuffer(buf, offset, count);
        checkSource(source);
        checkRecvTag(tag);
    }

    private void checkSource(final int source)
    {
        checkUsable();
        if (source != MPI.ANY_SOURCE && source != MPI.PROC_NULL && (source < 0 || source >= remote.Size()))
        {
            throw new MPIException(MPI.ERR_RANK, "source " + source + " is out of range: the communicator has "
                + remote.Size() + " rank(s) (0.." + (remote.Size() - 1) + ", MPI.ANY_SOURCE or MPI.PROC_NULL)");
        }
    }

    private static void checkRecvTag(final int tag)
    {
        if (tag != MPI.ANY_TAG && (tag < 0 || tag > MatchInfo.TAG_UB))
        {
            throw new MPIException(MPI.ERR_TAG, "tag " + tag + " is invalid: receive tags are 0.." + MatchInfo.TAG_UB
                + " or MPI.ANY_TAG");
        }
    }

    private static Datatype checkDatatype(final Datatype datatype)
    {
        if (datatype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype is null");
        }
        return datatype;
    }

    void checkUsable()
    {
        MPI.pml();
        if (group == null)
        {
            throw new MPIException(MPI.ERR_COMM, "communicator is MPI.COMM_NULL");
        }
        if (freed)
        {
            throw new MPIException(MPI.ERR_COMM, "communicator has been freed (" + describe() + ")");
        }
        if (contextPool != ContextAgreement.currentPool())
        {
            throw new MPIException(MPI.ERR_COMM, "communicator belongs to an MPI session that was finalized");
        }
    }
}
