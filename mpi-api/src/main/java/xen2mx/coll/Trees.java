package xen2mx.coll;

/**
 * Rank arithmetic of binomial trees. In a tree over relative ranks {@code 0..n-1} rooted at 0, the parent of
 * {@code vr > 0} is {@code vr - lowbit(vr)} and its subtree is {@code [vr, min(vr + lowbit(vr), n))}; the root's
 * subtree is everything.
 */
final class Trees
{
    private Trees()
    {
    }

    /** @return the rank relative to {@code root} */
    static int relative(final int rank, final int root, final int n)
    {
        return (rank - root + n) % n;
    }

    /** @return the absolute rank of relative rank {@code vr} */
    static int absolute(final int vr, final int root, final int n)
    {
        return (vr + root) % n;
    }

    /**
     * @return {@code lowbit(vr)}, the distance to the parent, for {@code vr > 0}; for the root, the least power of
     * two {@code >= n} (so that its children are {@code m} for every power of two {@code m < n})
     */
    static int receiveMask(final int vr, final int n)
    {
        if (vr != 0)
        {
            return Integer.lowestOneBit(vr);
        }
        int mask = 1;
        while (mask < n)
        {
            mask <<= 1;
        }
        return mask;
    }

    /** @return the number of ranks in the subtree of relative rank {@code vr} */
    static int subtreeSize(final int vr, final int n)
    {
        return vr == 0 ? n : Math.min(Integer.lowestOneBit(vr), n - vr);
    }

    /** @return the largest power of two {@code <= n}, for {@code n >= 1} */
    static int floorPowerOfTwo(final int n)
    {
        return Integer.highestOneBit(n);
    }

    /** @return true if {@code n} is a power of two */
    static boolean isPowerOfTwo(final int n)
    {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
