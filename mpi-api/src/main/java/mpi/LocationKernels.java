package mpi;

/**
 * MAXLOC and MINLOC over (value, index) pairs stored as two consecutive elements of one type: the better value
 * wins; on equal values the lower index wins (MPI's rule).
 */
final class LocationKernels
{
    private LocationKernels()
    {
    }

    /** @return the kernel of MAXLOC ({@code max}) or MINLOC on {@code base}, or null if the type has none */
    static ReductionKernel of(final BaseType base, final boolean max)
    {
        return switch (base)
        {
            case SHORT -> (in, a, inout, b, n) -> shorts((short[])in, a, (short[])inout, b, n, max);
            case INT -> (in, a, inout, b, n) -> ints((int[])in, a, (int[])inout, b, n, max);
            case LONG -> (in, a, inout, b, n) -> longs((long[])in, a, (long[])inout, b, n, max);
            case FLOAT -> (in, a, inout, b, n) -> floats((float[])in, a, (float[])inout, b, n, max);
            case DOUBLE -> (in, a, inout, b, n) -> doubles((double[])in, a, (double[])inout, b, n, max);
            default -> null;
        };
    }

    /** @return true if the pair (xv, xi) replaces (yv, yi) */
    private static boolean wins(final int order, final double xi, final double yi)
    {
        return order > 0 || order == 0 && xi < yi;
    }

    private static void shorts(final short[] x, final int a, final short[] y, final int b, final int n,
        final boolean max)
    {
        for (int k = 0; k + 1 < n; k += 2)
        {
            final int order = compare(x[a + k], y[b + k], max);
            if (wins(order, x[a + k + 1], y[b + k + 1]))
            {
                y[b + k] = x[a + k];
                y[b + k + 1] = x[a + k + 1];
            }
        }
    }

    private static void ints(final int[] x, final int a, final int[] y, final int b, final int n, final boolean max)
    {
        for (int k = 0; k + 1 < n; k += 2)
        {
            final int order = compare(x[a + k], y[b + k], max);
            if (wins(order, x[a + k + 1], y[b + k + 1]))
            {
                y[b + k] = x[a + k];
                y[b + k + 1] = x[a + k + 1];
            }
        }
    }

    private static void longs(final long[] x, final int a, final long[] y, final int b, final int n,
        final boolean max)
    {
        for (int k = 0; k + 1 < n; k += 2)
        {
            final int order = max ? Long.compare(x[a + k], y[b + k]) : Long.compare(y[b + k], x[a + k]);
            if (order > 0 || order == 0 && x[a + k + 1] < y[b + k + 1])
            {
                y[b + k] = x[a + k];
                y[b + k + 1] = x[a + k + 1];
            }
        }
    }

    private static void floats(final float[] x, final int a, final float[] y, final int b, final int n,
        final boolean max)
    {
        for (int k = 0; k + 1 < n; k += 2)
        {
            final int order = compare(x[a + k], y[b + k], max);
            if (wins(order, x[a + k + 1], y[b + k + 1]))
            {
                y[b + k] = x[a + k];
                y[b + k + 1] = x[a + k + 1];
            }
        }
    }

    private static void doubles(final double[] x, final int a, final double[] y, final int b, final int n,
        final boolean max)
    {
        for (int k = 0; k + 1 < n; k += 2)
        {
            final int order = compare(x[a + k], y[b + k], max);
            if (wins(order, x[a + k + 1], y[b + k + 1]))
            {
                y[b + k] = x[a + k];
                y[b + k + 1] = x[a + k + 1];
            }
        }
    }

    /** @return 1 if x is better than y (greater for MAXLOC, less for MINLOC), 0 if equal, -1 otherwise (or NaN) */
    private static int compare(final double x, final double y, final boolean max)
    {
        if (x == y)
        {
            return 0;
        }
        return (max ? x > y : x < y) ? 1 : -1;
    }
}
