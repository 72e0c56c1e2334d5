package xen2mx.btl.mx.protocol;

/**
 * Why {@link MxoeFrameDecoder} refused a frame. The driver core counts drops by reason; only
 * {@link #BAD_ENDPOINT_RANGE} may ask for a NACK (see {@link DecodedFrame#requiredNack()}). The checks run in the
 * order of the constants below, so a frame is reported under the first rule it breaks.
 */
public enum MxoeDropReason
{
    /** Shorter than the 17 bytes needed to read the ptype, or than the fixed header of its type. */
    TOO_SHORT,
    /** The EtherType is not {@code 0x86DF}. */
    BAD_ETHERTYPE,
    /** The ptype is not an MXoE packet type (Open-MX counter {@code DROP_UNKNOWN_TYPE}). */
    UNKNOWN_TYPE,
    /** The ptype is a known type that is never valid on the wire: 0, 2, 32-34 ({@code DROP_INVALID_TYPE}). */
    INVALID_TYPE,
    /**
     * A declared length is outside what the type allows: above the class maximum (tiny 32, small 128, medium fragment
     * and pull reply per the MTU rule, hostname 80, raw frame 1024) or below the data length the type needs
     * (rndv 8, connect 16, liback 16) ({@code DROP_BAD_DATALEN}).
     */
    BAD_DATA_LENGTH,
    /** A declared payload length is larger than the bytes present in the frame ({@code DROP_BAD_SKBLEN}). */
    LENGTH_MISMATCH,
    /**
     * A header field holds a value the protocol never sends: an unknown TRUC subtype, a liback whose two session
     * fields differ, an {@code is_reply} other than 0 or 1, a nack type outside its range, a medium fragment index or
     * offset outside its message, a compat {@code frag_pipeline} other than 12, a pull asking for more replies than a
     * block holds, a host reply with the wrong magic.
     */
    BAD_FIELD,
    /**
     * An endpoint index (the destination endpoint, or the endpoint hidden in a pull magic) is at or above the
     * decoder's endpoint maximum. For the types that the protocol nacks, {@link DecodedFrame#requiredNack()} names the
     * NACK to send back ({@code NACK_LIB} or {@code NACK_MCP} with {@link MxoeNackType#BAD_ENDPT}).
     */
    BAD_ENDPOINT_RANGE
}
