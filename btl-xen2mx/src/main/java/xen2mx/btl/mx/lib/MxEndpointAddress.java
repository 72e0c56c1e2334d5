package xen2mx.btl.mx.lib;

/**
 * An opaque handle to a peer endpoint ({@code mx_endpoint_addr_t}): valid only inside the endpoint that produced
 * it, by {@link MxEndpoint#connect} or as the source of a received message. It names the library's partner state and
 * the session id the peer had when the address was made.
 *
 * <p>{@link #nicId()} and {@link #endpointId()} are {@code mx_decompose_endpoint_addr}; {@link #sessionId()} is
 * Open-MX's {@code omx_decompose_endpoint_addr_with_session}.
 */
public final class MxEndpointAddress
{
    final Partner partner;
    private final int sessionId;

    MxEndpointAddress(final Partner partner, final int sessionId)
    {
        this.partner = partner;
        this.sessionId = sessionId;
    }

    /** @return the peer's board address: its MAC as a 48-bit integer, byte 0 of the MAC in bits 47..40. */
    public long nicId()
    {
        return partner.nicId;
    }

    /** @return the peer's endpoint index on its board. */
    public int endpointId()
    {
        return partner.endpointIndex;
    }

    /** @return the peer endpoint's session id when this address was made. */
    public int sessionId()
    {
        return sessionId;
    }

    /**
     * Attaches an application value to the peer ({@code mx_set_endpoint_addr_context}); every address of the same
     * peer shares it.
     */
    public void context(final Object context)
    {
        partner.userContext = context;
    }

    /** @return the value given to {@link #context(Object)}, or null ({@code mx_get_endpoint_addr_context}). */
    public Object context()
    {
        return partner.userContext;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof MxEndpointAddress address && address.partner == partner
            && address.sessionId == sessionId;
    }

    @Override
    public int hashCode()
    {
        return System.identityHashCode(partner) * 31 + sessionId;
    }

    @Override
    public String toString()
    {
        return String.format("%012x:%d", partner.nicId, partner.endpointIndex);
    }
}
