package mpi;

import java.nio.ByteBuffer;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.pml.MatchInfo;

/**
 * A receive of a primitive-typed message: straight into the user's {@code byte[]} when the type is contiguous
 * bytes, else into a staging buffer that is unpacked into the user's array on completion.
 */
final class RecvOperation extends Operation
{
    private final BtlRequest request;
    private final ByteBuffer staging;
    private final Object buf;
    private final int offset;
    private final int count;
    private final Datatype type;
    private Status status;

    RecvOperation(final BtlRequest request, final ByteBuffer staging, final Object buf, final int offset,
        final int count, final Datatype type)
    {
        this.request = request;
        this.staging = staging;
        this.buf = buf;
        this.offset = offset;
        this.count = count;
        this.type = type;
    }

    @Override
    boolean poll()
    {
        if (status != null)
        {
            return true;
        }
        if (!request.isComplete())
        {
            return false;
        }
        status = finish(request.status(), staging, buf, offset, count, type);
        return true;
    }

    /** Turns a completed BTL receive into an MPI status, unpacking {@code staging} if there is one. */
    static Status finish(final BtlStatus btl, final ByteBuffer staging, final Object buf, final int offset,
        final int count, final Datatype type)
    {
        switch (btl.code())
        {
            case BtlStatus.CANCELLED:
                return Status.cancelledStatus();
            case BtlStatus.TRUNCATED:
                throw new MPIException(MPI.ERR_TRUNCATE, "message of " + btl.messageLength() + " bytes from rank "
                    + MatchInfo.source(btl.matchInfo()) + " (tag " + MatchInfo.tag(btl.matchInfo())
                    + ") truncated: the receive buffer holds " + count + " x " + type + " = "
                    + type.packedBytes(count) + " bytes");
            case BtlStatus.FAILED:
                throw new MPIException(MPI.ERR_OTHER, "receive failed: " + btl.errorMessage());
            default:
                break;
        }
        if (staging != null)
        {
            final ByteBuffer view = staging.duplicate().order(staging.order());
            view.limit(view.position() + (int)btl.transferLength());
            type.unpack(view, buf, offset, count);
        }
        return new Status(MatchInfo.source(btl.matchInfo()), MatchInfo.tag(btl.matchInfo()), btl.messageLength());
    }

    @Override
    Status status()
    {
        return status;
    }

    @Override
    boolean cancel()
    {
        return MPI.pml().cancel(request);
    }
}
