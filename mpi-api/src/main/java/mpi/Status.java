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
     * Java binding of {@code MPI_GET_COUNT}: the number of whole items of {@code datatype} (derived or not) that the
     * message fills.
     *
     * @return the number of items, or {@link MPI#UNDEFINED} when the message is not a whole number of items (or, for
     * OBJECT, when the message was only probed).
     * @throws MPIException ERR_TYPE for a null datatype.
     */
    public int Get_count(final Datatype datatype)
    {
        checkDatatype(datatype);
        if (datatype.isObject())
        {
            return objectCount < 0 ? MPI.UNDEFINED : wholeItems(objectCount, datatype.Size());
        }
        return wholeItems(byteCount, (long)datatype.Size() * datatype.base.bytes);
    }

    /**
     * Java binding of {@code MPI_GET_ELEMENTS}: the number of base elements received, counting those of a last
     * partial item of a derived type.
     *
     * @return the number of base elements, or {@link MPI#UNDEFINED} when the bytes are not a whole number of them.
     * @throws MPIException ERR_TYPE for a null datatype.
     */
    public int Get_elements(final Datatype datatype)
    {
        checkDatatype(datatype);
        if (datatype.isObject())
        {
            return objectCount < 0 ? MPI.UNDEFINED : objectCount;
        }
        return wholeItems(byteCount, datatype.base.bytes);
    }

    private static void checkDatatype(final Datatype datatype)
    {
        if (datatype == null)
        {
            throw new MPIException(MPI.ERR_TYPE, "datatype is null");
        }
    }

    /**
     * @return {@code amount / unit} if whole and within an int, else UNDEFINED; 0 for a zero unit (MPI: a datatype of
     * size zero counts zero items).
     */
    private static int wholeItems(final long amount, final long unit)
    {
        if (unit == 0)
        {
            return 0;
        }
        if (amount % unit != 0 || amount / unit > Integer.MAX_VALUE)
        {
            return MPI.UNDEFINED;
        }
        return (int)(amount / unit);
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
