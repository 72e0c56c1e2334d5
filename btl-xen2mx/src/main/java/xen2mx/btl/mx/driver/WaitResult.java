package xen2mx.btl.mx.driver;

/** Why {@link DriverEndpoint#await(long)} returned (Open-MX's {@code WAIT_EVENT} statuses). */
public enum WaitResult
{
    /** At least one event can be polled. */
    EVENTS,
    /** The timeout passed without an event. */
    TIMEOUT,
    /** {@link DriverEndpoint#wakeup()} was called (possibly before this wait started, and not yet consumed). */
    WAKEUP,
    /** The endpoint is closed. */
    CLOSED
}
