package xen2mx.coll;

import java.lang.reflect.Array;

/** Scratch arrays of the element type of a user buffer, and copies between them. */
final class ElementArrays
{
    private ElementArrays()
    {
    }

    /**
     * @return a new array of {@code length} elements of {@code like}'s primitive type, or {@code Object[]}; null
     * for no elements like a null buffer (which MPI allows where nothing is sent or received)
     */
    static Object newLike(final Object like, final int length)
    {
        if (like == null)
        {
            if (length == 0)
            {
                return null;
            }
            throw new IllegalArgumentException("a null buffer cannot hold " + length + " elements");
        }
        final Class<?> component = like.getClass().getComponentType();
        return component.isPrimitive() ? Array.newInstance(component, length) : new Object[length];
    }

    /** Copies {@code count} elements; the arrays are of the same element type. */
    static void copy(final Object from, final int fromOffset, final Object to, final int toOffset, final int count)
    {
        if (count > 0)
        {
            System.arraycopy(from, fromOffset, to, toOffset, count);
        }
    }

    /** @return a fresh array holding {@code count} elements of {@code from} starting at {@code offset} */
    static Object copyOf(final Object from, final int offset, final int count)
    {
        final Object copy = newLike(from, count);
        copy(from, offset, copy, 0, count);
        return copy;
    }
}
