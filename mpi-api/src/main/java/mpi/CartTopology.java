package mpi;

import java.util.Arrays;

/**
 * The geometry of a Cartesian grid: ranks are laid out in row-major order, so the last dimension varies fastest:
 * {@code rank = sum over i of coords[i] * (dims[i+1] * ... * dims[n-1])}. Immutable.
 */
final class CartTopology
{
    private final int[] dims;
    private final boolean[] periods;
    private final int size;

    /** @param dims positive extents; @param periods wrap-around per dimension, same length. */
    CartTopology(final int[] dims, final boolean[] periods)
    {
        this.dims = dims.clone();
        this.periods = periods.clone();
        this.size = checkedSize(this.dims, this.periods, Integer.MAX_VALUE);
    }

    /**
     * @return the number of grid positions, after checking the arguments of a grid for a communicator of
     * {@code available} processes.
     * @throws MPIException ERR_ARG for null or mismatched arrays, ERR_DIMS for a non-positive extent or a grid
     * larger than {@code available}.
     */
    static int checkedSize(final int[] dims, final boolean[] periods, final int available)
    {
        if (dims == null || periods == null)
        {
            throw new MPIException(MPI.ERR_ARG, (dims == null ? "dims" : "periods") + " is null");
        }
        if (dims.length != periods.length)
        {
            throw new MPIException(MPI.ERR_ARG, "periods has " + periods.length + " entries, dims has "
                + dims.length);
        }
        long product = 1;
        for (int i = 0; i < dims.length; i++)
        {
            if (dims[i] <= 0)
            {
                throw new MPIException(MPI.ERR_DIMS, "dims[" + i + "] = " + dims[i] + " is not positive");
            }
            product *= dims[i];
            if (product > available)
            {
                throw new MPIException(MPI.ERR_DIMS, "the grid " + Arrays.toString(dims) + " has more positions than "
                    + "the communicator's " + available + " process(es)");
            }
        }
        return (int)product;
    }

    int size()
    {
        return size;
    }

    int[] dims()
    {
        return dims.clone();
    }

    boolean[] periods()
    {
        return periods.clone();
    }

    /**
     * @return the rank at {@code coords}; coordinates of periodic dimensions wrap around.
     * @throws MPIException ERR_ARG for a wrong number of coordinates or one outside a non-periodic dimension.
     */
    int rank(final int[] coords)
    {
        if (coords == null || coords.length != dims.length)
        {
            throw new MPIException(MPI.ERR_ARG, "coords " + Arrays.toString(coords) + " does not have "
                + dims.length + " entries");
        }
        int rank = 0;
        for (int i = 0; i < dims.length; i++)
        {
            int c = coords[i];
            if (periods[i])
            {
                c = Math.floorMod(c, dims[i]);
            }
            else if (c < 0 || c >= dims[i])
            {
                throw new MPIException(MPI.ERR_ARG, "coords[" + i + "] = " + coords[i] + " is outside the "
                    + "non-periodic dimension 0.." + (dims[i] - 1));
            }
            rank = rank * dims[i] + c;
        }
        return rank;
    }

    /** @return the coordinates of {@code rank}; ERR_RANK when it is not a grid position. */
    int[] coords(final int rank)
    {
        if (rank < 0 || rank >= size)
        {
            throw new MPIException(MPI.ERR_RANK, "rank " + rank + " is not in the grid of " + size + " position(s)");
        }
        final int[] coords = new int[dims.length];
        int rest = rank;
        for (int i = dims.length - 1; i >= 0; i--)
        {
            coords[i] = rest % dims[i];
            rest /= dims[i];
        }
        return coords;
    }

    /**
     * @return {rank_source, rank_dest} of a shift of {@code rank} by {@code disp} along {@code direction}:
     * the ranks at coordinate -disp and +disp, {@code PROC_NULL} past the edge of a non-periodic dimension.
     */
    int[] shift(final int rank, final int direction, final int disp)
    {
        if (direction < 0 || direction >= dims.length)
        {
            throw new MPIException(MPI.ERR_ARG, "direction " + direction + " is not a dimension (0.."
                + (dims.length - 1) + ")");
        }
        final int[] coords = coords(rank);
        return new int[] {neighbour(coords, direction, -(long)disp), neighbour(coords, direction, disp)};
    }

    private int neighbour(final int[] coords, final int direction, final long disp)
    {
        final long moved = coords[direction] + disp;
        final int[] at = coords.clone();
        if (periods[direction])
        {
            at[direction] = (int)Math.floorMod(moved, (long)dims[direction]);
        }
        else if (moved < 0 || moved >= dims[direction])
        {
            return MPI.PROC_NULL;
        }
        else
        {
            at[direction] = (int)moved;
        }
        return rank(at);
    }

