package mpi;

import java.lang.reflect.Array;
import java.util.Map;

/** The predefined datatype of each Java element type, and arrays of a base type. */
final class ElementTypes
{
    private static final Map<Class<?>, Datatype> BY_COMPONENT = Map.of(byte.class, MPI.BYTE, char.class, MPI.CHAR,
        short.class, MPI.SHORT, boolean.class, MPI.BOOLEAN, int.class, MPI.INT, long.class, MPI.LONG, float.class,
        MPI.FLOAT, double.class, MPI.DOUBLE);

    private ElementTypes()
    {
    }

    /** @return the predefined one-element datatype of {@code base} */
    static Datatype of(final BaseType base)
    {
        return switch (base)
        {
            case BYTE -> MPI.BYTE;
            case CHAR -> MPI.CHAR;
            case SHORT -> MPI.SHORT;
            case BOOLEAN -> MPI.BOOLEAN;
            case INT -> MPI.INT;
            case LONG -> MPI.LONG;
            case FLOAT -> MPI.FLOAT;
            case DOUBLE -> MPI.DOUBLE;
            case PACKED -> MPI.PACKED;
            case OBJECT -> MPI.OBJECT;
            default -> throw new MPIException(MPI.ERR_TYPE, "datatype " + base.name() + " carries no data");
        };
    }

    /** @return the predefined datatype whose buffers are arrays like {@code array} ({@code Object[]}: OBJECT) */
    static Datatype ofArray(final Object array)
    {
        return BY_COMPONENT.getOrDefault(array.getClass().getComponentType(), MPI.OBJECT);
    }

    /** @return a new array of {@code length} elements of {@code base} */
    static Object newArray(final BaseType base, final int length)
    {
        return base == BaseType.OBJECT ? new Object[length]
            : Array.newInstance(base.arrayClass.getComponentType(), length);
    }
}
