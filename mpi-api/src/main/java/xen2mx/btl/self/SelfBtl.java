package xen2mx.btl.self;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlLimits;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.match.EngineBtl;
import xen2mx.btl.match.MatchEngine;

/**
 * The {@code self} module: a process sending to itself, in-process, through the shared {@link MatchEngine}
 * (Open MPI's {@code btl/self}). Reaches only its own rank; all work happens on the calling thread, so
 * {@link #progress()} has nothing to do. Delivery rules are in {@link LocalDelivery}.
 */
public final class SelfBtl extends EngineBtl
{
    /** MCA parameter: messages up to this size are copied at send time; default {@value #EAGER_LIMIT_DEFAULT}. */
    public static final String EAGER_LIMIT_PARAM = "btl_self_eager_limit";
    public static final int EAGER_LIMIT_DEFAULT = 64 * 1024;

    private final BtlLimits limits;
    private final LocalDelivery delivery;
    private final byte[] address;

    public SelfBtl(final BtlContext context)
    {
        super(context);
        final int eagerLimit = context.intParameter(EAGER_LIMIT_PARAM, EAGER_LIMIT_DEFAULT);
        if (eagerLimit < 0)
        {
            throw new BtlException("MCA parameter " + EAGER_LIMIT_PARAM + "=" + eagerLimit + " must be >= 0");
        }
        this.limits = new BtlLimits(eagerLimit, Integer.MAX_VALUE);
        this.delivery = new LocalDelivery(rank, eagerLimit, engine);
        this.address = ("self:" + context.jobId() + ":" + rank).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name()
    {
        return SelfBtlComponent.NAME;
    }

    @Override
    public BtlLimits limits()
    {
        return limits;
    }

    @Override
    public byte[] localAddress()
    {
        return address.clone();
    }

    @Override
    public BitSet connect(final byte[][] addresses)
    {
        final BitSet reachable = new BitSet();
        if (rank < addresses.length && Arrays.equals(addresses[rank], address))
        {
            reachable.set(rank);
        }
        return reachable;
    }

    @Override
    public String describePeer(final int peer)
    {
        checkPeer(peer);
        return "self (in-process copy)";
    }

    @Override
    public BtlRequest isend(final int destination, final long matchInfo, final ByteBuffer payload,
        final boolean synchronous)
    {
        checkOpen();
        checkPeer(destination);
        return delivery.send(matchInfo, Objects.requireNonNull(payload, "payload"), synchronous);
    }

    @Override
    public int progress()
    {
        return 0;
    }

    @Override
    public void close()
    {
        closed = true;
    }

    private void checkPeer(final int peer)
    {
        if (peer != rank)
        {
            throw new BtlException("self: rank " + peer + " is not reachable, only this process (rank " + rank + ")");
        }
    }

}
