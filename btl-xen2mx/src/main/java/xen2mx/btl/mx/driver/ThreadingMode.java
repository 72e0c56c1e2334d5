package xen2mx.btl.mx.driver;

/** Who drives the native driver's duty cycle. */
public enum ThreadingMode
{
    /**
     * The caller's {@link DriverEndpoint#poll} and {@link DriverEndpoint#await} run the driver (Open MPI's polling
     * style); nothing progresses between calls.
     */
    INVOKER,
    /**
     * A daemon thread of the driver runs it (spinning briefly, then sleeping on the link), so pulls progress and
     * frames are received while the application computes; {@code poll} still helps when it can.
     */
    DEDICATED
}
