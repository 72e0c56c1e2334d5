package xen2mx.btl.mx.driver;

/** Receives events from {@link DriverEndpoint#poll(DriverEventHandler, int)}. */
@FunctionalInterface
public interface DriverEventHandler
{
    /**
     * Called once per event, on the polling thread, in queue order. The handler may issue commands on any endpoint
     * (e.g. answer a connect request) but must not poll or await the same endpoint. An exception thrown here
     * propagates out of {@code poll}; the event counts as delivered.
     *
     * @param event the event; the same instance is reused for the next event, and its payload is valid only until
     *              this method returns.
     */
    void onEvent(DriverEvent event);
}
