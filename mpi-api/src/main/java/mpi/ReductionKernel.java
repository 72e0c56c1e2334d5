package mpi;

/**
 * One predefined operation on one Java element type, as a loop over primitive arrays (no boxing):
 * {@code inout[b + k] = in[a + k] op inout[b + k]} for {@code k < elements}.
 */
@FunctionalInterface
interface ReductionKernel
{
    void apply(Object in, int a, Object inout, int b, int elements);

    /** {@code int}-valued operation on the integral types narrower than long. */
    @FunctionalInterface
    interface IntOp
    {
        int apply(int x, int y);
    }

    /** {@code long}-valued operation. */
    @FunctionalInterface
    interface LongOp
    {
        long apply(long x, long y);
    }

    /** {@code double}-valued operation, also for float (exact: a float result rounded once from double). */
    @FunctionalInterface
    interface DoubleOp
    {
        double apply(double x, double y);
    }

    /** {@code boolean}-valued operation. */
    @FunctionalInterface
    interface BooleanOp
    {
        boolean apply(boolean x, boolean y);
    }

    static ReductionKernel bytes(final IntOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final byte[] x = (byte[])in;
            final byte[] y = (byte[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = (byte)op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel chars(final IntOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final char[] x = (char[])in;
            final char[] y = (char[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = (char)op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel shorts(final IntOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final short[] x = (short[])in;
            final short[] y = (short[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = (short)op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel ints(final IntOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final int[] x = (int[])in;
            final int[] y = (int[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel longs(final LongOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final long[] x = (long[])in;
            final long[] y = (long[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel floats(final DoubleOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final float[] x = (float[])in;
            final float[] y = (float[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = (float)op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel doubles(final DoubleOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final double[] x = (double[])in;
            final double[] y = (double[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = op.apply(x[a + k], y[b + k]);
            }
        };
    }

    static ReductionKernel booleans(final BooleanOp op)
    {
        return (in, a, inout, b, n) ->
        {
            final boolean[] x = (boolean[])in;
            final boolean[] y = (boolean[])inout;
            for (int k = 0; k < n; k++)
            {
                y[b + k] = op.apply(x[a + k], y[b + k]);
            }
        };
    }
}
