package xen2mx.btl.match;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/**
 * A request completed exactly once by whichever thread finishes it first.
 *
 * <p>Memory ordering: {@link #complete(BtlStatus)} claims the request with a CAS, writes the status, then releases
 * {@code complete} (volatile); a thread whose {@link #isComplete()} returns true sees the status and every byte the
 * completing thread wrote before it.
 */
public abstract class AbstractRequest implements BtlRequest
{
    private static final VarHandle CLAIMED;

    static
    {
        try
        {
            CLAIMED = MethodHandles.lookup().findVarHandle(AbstractRequest.class, "claimed", boolean.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private boolean claimed;
    private BtlStatus status;
    private volatile boolean complete;

    @Override
    public final boolean isComplete()
    {
        return complete;
    }

    @Override
    public final BtlStatus status()
    {
        return status;
    }

    /**
     * Finishes the request; only the first call has an effect, so a failure racing a normal completion is harmless.
     *
     * @param finalStatus the status readers see once {@link #isComplete()} is true.
     * @return true if this call completed the request.
     */
    public final boolean complete(final BtlStatus finalStatus)
    {
        if (!CLAIMED.compareAndSet(this, false, true))
        {
            return false;
        }
        status = finalStatus;
        complete = true; // release: status and buffer contents before the flag
        return true;
    }
}
