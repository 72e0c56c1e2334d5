package xen2mx.btl.mx.driver;

/**
 * An endpoint as the driver core keeps it: index, session, owner (where its events go), regions. A handle for the
 * core's callers (the native driver, the backend); its state is the core's. Not thread-safe; the core's thread only.
 */
public final class CoreEndpoint
{
    final int index;
    final int sessionId;
    final EndpointOwner owner;
    final Region[] regions = new Region[DriverLimits.REGION_MAX];
    boolean open = true;

    CoreEndpoint(final int index, final int sessionId, final EndpointOwner owner)
    {
        this.index = index;
        this.sessionId = sessionId;
        this.owner = owner;
    }

    /** @return the endpoint index on its board. */
    public int index()
    {
        return index;
    }

    /** @return the session id given at open. */
    public int sessionId()
    {
        return sessionId;
    }

    /** @return true until the core closes it. */
    public boolean isOpen()
    {
        return open;
    }
}
