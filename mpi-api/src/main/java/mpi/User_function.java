package mpi;

/** A user-defined reduction: combines {@code invec} into {@code inoutvec}, element by element. */
public abstract class User_function
{
    /**
     * @param invec       input array.
     * @param inoffset    first element of the input.
     * @param inoutvec    input and result array.
     * @param inoutoffset first element of the input and result.
     * @param count       number of items of {@code datatype}.
     * @param datatype    the type of the items.
     */
    public abstract void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count,
        Datatype datatype);
}
