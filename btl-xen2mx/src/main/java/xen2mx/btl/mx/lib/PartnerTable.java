package xen2mx.btl.mx.lib;

import java.util.ArrayList;
import java.util.List;

import xen2mx.btl.mx.driver.Driver;

/**
 * Partners by (peer index, endpoint index), Open-MX's {@code partners[peer * endpoint_max + endpoint]}: a lazily
 * filled two-level array, so a look-up on the receive path is two array reads and never allocates. Guarded by the
 * endpoint lock.
 */
final class PartnerTable
{
    private static final int ENDPOINTS = 256;

    private final Driver driver;
    private final Partner[][] byPeer;
    private final List<Partner> all = new ArrayList<>();

    PartnerTable(final Driver driver, final int peerMax)
    {
        this.driver = driver;
        this.byPeer = new Partner[peerMax][];
    }

    /** @return the partner, or null if we never heard of it. */
    Partner get(final int peerIndex, final int endpointIndex)
    {
        if (peerIndex < 0 || peerIndex >= byPeer.length || endpointIndex < 0 || endpointIndex >= ENDPOINTS)
        {
            return null;
        }
        final Partner[] endpoints = byPeer[peerIndex];
        return endpoints == null ? null : endpoints[endpointIndex];
    }

    /** @return the partner, created if needed; null if the peer index is not in the driver's table. */
    Partner getOrCreate(final int peerIndex, final int endpointIndex)
    {
        final Partner existing = get(peerIndex, endpointIndex);
        if (existing != null || peerIndex < 0 || peerIndex >= byPeer.length || endpointIndex < 0
            || endpointIndex >= ENDPOINTS)
        {
            return existing;
        }
        final long nicId = driver.peerAddress(peerIndex);
        if (nicId == Driver.NO_ADDRESS)
        {
            return null;
        }
        return add(new Partner(peerIndex, endpointIndex, nicId, false));
    }

    /** Registers a partner built by the caller (the endpoint itself). */
    Partner add(final Partner partner)
    {
        if (byPeer[partner.peerIndex] == null)
        {
            byPeer[partner.peerIndex] = new Partner[ENDPOINTS];
        }
        byPeer[partner.peerIndex][partner.endpointIndex] = partner;
        all.add(partner);
        return partner;
    }

    /** @return every partner, in creation order (live view; do not modify). */
    List<Partner> all()
    {
        return all;
    }
}
