package xen2mx.btl.mx.lib;

/** Constants of the MX API ({@code myriexpress.h}), Java-ized. */
public final class Mx
{
    /** {@code MX_API}: the API version Open-MX implements. */
    public static final int API = 0x301;
    /** {@code MX_ANY_NIC}: open on the first board. */
    public static final int ANY_NIC = 0xFFFFFFFF;
    /** {@code MX_ANY_ENDPOINT}: take the first free endpoint index. */
    public static final int ANY_ENDPOINT = 0xFFFFFFFF;
    /** {@code MX_MATCH_MASK_NONE}: every bit must match. */
    public static final long MATCH_MASK_NONE = -1L;
    /** {@code MX_INFINITE}: a timeout of 0 milliseconds means wait forever, as in MX. */
    public static final long INFINITE = 0;
    /** {@code MX_MAX_SEGMENTS}. */
    public static final int MAX_SEGMENTS = Segments.MAX_SEGMENTS;
    /** Largest tiny message. */
    public static final int TINY_MAX = 32;
    /** Largest small message. */
    public static final int SMALL_MAX = 128;

    private Mx()
    {
    }
}
