package xen2mx.btl.match;

import java.nio.ByteBuffer;
import java.util.Objects;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/**
 * The receive side every non-MX module shares: receives, probes and cancels go to the process-wide
 * {@link MatchEngine} of the context, which is also the module's matching domain. Subclasses move bytes.
 */
public abstract class EngineBtl implements Btl
{
    protected final int rank;
    protected final MatchEngine engine;
    /** Set once by {@link #close()}; later sends and receives are refused. */
    protected volatile boolean closed;

    protected EngineBtl(final BtlContext context)
    {
        this.rank = context.rank();
        this.engine = Objects.requireNonNull(context.matchEngine(), "context.matchEngine()");
    }

    @Override
    public final Object matchingDomain()
    {
        return engine;
    }

    @Override
    public final BtlRequest irecv(final long matchInfo, final long matchMask, final ByteBuffer destination)
    {
        checkOpen();
        return engine.postReceive(matchInfo, matchMask, destination);
    }

    @Override
    public final BtlStatus iprobe(final long matchInfo, final long matchMask)
    {
        return engine.probe(matchInfo, matchMask);
    }

    @Override
    public final boolean cancel(final BtlRequest request)
    {
        return engine.cancel(request);
    }

    /** @throws BtlException naming the module and rank once the module is closed. */
    protected final void checkOpen()
    {
        if (closed)
        {
            throw new BtlException(name() + ": module of rank " + rank + " is closed");
        }
    }
}
