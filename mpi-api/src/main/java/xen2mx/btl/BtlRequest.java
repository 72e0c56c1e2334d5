package xen2mx.btl;

/**
 * A send or receive in flight in a {@link Btl}.
 *
 * <p>Memory ordering: {@link #isComplete()} is an acquire read paired with the BTL's release write on completion,
 * so the receive buffer contents and {@link #status()} are visible to any thread that sees {@code true}.
 */
public interface BtlRequest
{
    /** @return true once the request is finished (successfully, truncated, cancelled or failed). */
    boolean isComplete();

    /** @return the final status; valid only once {@link #isComplete()} returned true. */
    BtlStatus status();
}
