package xen2mx.btl.self;

import java.nio.ByteBuffer;

import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.match.AbstractRequest;
import xen2mx.btl.match.MatchCallback;
import xen2mx.btl.match.MatchEngine;
import xen2mx.btl.match.RecvRequest;

/**
 * Sends from a process to itself through its {@link MatchEngine}, on the sending thread.
 *
 * <p>Up to the eager limit, and not synchronous: the engine copies the message (into the matching receive, or a
 * buffer when unexpected) and the send completes before {@code send} returns. Synchronous sends up to the limit are
 * copied the same way and complete when matched. Larger messages are posted as a rendezvous descriptor that keeps a
 * reference to the caller's payload; the single copy happens when a receive matches, and the send completes then.
 */
public final class LocalDelivery
{
    private final int rank;
    private final int eagerLimit;
    private final MatchEngine engine;

    public LocalDelivery(final int rank, final int eagerLimit, final MatchEngine engine)
    {
        this.rank = rank;
        this.eagerLimit = eagerLimit;
        this.engine = engine;
    }

    /** Starts a send to this process; see the class comment for when it completes. */
    public BtlRequest send(final long matchInfo, final ByteBuffer payload, final boolean synchronous)
    {
        final int length = payload.remaining();
        final LocalSend send = new LocalSend(rank, matchInfo, payload);
        if (length <= eagerLimit)
        {
            if (synchronous)
            {
                engine.deliverEager(rank, matchInfo, payload, payload.position(), length, send, 0);
            }
            else
            {
                engine.deliverEager(rank, matchInfo, payload, payload.position(), length, null, 0);
                send.completeSent();
            }
        }
        else
        {
            engine.deliverRendezvous(rank, matchInfo, length, null, 0, 0, send, 0);
        }
        return send;
    }

    /** A send to self: completes when its bytes are copied (eager) or matched and copied (synchronous, large). */
    private static final class LocalSend extends AbstractRequest implements MatchCallback
    {
        private final int rank;
        private final long matchInfo;
        private final ByteBuffer payload;

        LocalSend(final int rank, final long matchInfo, final ByteBuffer payload)
        {
            this.rank = rank;
            this.matchInfo = matchInfo;
            this.payload = payload;
        }

        void completeSent()
        {
            complete(BtlStatus.success(rank, matchInfo, payload.remaining()));
        }

        @Override
        public void onMatch(final RecvRequest receive, final long cookie)
        {
            if (!receive.isComplete())
            {
                final int transfer = receive.transferLength();
                if (transfer > 0)
                {
                    receive.buffer().put(receive.offset(), payload, payload.position(), transfer);
                }
                receive.completeReceived();
            }
            completeSent();
        }
    }
}
