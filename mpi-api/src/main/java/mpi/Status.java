package mpi;

/**
 * The envelope of a received or probed message. Public fields as in mpiJava 1.2: {@code source} and {@code tag}
 * (ranks and tags of the communicator) and {@code index} (set by the {@code Request.Wait/Test*} array forms).
 */
public class Status
{
    public int source;
    public int tag;
    public int index;

    /** Bytes of the message as sent (for OBJECT: bytes of its serialized form). */
    long byteCount;
    /** Number of objects for OBJECT messages once received, else -1. */
    int objectCount = -1;
    boolean cancelled;

    Status(final int source, final int tag, final long byteCount)
    {
        this.source = source;
        this.tag = tag;
        this.byteCount = byteCount;
        this.index = MPI.UNDEFINED;
    }

    /** The status of an operation that moved nothing (PROC_NULL, or an empty status). */
    static Status empty()
    {
        return new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0);
    }

    static Status procNull()
    {
        return new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0);
    }

    static Status cancelledStatus()
    {
        final Status status = empty();
        status.cancelled = true;
        return status;
    }

    /**
     * Java binding of {@code MPI_GET_COUNT}.
     *
     * @return the number of items of {@code datatype} received, or {@link MPI#UNDEFINED} when the message is not a
     * whole number of items (or, for OBJECT, when the message was only probed).
     */
    public int Get_count(final Datatype datatype)
    {
        if (datatype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype is null");
        }
        if (datatype.isObject())
        {
            return objectCount < 0 ? MPI.UNDEFINED : objectCount / Math.max(1, datatype.Size());
        }
        final int bytes = datatype.getByteSize();
        if (bytes == 0)
        {
            return byteCount == 0 ? 0 : MPI.UNDEFINED;
        }
        return byteCount % bytes == 0 ? (int)(byteCount / bytes) : MPI.UNDEFINED;
    }

    /**
     * Java binding of {@code MPI_GET_ELEMENTS}.
     *
     * @return the number of base elements received, or {@link MPI#UNDEFINED} when not a whole number.
     */
    public int Get_elements(final Datatype datatype)
    {
        if (datatype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype is null");
        }
        if (datatype.isObject())
        {
            return objectCount < 0 ? MPI.UNDEFINED : objectCount;
        }
        final int bytes = datatype.base.bytes;
        if (bytes == 0)
        {
            return byteCount == 0 ? 0 : MPI.UNDEFINED;
        }
        return byteCount % bytes == 0 ? (int)(byteCount / bytes) : MPI.UNDEFINED;
    }

    /** @return true if the request this status belongs to was cancelled. */
    public boolean Test_cancelled()
    {
        return cancelled;
    }

    /** No-op (MPJ Express extra). */
    public void free()
    {
        // a status holds no resources
    }

    @Override
    public String toString()
    {
        return "Status[source=" + source + ", tag=" + tag + ", index=" + index + ", bytes=" + byteCount
            + (cancelled ? ", cancelled" : "") + "]";
    }
}
