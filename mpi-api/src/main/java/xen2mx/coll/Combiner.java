package xen2mx.coll;

/**
 * A reduction operation bound to one element layout: combines runs of items, where one item is {@link #unit()}
 * consecutive array elements (2 for the value-index pairs of MAXLOC, for instance).
 */
public interface Combiner
{
    /**
     * {@code inout[k] = in[k] op inout[k]} for the {@code items} items starting at the element offsets given:
     * {@code in} holds the contribution of lower ranks, so rank order is kept for non-commutative operations.
     */
    void combine(Object in, int inOffset, Object inout, int inoutOffset, int items);

    /** @return true if {@code a op b == b op a}, which lets algorithms combine in any order */
    boolean commutative();

    /** @return array elements per item */
    int unit();
}
