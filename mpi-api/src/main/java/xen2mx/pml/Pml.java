package xen2mx.pml;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;
import xen2mx.btl.match.MatchEngine;

/**
 * The point-to-point messaging layer of one process: routes sends to the module chosen for each world rank, posts
 * receives in the (single) matching domain, and drives progress while callers wait. Thread-safe: the modules are.
 */
public final class Pml implements AutoCloseable
{
    /** System property set at open to the modules in use, e.g. {@code self,tcp} (benchmarks print it). */
    public static final String SELECTED_PROPERTY = "xen2mx.btl.selected";

    private final int rank;
    private final Btl[] routes;
    private final Btl[] modules;
    private final Btl receiver;
    private final SpinPolicy spinPolicy;

    private Pml(final int rank, final Btl[] routes, final SpinPolicy spinPolicy)
    {
        this.rank = rank;
        this.routes = routes;
        this.spinPolicy = spinPolicy;
        final List<Btl> distinct = new ArrayList<>();
        for (final Btl btl : routes)
        {
            if (!distinct.contains(btl))
            {
                distinct.add(btl);
            }
        }
        this.modules = distinct.toArray(new Btl[0]);
        this.receiver = routes[rank];
        System.setProperty(SELECTED_PROPERTY, selectedNames());
    }

    /**
     * Opens the modules, exchanges addresses and connects the world.
     *
     * @param localRanks the job's ranks on this host (waiting threads spin only within this rank's share of cores).
     * @param parameters MCA parameters ({@code btl} selects modules; {@code mpi_yield_when_idle}, see
     *                   {@link SpinPolicy}).
     * @param verbosity  1 or more prints the module chosen for each peer on {@code log}.
     * @throws IllegalArgumentException for a bad {@code mpi_yield_when_idle}.
     */
    public static Pml open(
        final int rank,
        final int size,
        final int localRanks,
        final String jobId,
        final Map<String, String> parameters,
        final AddressExchange exchange,
        final int verbosity,
        final PrintStream log)
    {
        final SpinPolicy spinPolicy = SpinPolicy.of(Runtime.getRuntime().availableProcessors(), localRanks,
            parameters.get(SpinPolicy.YIELD_WHEN_IDLE_PARAM));
        final BtlContext context = new BtlContext(rank, size, jobId, parameters, new MatchEngine());
        return new Pml(rank, BtlSelector.select(context, exchange, verbosity, log), spinPolicy);
    }

    /** @return the names of the modules in use, comma-separated, in priority order. */
    public String selectedNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final Btl btl : modules)
        {
            names.append(names.length() == 0 ? "" : ",").append(btl.name());
        }
        return names.toString();
    }

    public int rank()
    {
        return rank;
    }

    public int size()
    {
        return routes.length;
    }

    /** @return the module that carries traffic to world rank {@code peer}. */
    public Btl route(final int peer)
    {
        return routes[peer];
    }

    public BtlRequest isend(final int worldDestination, final long matchInfo, final ByteBuffer payload,
        final boolean synchronous)
    {
        return routes[worldDestination].isend(worldDestination, matchInfo, payload, synchronous);
    }

    public BtlRequest irecv(final long matchInfo, final long matchMask, final ByteBuffer destination)
    {
        return receiver.irecv(matchInfo, matchMask, destination);
    }

    /** @return the status of a matching unexpected message, or null; drives progress once first. */
    public BtlStatus iprobe(final long matchInfo, final long matchMask)
    {
        progress();
        return receiver.iprobe(matchInfo, matchMask);
    }

    /** Blocks until a matching message is pending. */
    public BtlStatus probe(final long matchInfo, final long matchMask)
    {
        try (IdleStrategy idle = new IdleStrategy(spinPolicy))
        {
            while (true)
            {
                final int work = progress();
                final BtlStatus status = receiver.iprobe(matchInfo, matchMask);
                if (status != null)
                {
                    return status;
                }
                idle.idle(work);
            }
        }
    }

    public boolean cancel(final BtlRequest request)
    {
        return receiver.cancel(request);
    }

    /** @return work done by all modules in one pass. */
    public int progress()
    {
        int work = 0;
        for (final Btl btl : modules)
        {
            work += btl.progress();
        }
        return work;
    }

    /** Drives progress until {@code request} completes. */
    public void await(final BtlRequest request)
    {
        if (request.isComplete())
        {
            return;
        }
        try (IdleStrategy idle = new IdleStrategy(spinPolicy))
        {
            while (!request.isComplete())
            {
                idle.idle(progress());
            }
        }
    }

    /** A waiter that keeps its back-off state across calls, for loops over several requests; close it when done. */
    public Waiter waiter()
    {
        return new Waiter();
    }

    /** Progress-and-back-off for callers that poll several requests themselves. */
    public final class Waiter implements AutoCloseable
    {
        private final IdleStrategy idle = new IdleStrategy(spinPolicy);

        /** One round: progress, and back off if nothing happened. */
        public void round()
        {
            idle.idle(progress());
        }

        /** Stops waiting: gives back this waiter's share of spinning. */
        @Override
        public void close()
        {
            idle.close();
        }
    }

    @Override
    public void close()
    {
        BtlSelector.closeAll(List.of(modules));
    }
}
