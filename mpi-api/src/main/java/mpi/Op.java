package mpi;

import xen2mx.coll.Combiner;

/**
 * A reduction operation: one of the predefined ones ({@code MPI.SUM}, ...; see {@link PredefinedOps} for the
 * types each is defined on) or a {@link User_function}, commutative or not. Non-commutative operations are
 * applied in rank order: the result is {@code x0 op x1 op ... op x(n-1)}, grouped in any way.
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

    /** MPJ Express's form with an explicit operation code; the function, when given, is what runs. */
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

    /**
     * @return this operation on items of {@code type}, laid out as packed runs of {@code type.Size()} elements
     * @throws MPIException ERR_OP for a predefined operation MPI does not define on the type
     */
    Combiner combiner(final Datatype type)
    {
        if (function != null)
        {
            return new UserCombiner(function, commute, type);
        }
        final ReductionKernel kernel = PredefinedOps.kernel(opCode, type);
        final int unit = type.Size();
        return new Combiner()
        {
            @Override
            public void combine(final Object in, final int inOffset, final Object inout, final int inoutOffset,
                final int items)
            {
                kernel.apply(in, inOffset, inout, inoutOffset, items * unit);
            }

            @Override
            public boolean commutative()
            {
                return true;
            }

            @Override
            public int unit()
            {
                return unit;
            }
        };
    }

    @Override
    public String toString()
    {
        return function != null ? "user Op(" + function.getClass().getName() + ")" : PredefinedOps.name(opCode);
    }

    /**
     * A user function on packed items: called with the user's datatype when it is contiguous, else with a contiguous
     * type of as many elements (the layout the items have once packed).
     */
    private static final class UserCombiner implements Combiner
    {
        private final User_function function;
        private final boolean commutative;
        private final Datatype packedType;

        UserCombiner(final User_function function, final boolean commutative, final Datatype type)
        {
            this.function = function;
            this.commutative = commutative;
            this.packedType = type.isContiguous() ? type : Datatype.Contiguous(type.Size(), ElementTypes.of(type.base));
        }

        @Override
        public void combine(final Object in, final int inOffset, final Object inout, final int inoutOffset,
            final int items)
        {
            function.Call(in, inOffset, inout, inoutOffset, items, packedType);
        }

        @Override
        public boolean commutative()
        {
            return commutative;
        }

        @Override
        public int unit()
        {
            return packedType.Size();
        }
    }
}
