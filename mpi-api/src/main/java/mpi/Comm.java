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
 * counts are in elements. Every argument is checked and a wrong one raises {@link MPIException} naming it.
 *
 * <p>Each communicator owns {@value #CONTEXTS_PER_COMM} consecutive context ids (see {@link MatchInfo}):
 * point-to-point, collective, and the OBJECT payloads of each, so that the traffic of one never matches the other.
 */
public class Comm
{
    static final int CONTEXTS_PER_COMM = 4;
    static final int P2P = 0;
    static final int COLLECTIVE = 1;
    private static final int OBJECT_PAYLOAD = 2;

    final Group group;
    final int contextBase;
    final int myRank;
    private Errhandler errhandler;

    Comm(final Group group, final int contextBase)
    {
        this.group = group;
        this.contextBase = contextBase;
        this.myRank = group == null ? MPI.UNDEFINED : group.Rank();
        this.errhandler = MPI.ERRORS_ARE_FATAL;
    }

    /** @return this process's rank in the communicator. */
    public int Rank()
    {
        checkUsable();
        return myRank;
    }

    /** @return the number of processes in the communicator. */
    public int Size()
    {
        checkUsable();
        return group.Size();
    }

    /** @return the communicator's group. */
    public Group Group()
    {
        checkUsable();
        return group;
    }

    /** @return true only for {@code MPI.COMM_NULL}. */
    public boolean Is_null()
    {
        return group == null;
    }

    /** @return false: inter-communicators come with the full communicator API. */
    public boolean Test_inter()
    {
        checkUsable();
        return false;
    }

    /** @return {@link MPI#UNDEFINED}: no topology on a plain communicator. */
    public int Topo_test()
    {
        checkUsable();
        return MPI.UNDEFINED;
    }

    /**
     * Java binding of {@code MPI_ATTR_GET} for the predefined keys.
     *
     * @return {@code Integer} value of {@code MPI.TAG_UB}, {@code MPI.HOST} ({@code PROC_NULL}: no host rank) or
     * {@code MPI.IO} (every rank can do I/O, so the caller's rank); null for an unknown key.
     */
    public Object Attr_get(final int keyval)
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

    /** Sets the error handler of this communicator. */
    public void Errhandler_set(final Errhandler handler)
    {
        checkUsable();
        if (handler == null)
        {
            throw new MPIException(MPI.ERR_ARG, "errhandler is null");
        }
        this.errhandler = handler;
    }

    /** @return the error handler of this communicator. */
    public Errhandler Errhandler_get()
    {
        checkUsable();
        return errhandler;
    }

    /** Java binding of {@code MPI_ABORT}: ends every process of the job with {@code errorcode}. */
    public void Abort(final int errorcode)
    {
        MPI.abort(errorcode, "MPI_ABORT was invoked on rank " + MPI.worldRank() + " with errorcode " + errorcode);
    }

    // ---------------------------------------------------------------- blocking point-to-point

    /** Java binding of {@code MPI_SEND}. */
    public void Send(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        startSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD, P2P).await();
    }

    /** Java binding of {@code MPI_SSEND}: returns once the receiver has matched the message. */
    public void Ssend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        startSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS, P2P).await();
    }

    /** Java binding of {@code MPI_BSEND}: copies into the attached buffer space and returns at once. */
    public void Bsend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        startSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED, P2P);
    }

    /** Java binding of {@code MPI_RSEND} (a standard send: correct whether or not the receive is posted). */
    public void Rsend(final Object buf, final int offset, final int count, final Datatype datatype, final int dest,
        final int tag)
    {
        Send(buf, offset, count, datatype, dest, tag);
    }

    /** Java binding of {@code MPI_RECV}. */
    public Status Recv(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        return startRecv(buf, offset, count, datatype, source, tag, P2P).await();
    }

    /** Java binding of {@code MPI_SENDRECV}. */
    public Status Sendrecv(final Object sendbuf, final int sendoffset, final int sendcount, final Datatype sendtype,
        final int dest, final int sendtag, final Object recvbuf, final int recvoffset, final int recvcount,
        final Datatype recvtype, final int source, final int recvtag)
    {
        final Operation recv = startRecv(recvbuf, recvoffset, recvcount, recvtype, source, recvtag, P2P);
        startSend(sendbuf, sendoffset, sendcount, sendtype, dest, sendtag, SendMode.STANDARD, P2P).await();
        return recv.await();
    }

    /** Java binding of {@code MPI_SENDRECV_REPLACE}: the outgoing data is copied before the incoming lands. */
    public Status Sendrecv_replace(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int sendtag, final int source, final int recvtag)
    {
        final Operation send = startSend(buf, offset, count, datatype, dest, sendtag, SendMode.COPIED, P2P);
        final Operation recv = startRecv(buf, offset, count, datatype, source, recvtag, P2P);
        send.await();
        return recv.await();
    }

    // ---------------------------------------------------------------- non-blocking point-to-point

    /** Java binding of {@code MPI_ISEND}. */
    public Request Isend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD, P2P));
    }

    /** Java binding of {@code MPI_IBSEND}. */
    public Request Ibsend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED, P2P));
    }

    /** Java binding of {@code MPI_ISSEND}: completes once the receiver has matched the message. */
    public Request Issend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return new Request(startSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS, P2P));
    }

    /** Java binding of {@code MPI_IRSEND}. */
    public Request Irsend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return Isend(buf, offset, count, datatype, dest, tag);
    }

    /** Java binding of {@code MPI_IRECV}. */
    public Request Irecv(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        return new Request(startRecv(buf, offset, count, datatype, source, tag, P2P));
    }

    // ---------------------------------------------------------------- persistent

    /** Java binding of {@code MPI_SEND_INIT}. */
    public Prequest Send_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD);
    }

    /** Java binding of {@code MPI_BSEND_INIT}. */
    public Prequest Bsend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.BUFFERED);
    }

    /** Java binding of {@code MPI_SSEND_INIT}. */
    public Prequest Ssend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.SYNCHRONOUS);
    }

    /** Java binding of {@code MPI_RSEND_INIT}. */
    public Prequest Rsend_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag)
    {
        return persistentSend(buf, offset, count, datatype, dest, tag, SendMode.STANDARD);
    }

    /** Java binding of {@code MPI_RECV_INIT}. */
    public Prequest Recv_init(final Object buf, final int offset, final int count, final Datatype datatype,
        final int source, final int tag)
    {
        checkRecvArguments(buf, offset, count, datatype, source, tag);
        return new Prequest(() -> startRecv(buf, offset, count, datatype, source, tag, P2P));
    }

    private Prequest persistentSend(final Object buf, final int offset, final int count, final Datatype datatype,
        final int dest, final int tag, final SendMode mode)
    {
        checkSendArguments(buf, offset, count, datatype, dest, tag);
        return new Prequest(() -> startSend(buf, offset, count, datatype, dest, tag, mode, P2P));
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
        checkUsable();
        return Packer.pack(inbuf, offset, incount, checkDatatype(datatype), PackedRegion.of(outbuf, "outbuf"),
            position);
    }

    /**
     * MPJ Express's form of {@link #Pack(Object, int, int, Datatype, byte[], int)}: packs into the static region of
     * {@code outbuf} and sets its size to the returned position.
     */
    public int Pack(final Object inbuf, final int offset, final int incount, final Datatype datatype,
        final mpjbuf.Buffer outbuf, final int position)
    {
        checkUsable();
        final int end = Packer.pack(inbuf, offset, incount, checkDatatype(datatype), PackedRegion.of(outbuf, "outbuf"),
            position);
        outbuf.setSize(end);
        return end;
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
        checkUsable();
        return Packer.unpack(PackedRegion.of(inbuf, "inbuf"), position, outbuf, offset, outcount,
            checkDatatype(datatype));
    }

    /** MPJ Express's form of {@link #Unpack(byte[], int, Object, int, int, Datatype)}: reads its static region. */
    public int Unpack(final mpjbuf.Buffer inbuf, final int position, final Object outbuf, final int offset,
        final int outcount, final Datatype datatype)
    {
        checkUsable();
        return Packer.unpack(PackedRegion.of(inbuf, "inbuf"), position, outbuf, offset, outcount,
            checkDatatype(datatype));
    }

    // ---------------------------------------------------------------- probe

    /** Java binding of {@code MPI_PROBE}: blocks until a matching message is pending. */
    public Status Probe(final int source, final int tag)
    {
        checkSource(source);
        checkRecvTag(tag);
        if (source == MPI.PROC_NULL)
        {
            return Status.procNull();
        }
        return toStatus(MPI.pml().probe(matchInfo(P2P, source, tag), mask(source, tag)));
    }

    /** Java binding of {@code MPI_IPROBE}: the status of a pending matching message, or null if there is none. */
    public Status Iprobe(final int source, final int tag)
    {
        checkSource(source);
        checkRecvTag(tag);
        if (source == MPI.PROC_NULL)
        {
            return Status.procNull();
        }
        return toStatus(MPI.pml().iprobe(matchInfo(P2P, source, tag), mask(source, tag)));
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
        final int worldDest = group.worldRank(dest);
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
        if (dest != MPI.PROC_NULL && (dest < 0 || dest >= group.Size()))
        {
            throw new MPIException(MPI.ERR_RANK, "dest " + dest + " is out of range: the communicator has "
                + group.Size() + " rank(s) (0.." + (group.Size() - 1) + " or MPI.PROC_NULL)");
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
        if (source != MPI.ANY_SOURCE && source != MPI.PROC_NULL && (source < 0 || source >= group.Size()))
        {
            throw new MPIException(MPI.ERR_RANK, "source " + source + " is out of range: the communicator has "
                + group.Size() + " rank(s) (0.." + (group.Size() - 1) + ", MPI.ANY_SOURCE or MPI.PROC_NULL)");
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
    }
}