    /**
     * @return the colour of {@code rank} for {@code Sub}: the linear index of its coordinates in the dropped
     * dimensions (processes that differ only along kept dimensions share it).
     */
    int subColor(final int rank, final boolean[] remain)
    {
        checkRemain(remain);
        final int[] coords = coords(rank);
        int color = 0;
        for (int i = 0; i < dims.length; i++)
        {
            if (!remain[i])
            {
                color = color * dims[i] + coords[i];
            }
        }
        return color;
    }

    /** @return the grid of the kept dimensions. */
    CartTopology sub(final boolean[] remain)
    {
        checkRemain(remain);
        final int kept = (int)java.util.stream.IntStream.range(0, dims.length).filter(i -> remain[i]).count();
        final int[] subDims = new int[kept];
        final boolean[] subPeriods = new boolean[kept];
        int k = 0;
        for (int i = 0; i < dims.length; i++)
        {
            if (remain[i])
            {
                subDims[k] = dims[i];
                subPeriods[k++] = periods[i];
            }
        }
        return new CartTopology(subDims, subPeriods);
    }

    private void checkRemain(final boolean[] remain)
    {
        if (remain == null || remain.length != dims.length)
        {
            throw new MPIException(MPI.ERR_ARG, "remain_dims " + Arrays.toString(remain) + " does not have "
                + dims.length + " entries");
        }
    }

    /**
     * The arithmetic of {@code MPI_DIMS_CREATE}: fills the zero entries of {@code dims} so that the product of all
     * entries is {@code nnodes}, keeping the non-zero entries, with the filled extents as close to each other as
     * possible (least spread between the largest and smallest) and in non-increasing order.
     *
     * @throws MPIException ERR_ARG for a non-positive {@code nnodes} or null dims, ERR_DIMS for a negative entry or
     * when the fixed entries do not divide {@code nnodes} (or, with none free, their product is not nnodes).
     */
    static void dimsCreate(final int nnodes, final int[] dims)
    {
        if (dims == null)
        {
            throw new MPIException(MPI.ERR_ARG, "dims is null");
        }
        if (nnodes <= 0)
        {
            throw new MPIException(MPI.ERR_ARG, "nnodes " + nnodes + " is not positive");
        }
        long fixed = 1;
        int free = 0;
        for (int i = 0; i < dims.length; i++)
        {
            if (dims[i] < 0)
            {
                throw new MPIException(MPI.ERR_DIMS, "dims[" + i + "] = " + dims[i] + " is negative");
            }
            if (dims[i] == 0)
            {
                free++;
            }
            else
            {
                fixed *= dims[i];
                if (fixed > nnodes)
                {
                    break;
                }
            }
        }
        if (nnodes % fixed != 0 || (free == 0 && fixed != nnodes))
        {
            throw new MPIException(MPI.ERR_DIMS, "the fixed entries of dims " + Arrays.toString(dims) + " (product "
                + fixed + ") " + (free == 0 ? "must multiply to" : "do not divide") + " nnodes " + nnodes);
        }
        final int[] balanced = balance((int)(nnodes / fixed), free);
        for (int i = 0, k = 0; i < dims.length; i++)
        {
            if (dims[i] == 0)
            {
                dims[i] = balanced[k++];
            }
        }
    }

    /** @return {@code parts} factors of {@code product}, non-increasing, with the least max - min. */
    static int[] balance(final int product, final int parts)
    {
        final int[] best = new int[parts];
        if (parts == 0)
        {
            return best;
        }
        new FactorSearch(divisorsDescending(product), best).run(product, 0, product, new int[parts]);
        return best;
    }

    private static int[] divisorsDescending(final int n)
    {
        final java.util.TreeSet<Integer> divisors = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (int d = 1; (long)d * d <= n; d++)
        {
            if (n % d == 0)
            {
                divisors.add(d);
                divisors.add(n / d);
            }
        }
        return divisors.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Depth-first over non-increasing sequences of divisors, keeping the one of least spread (first found wins). */
    private static final class FactorSearch
    {
        private final int[] divisors;
        private final int[] best;
        private long bestSpread = Long.MAX_VALUE;

        FactorSearch(final int[] divisors, final int[] best)
        {
            this.divisors = divisors;
            this.best = best;
        }

        void run(final int rest, final int position, final int limit, final int[] current)
        {
            final int remaining = current.length - position;
            if (remaining == 1)
            {
                if (rest <= limit && (position == 0 ? 0 : current[0] - (long)rest) < bestSpread)
                {
                    current[position] = rest;
                    bestSpread = current[0] - (long)rest;
                    System.arraycopy(current, 0, best, 0, current.length);
                }
                return;
            }
            for (final int factor : divisors)
            {
                if (factor > limit || rest % factor != 0)
                {
                    continue;
                }
                if (Math.pow(factor, remaining) < rest || (position > 0 && current[0] - (long)factor >= bestSpread))
                {
                    break;
                }
                current[position] = factor;
                run(rest / factor, position + 1, factor, current);
            }
        }
    }
}
