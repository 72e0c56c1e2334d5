package mpi;

/**
 * A reduction operation: one of the predefined ones ({@code MPI.SUM}, ...) or a {@link User_function}.
 */
public class Op
{
    /** The user's function, or null for a predefined operation. */
    final User_function function;
    final boolean commute;
    /** Code of a predefined operation (MPJ Express's {@code opCode}), or -1 for a user operation. */
    public final int opCode;

    /** Java binding of {@code MPI_OP_CREATE}. */
    public Op(final User_function function, final boolean commute)
    {
        this(function, commute, -1);
    }

    /** MPJ Express's form with an explicit operation code. */
    public Op(final User_function function, final boolean commute, final int opCode)
    {
        this.function = function;
        this.commute = commute;
        this.opCode = opCode;
    }

    /** A predefined operation. */
    Op(final int opCode)
    {
        this(null, true, opCode);
    }

    /** @return true if the operation is commutative. */
    public boolean isCommutative()
    {
        return commute;
    }

    /** No-op: operations hold no resources. */
    public void free()
    {
        // nothing to release
    }
}
