package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.pml.MatchInfo;

/**
 * A receive of an {@code MPI.OBJECT} message, in two steps: the header (matched like any receive, wildcards
 * included) gives the serialized length; the payload then follows on the communicator's object context with the
 * exact source and tag, so no other receive can take it.
 *
 * <pre>
 * header:  +--------------------------+------------------------+
 *          | payload bytes (int32 LE) | object count (int32 LE) |
 *          +--------------------------+------------------------+
 * </pre>
 */
final class ObjectRecvOperation extends Operation
{
    static final int HEADER_BYTES = 8;

    private final BtlRequest header;
    private final ByteBuffer headerBytes;
    private final int payloadContext;
    private final Object[] buf;
    private final int offset;
    private final int count;
    private final Datatype type;
    private BtlRequest payload;
    private byte[] payloadBytes;
    private Status status;

    ObjectRecvOperation(final BtlRequest header, final ByteBuffer headerBytes, final int payloadContext,
        final Object[] buf, final int offset, final int count, final Datatype type)
    {
        this.header = header;
        this.headerBytes = headerBytes;
        this.payloadContext = payloadContext;
        this.buf = buf;
        this.offset = offset;
        this.count = count;
        this.type = type;
    }

    static ByteBuffer newHeader()
    {
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    boolean poll()
    {
        if (status != null)
        {
            return true;
        }
        if (payload == null)
        {
            if (!header.isComplete())
            {
                return false;
            }
            final BtlStatus btl = header.status();
            if (btl.code() == BtlStatus.CANCELLED)
            {
                status = Status.cancelledStatus();
                return true;
            }
            if (btl.code() != BtlStatus.SUCCESS || btl.messageLength() != HEADER_BYTES)
            {
                throw new MPIException(MPI.ERR_TYPE, "receive of MPI.OBJECT matched a message of "
                    + btl.messageLength() + " bytes that is not an OBJECT message (from rank "
                    + MatchInfo.source(btl.matchInfo()) + ", tag " + MatchInfo.tag(btl.matchInfo()) + ")");
            }
            final int length = headerBytes.getInt(0);
            final int objects = headerBytes.getInt(4);
            if (objects > (long)count * type.Size())
            {
                throw new MPIException(MPI.ERR_TRUNCATE, "message of " + objects + " objects from rank "
                    + MatchInfo.source(btl.matchInfo()) + " truncated: the receive buffer holds "
                    + (long)count * type.Size());
            }
            payloadBytes = new byte[length];
            final long exact = MatchInfo.encode(payloadContext, MatchInfo.source(btl.matchInfo()),
                MatchInfo.tag(btl.matchInfo()));
            payload = MPI.pml().irecv(exact, MatchInfo.EXACT_MASK, ByteBuffer.wrap(payloadBytes));
        }
        if (!payload.isComplete())
        {
            return false;
        }
        final BtlStatus btl = payload.status();
        if (btl.code() != BtlStatus.SUCCESS)
        {
            throw new MPIException(MPI.ERR_OTHER, "receive of MPI.OBJECT payload failed: " + btl.errorMessage());
        }
        final int objects = ObjectCodec.deserialize(payloadBytes, payloadBytes.length, buf, offset, count, type);
        status = new Status(MatchInfo.source(btl.matchInfo()), MatchInfo.tag(btl.matchInfo()), payloadBytes.length);
        status.objectCount = objects;
        return true;
    }

    @Override
    Status status()
    {
        return status;
    }

    @Override
    boolean cancel()
    {
        return payload == null && MPI.pml().cancel(header);
    }
}
