package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.LongBinaryOperator;

import org.junit.jupiter.api.Test;
import xen2mx.coll.Combiner;

/**
 * Every predefined operation on every type MPI defines it on, against arithmetic in {@code long} narrowed to the
 * type; the pairings MPI leaves undefined are refused with ERR_OP; user operations are called with the datatype.
 */
class PredefinedOpsTest
{
    private static final long[] IN = {5, -3, 0, 7, 100, 1, 0};
    private static final long[] INOUT = {2, 4, 0, -7, 27, 0, 9};
    private static final List<Datatype> INTEGRAL = List.of(MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.INT, MPI.LONG);

    private static Object array(final Datatype type, final long[] values)
    {
        final Object array = ElementTypes.newArray(type.base, values.length);
        for (int i = 0; i < values.length; i++)
        {
            switch (type.base)
            {
                case BYTE -> Array.setByte(array, i, (byte)values[i]);
                case CHAR -> Array.setChar(array, i, (char)Math.abs(values[i]));
                case SHORT -> Array.setShort(array, i, (short)values[i]);
                case INT -> Array.setInt(array, i, (int)values[i]);
                case LONG -> Array.setLong(array, i, values[i]);
                case FLOAT -> Array.setFloat(array, i, values[i]);
                case DOUBLE -> Array.setDouble(array, i, values[i]);
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return array;
    }

    private static long[] longs(final Object array)
    {
        final long[] values = new long[Array.getLength(array)];
        for (int i = 0; i < values.length; i++)
        {
            final Object v = Array.get(array, i);
            values[i] = v instanceof Character c ? c : ((Number)v).longValue();
        }
        return values;
    }

    /** @return {@code in op inout} element-wise through the predefined kernel, read back as longs */
    private static long[] apply(final Op op, final Datatype type, final long[] in, final long[] inout)
    {
        final Object x = array(type, in);
        final Object y = array(type, inout);
        final Combiner combiner = op.combiner(type);
        assertTrue(combiner.commutative());
        combiner.combine(x, 1, y, 1, in.length - 1);
        return longs(y);
    }

    /** @return the reference: {@code f} on the values as the type holds them, narrowed back to the type */
    private static long[] expected(final Datatype type, final LongBinaryOperator f)
    {
        final long[] x = longs(array(type, IN));
        final long[] y = longs(array(type, INOUT));
        for (int i = 1; i < y.length; i++)
        {
            y[i] = f.applyAsLong(x[i], y[i]);
        }
        return longs(array(type, y));
    }

    private static long bool(final boolean b)
    {
        return b ? 1 : 0;
    }

    @Test
    void shouldComputeArithmeticOpsOnEveryNumericType()
    {
        for (final Datatype type : List.of(MPI.BYTE, MPI.CHAR, MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE))
        {
            assertArrayEquals(expected(type, Long::sum), apply(MPI.SUM, type, IN, INOUT), "SUM " + type);
            assertArrayEquals(expected(type, (a, b) -> a * b), apply(MPI.PROD, type, IN, INOUT), "PROD " + type);
            assertArrayEquals(expected(type, Math::max), apply(MPI.MAX, type, IN, INOUT), "MAX " + type);
            assertArrayEquals(expected(type, Math::min), apply(MPI.MIN, type, IN, INOUT), "MIN " + type);
        }
    }

    @Test
    void shouldComputeLogicalAndBitwiseOpsOnEveryIntegralType()
    {
        for (final Datatype type : INTEGRAL)
        {
            assertArrayEquals(expected(type, (a, b) -> bool(a != 0 && b != 0)), apply(MPI.LAND, type, IN, INOUT));
            assertArrayEquals(expected(type, (a, b) -> bool(a != 0 || b != 0)), apply(MPI.LOR, type, IN, INOUT));
            assertArrayEquals(expected(type, (a, b) -> bool(a != 0 ^ b != 0)), apply(MPI.LXOR, type, IN, INOUT));
            assertArrayEquals(expected(type, (a, b) -> a & b), apply(MPI.BAND, type, IN, INOUT), "BAND " + type);
            assertArrayEquals(expected(type, (a, b) -> a | b), apply(MPI.BOR, type, IN, INOUT), "BOR " + type);
            assertArrayEquals(expected(type, (a, b) -> a ^ b), apply(MPI.BXOR, type, IN, INOUT), "BXOR " + type);
        }
    }

    @Test
    void shouldComputeLogicalAndBitwiseOpsOnBoolean()
    {
        final boolean[] in = {true, true, false, false};
        final Op[] ops = {MPI.LAND, MPI.LOR, MPI.LXOR, MPI.BAND, MPI.BOR, MPI.BXOR};
        final boolean[][] expected = {{true, false, false, false}, {true, true, true, false},
            {false, true, true, false}, {true, false, false, false}, {true, true, true, false},
            {false, true, true, false}};
        for (int o = 0; o < ops.length; o++)
        {
            final boolean[] inout = {true, false, true, false};
            ops[o].combiner(MPI.BOOLEAN).combine(in, 0, inout, 0, 4);
            assertArrayEquals(expected[o], inout, ops[o].toString());
        }
    }

    @Test
    void shouldKeepTheBetterValueAndOnTiesTheLowerIndexInMaxlocAndMinloc()
    {
        final long[] in = {3, 5, 7, 1, 2, 2, -4, 8};
        final long[] inout = {3, 4, 6, 0, 2, 9, -4, 8};
        for (final Datatype type : List.of(MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2))
        {
            final Datatype flat = ElementTypes.of(type.base);
            final Object x = array(flat, in);
            final Object max = array(flat, inout);
            MPI.MAXLOC.combiner(type).combine(x, 0, max, 0, 4);
            assertArrayEquals(new long[] {3, 4, 7, 1, 2, 2, -4, 8}, longs(max), "MAXLOC " + type);
            final Object min = array(flat, inout);
            MPI.MINLOC.combiner(type).combine(x, 0, min, 0, 4);
            assertArrayEquals(new long[] {3, 4, 6, 0, 2, 2, -4, 8}, longs(min), "MINLOC " + type);
        }
    }

    @Test
    void shouldRefuseOperationsOnTypesWhereMpiLeavesThemUndefined()
    {
        final Object[][] undefined = {{MPI.SUM, MPI.BOOLEAN}, {MPI.MAX, MPI.BOOLEAN}, {MPI.PROD, MPI.OBJECT},
            {MPI.LAND, MPI.DOUBLE}, {MPI.BAND, MPI.FLOAT}, {MPI.BXOR, MPI.OBJECT}, {MPI.MAXLOC, MPI.INT},
            {MPI.MINLOC, Datatype.Contiguous(2, MPI.BYTE)}, {MPI.MAXLOC, MPI.BOOLEAN}, {MPI.SUM, MPI.PACKED}};
        for (final Object[] pair : undefined)
        {
            final Op op = (Op)pair[0];
            final Datatype type = (Datatype)pair[1];
            final MPIException e = assertThrows(MPIException.class, () -> op.combiner(type), op + " " + type);
            assertEquals(MPI.ERR_OP, e.getErrorClass());
            assertTrue(e.getMessage().contains(op.toString()) && e.getMessage().contains(type.base.name()),
                e.getMessage());
        }
        final MPIException noFunction = assertThrows(MPIException.class,
            () -> new Op(null, true).combiner(MPI.INT));
        assertEquals(MPI.ERR_OP, noFunction.getErrorClass());
    }

    @Test
    void shouldCallAUserFunctionWithItsDatatypeAndCommutativity()
    {
        final Object[] seen = new Object[6];
        final User_function f = new User_function()
        {
            @Override
            public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
                final int count, final Datatype datatype)
            {
                seen[0] = invec;
                seen[1] = inoffset;
                seen[2] = inoutvec;
                seen[3] = inoutoffset;
                seen[4] = count;
                seen[5] = datatype;
            }
        };
        final Combiner combiner = new Op(f, false).combiner(MPI.INT2);
        assertFalse(combiner.commutative());
        assertEquals(2, combiner.unit());
        final int[] a = new int[8];
        final int[] b = new int[8];
        combiner.combine(a, 2, b, 4, 2);
        assertSame(a, seen[0]);
        assertEquals(2, seen[1]);
        assertSame(b, seen[2]);
        assertEquals(4, seen[3]);
        assertEquals(2, seen[4]);
        assertSame(MPI.INT2, seen[5]);
        final Datatype strided = new Datatype(BaseType.INT, new int[] {0, 3}, new int[] {1, 1}, 0, 4);
        new Op(f, true).combiner(strided).combine(a, 0, b, 0, 1);
        assertTrue(((Datatype)seen[5]).isContiguous());
        assertEquals(2, ((Datatype)seen[5]).Size());
    }
}
