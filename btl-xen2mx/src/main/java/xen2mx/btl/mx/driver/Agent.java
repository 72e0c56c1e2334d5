package xen2mx.btl.mx.driver;

/**
 * An active object driven by duty cycles (Agrona's {@code Agent}): a caller or a thread invokes {@link #doWork()}
 * repeatedly and idles when it returns 0. {@code doWork} never throws: errors are counted and reported.
 */
public interface Agent
{
    /**
     * Does one bounded round of work.
     *
     * @return how much work was done (0: nothing to do, the caller may idle).
     */
    int doWork();

    /** @return a short name for threads and logs, e.g. {@code mx-driver-veth0}. */
    String roleName();
}
