package xen2mx.btl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import xen2mx.btl.match.MatchEngine;

/**
 * Several ranks of one BTL in one JVM, each with its own {@link MatchEngine}, connected to each other; waits are
 * bounded and progress every rank.
 */
public final class BtlWorld implements AutoCloseable
{
    private static final long DEFAULT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Btl[] ranks;

    public BtlWorld(final Btl... ranks)
    {
        this.ranks = ranks.clone();
    }

    /**
     * Opens {@code size} ranks of {@code component} and connects them by exchanging their addresses.
     *
     * @param jobId job id shared by the ranks.
     */
    public static BtlWorld open(final BtlComponent component, final int size, final String jobId,
        final Map<String, String> parameters)
    {
        final Btl[] ranks = new Btl[size];
        final byte[][] addresses = new byte[size][];
        try
        {
            for (int rank = 0; rank < size; rank++)
            {
                ranks[rank] = component.open(new BtlContext(rank, size, jobId, parameters, new MatchEngine()));
                addresses[rank] = ranks[rank].localAddress();
            }
            for (final Btl btl : ranks)
            {
                btl.connect(addresses);
            }
        }
        catch (final RuntimeException e)
        {
            for (final Btl btl : ranks)
            {
                if (btl != null)
                {
                    btl.close();
                }
            }
            throw e;
        }
        return new BtlWorld(ranks);
    }

    public int size()
    {
        return ranks.length;
    }

    public Btl rank(final int rank)
    {
        return ranks[rank];
    }

    public int progressAll()
    {
        int work = 0;
        for (final Btl btl : ranks)
        {
            work += btl.progress();
        }
        return work;
    }

    /** Progresses every rank until all requests complete; fails the test after ten seconds. */
    public void await(final BtlRequest... requests)
    {
        await(List.of(requests));
    }

    public void await(final List<? extends BtlRequest> requests)
    {
        final long deadline = System.nanoTime() + DEFAULT_WAIT_NANOS;
        for (final BtlRequest request : requests)
        {
            while (!request.isComplete())
            {
                progressAll();
                if (System.nanoTime() - deadline > 0)
                {
                    fail("request not complete after 10 s: " + request);
                }
            }
        }
    }

    /** Progresses every rank for about {@code millis} milliseconds. */
    public void progressFor(final long millis)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - deadline < 0)
        {
            progressAll();
            Thread.onSpinWait();
        }
    }

    /** @return the first probe hit within ten seconds of progressing, or null. */
    public BtlStatus probe(final int rank, final long info, final long mask)
    {
        final long deadline = System.nanoTime() + DEFAULT_WAIT_NANOS;
        BtlStatus status;
        while ((status = ranks[rank].iprobe(info, mask)) == null && System.nanoTime() - deadline < 0)
        {
            progressAll();
        }
        return status;
    }

    @Override
    public void close()
    {
        final List<RuntimeException> errors = new ArrayList<>();
        for (final Btl btl : ranks)
        {
            try
            {
                btl.close();
            }
            catch (final RuntimeException e)
            {
                errors.add(e);
            }
        }
        if (!errors.isEmpty())
        {
            throw errors.get(0);
        }
    }
}
