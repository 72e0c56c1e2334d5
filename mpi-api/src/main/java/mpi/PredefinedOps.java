package mpi;

import static mpi.ReductionKernel.booleans;
import static mpi.ReductionKernel.bytes;
import static mpi.ReductionKernel.chars;
import static mpi.ReductionKernel.doubles;
import static mpi.ReductionKernel.floats;
import static mpi.ReductionKernel.ints;
import static mpi.ReductionKernel.longs;
import static mpi.ReductionKernel.shorts;

/**
 * The predefined reduction operations and the types MPI defines them on (Java's integral types being BYTE, CHAR,
 * SHORT, INT and LONG):
 * <pre>
 *   MAX MIN SUM PROD      integral, FLOAT, DOUBLE
 *   LAND LOR LXOR         integral (0 is false, the result is 0 or 1), BOOLEAN
 *   BAND BOR BXOR         integral, BOOLEAN
 *   MAXLOC MINLOC         (value, index) pairs of SHORT, INT, LONG, FLOAT, DOUBLE: SHORT2 ... DOUBLE2
 * </pre>
 * Any other pairing, and every predefined operation on OBJECT, is refused with {@code MPI.ERR_OP}.
 */
final class PredefinedOps
{
    static final int MAX = 1;
    static final int MIN = 2;
    static final int SUM = 3;
    static final int PROD = 4;
    static final int LAND = 5;
    static final int BAND = 6;
    static final int LOR = 7;
    static final int BOR = 8;
    static final int LXOR = 9;
    static final int BXOR = 10;
    static final int MAXLOC = 11;
    static final int MINLOC = 12;

    private static final String[] NAMES = {"", "MPI.MAX", "MPI.MIN", "MPI.SUM", "MPI.PROD", "MPI.LAND", "MPI.BAND",
        "MPI.LOR", "MPI.BOR", "MPI.LXOR", "MPI.BXOR", "MPI.MAXLOC", "MPI.MINLOC"};

    private PredefinedOps()
    {
    }

    /** @return the name of operation {@code opCode}, e.g. {@code MPI.SUM} */
    static String name(final int opCode)
    {
        return opCode > 0 && opCode < NAMES.length ? NAMES[opCode] : "operation " + opCode;
    }

    /**
     * @return the kernel of operation {@code opCode} on {@code type}'s elements
     * @throws MPIException ERR_OP if MPI does not define the operation on the type
     */
    static ReductionKernel kernel(final int opCode, final Datatype type)
    {
        final ReductionKernel kernel = switch (opCode)
        {
            case MAX -> arithmetic(type.base, Math::max, Math::max, Math::max);
            case MIN -> arithmetic(type.base, Math::min, Math::min, Math::min);
            case SUM -> arithmetic(type.base, Integer::sum, Long::sum, Double::sum);
            case PROD -> arithmetic(type.base, (x, y) -> x * y, (x, y) -> x * y, (x, y) -> x * y);
            case LAND -> logical(type.base, (x, y) -> x && y);
            case LOR -> logical(type.base, (x, y) -> x || y);
            case LXOR -> logical(type.base, (x, y) -> x ^ y);
            case BAND -> bitwise(type.base, (x, y) -> x & y, (x, y) -> x & y, (x, y) -> x & y);
            case BOR -> bitwise(type.base, (x, y) -> x | y, (x, y) -> x | y, (x, y) -> x | y);
            case BXOR -> bitwise(type.base, (x, y) -> x ^ y, (x, y) -> x ^ y, (x, y) -> x ^ y);
            case MAXLOC, MINLOC -> type.Size() % 2 == 0 ? LocationKernels.of(type.base, opCode == MAXLOC) : null;
            default -> throw new MPIException(MPI.ERR_OP, "op has no function and no predefined code (opCode "
                + opCode + ")");
        };
        if (kernel == null)
        {
            throw new MPIException(MPI.ERR_OP, name(opCode) + " is not defined for datatype " + type
                + (opCode == MAXLOC || opCode == MINLOC ? " (it needs value-index pairs: MPI.SHORT2, MPI.INT2, "
                + "MPI.LONG2, MPI.FLOAT2 or MPI.DOUBLE2)" : ""));
        }
        return kernel;
    }

    private static ReductionKernel arithmetic(final BaseType base, final ReductionKernel.IntOp i,
        final ReductionKernel.LongOp l, final ReductionKernel.DoubleOp d)
    {
        return switch (base)
        {
            case FLOAT -> floats(d);
            case DOUBLE -> doubles(d);
            default -> integral(base, i, l);
        };
    }

    private static ReductionKernel bitwise(final BaseType base, final ReductionKernel.IntOp i,
        final ReductionKernel.LongOp l, final ReductionKernel.BooleanOp b)
    {
        return base == BaseType.BOOLEAN ? booleans(b) : integral(base, i, l);
    }

    private static ReductionKernel logical(final BaseType base, final ReductionKernel.BooleanOp b)
    {
        return base == BaseType.BOOLEAN ? booleans(b)
            : integral(base, (x, y) -> b.apply(x != 0, y != 0) ? 1 : 0, (x, y) -> b.apply(x != 0, y != 0) ? 1 : 0);
    }

    private static ReductionKernel integral(final BaseType base, final ReductionKernel.IntOp i,
        final ReductionKernel.LongOp l)
    {
        return switch (base)
        {
            case BYTE -> bytes(i);
            case CHAR -> chars(i);
            case SHORT -> shorts(i);
            case INT -> ints(i);
            case LONG -> longs(l);
            default -> null;
        };
    }
}
