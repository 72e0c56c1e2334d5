package xen2mx.launcher;

import xen2mx.boot.RendezvousAddress;

/**
 * One endpoint of the rendezvous service and the secret a rank must present there.
 *
 * @param address where ranks connect, the value of {@code X2MX_RENDEZVOUS}.
 * @param token   the endpoint's secret, the value of {@code X2MX_RENDEZVOUS_TOKEN}.
 */
public record RendezvousPoint(RendezvousAddress address, String token)
{
    /** @return the address without the secret, for logs. */
    @Override
    public String toString()
    {
        return address.text();
    }
}
