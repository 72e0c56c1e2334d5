package mpi;

import java.lang.reflect.Array;

/** The predefined datatype of each Java element type, and arrays of a base type. */
final class ElementTypes
{
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
        final Class<?> component = array.getClass().getComponentType();
        if (!component.isPrimitive())
        {
            return MPI.OBJECT;
        }
        for (final BaseType base : BaseType.values())
        {
            if (base.arrayClass != null && base.arrayClass.getComponentType() == component && base != BaseType.PACKED)
            {
                return of(base);
            }
        }
        throw new MPIException(MPI.ERR_TYPE, "no MPI datatype for arrays of " + component);
    }

    /** @return a new array of {@code length} elements of {@code base} */
    static Object newArray(final BaseType base, final int length)
    {
        return base == BaseType.OBJECT ? new Object[length]
            : Array.newInstance(base.arrayClass.getComponentType(), length);
    }
}
