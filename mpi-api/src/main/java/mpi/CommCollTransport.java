package mpi;

import xen2mx.coll.CollTransport;

/**
 * The collective algorithms' transport over a communicator: standard-mode sends and receives on its collective
 * context, each message typed by its array (packed, or serialized for {@code Object[]}).
 */
final class CommCollTransport implements CollTransport
{
    private final Comm comm;

    CommCollTransport(final Comm comm)
    {
        this.comm = comm;
    }

    @Override
    public int rank()
    {
        return comm.myRank;
    }

    @Override
    public int size()
    {
        return comm.group.Size();
    }

    @Override
    public Pending send(final int dest, final int tag, final Object array, final int offset, final int count)
    {
        final Operation operation = comm.startSend(array, offset, count, typeOf(array), dest, tag,
            Comm.SendMode.STANDARD, Comm.COLLECTIVE);
        return operation::await;
    }

    @Override
    public Pending recv(final int source, final int tag, final Object array, final int offset, final int count)
    {
        final Operation operation = comm.startRecv(array, offset, count, typeOf(array), source, tag,
            Comm.COLLECTIVE);
        return operation::await;
    }

    /** Objects are serialized and read back, as a message carries them; primitives are copied. */
    @Override
    public Object duplicate(final Object array, final int offset, final int count)
    {
        if (!(array instanceof Object[] objects))
        {
            return CollTransport.super.duplicate(array, offset, count);
        }
        final Object[] copy = new Object[count];
        final byte[] bytes = ObjectCodec.serialize(objects, offset, count, MPI.OBJECT);
        ObjectCodec.deserialize(bytes, bytes.length, copy, 0, count, MPI.OBJECT);
        return copy;
    }

    private static Datatype typeOf(final Object array)
    {
        return array == null ? MPI.BYTE : ElementTypes.ofArray(array);
    }
}
