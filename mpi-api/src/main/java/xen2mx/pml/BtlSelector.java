package xen2mx.pml;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import xen2mx.btl.Btl;
import xen2mx.btl.BtlComponent;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;

/**
 * Chooses the module that carries traffic to each peer, as Open MPI's bml/r2 does: find the components
 * ({@link ServiceLoader}), keep those the {@code btl} parameter allows ({@code self,tcp} includes, {@code ^tcp}
 * excludes), open them, exchange addresses, and give each peer the highest-priority module that reaches it.
 */
final class BtlSelector
{
    static final String BTL_PARAMETER = "btl";

    private BtlSelector()
    {
    }

    /** @return the components the {@code btl} parameter allows, highest priority first. */
    static List<BtlComponent> allowedComponents(final String btlParameter, final List<BtlComponent> available)
    {
        final List<BtlComponent> sorted = new ArrayList<>(available);
        sorted.sort(Comparator.comparingInt(BtlComponent::priority).reversed());
        if (btlParameter == null || btlParameter.isBlank())
        {
            return sorted;
        }
        final String spec = btlParameter.trim();
        final boolean exclude = spec.startsWith("^");
        final List<String> names = new ArrayList<>();
        for (final String name : (exclude ? spec.substring(1) : spec).split(","))
        {
            final String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || trimmed.startsWith("^"))
            {
                throw new BtlException("--btl " + btlParameter + ": bad list (use a,b to include or ^a,b to exclude)");
            }
            if (sorted.stream().noneMatch(c -> c.name().equals(trimmed)))
            {
                throw new BtlException("--btl " + btlParameter + ": no BTL module named '" + trimmed
                    + "' (available: " + names(sorted) + ")");
            }
            names.add(trimmed);
        }
        return sorted.stream()
            .filter(c -> names.contains(c.name()) != exclude)
            .collect(Collectors.toList());
    }

    static String names(final List<BtlComponent> components)
    {
        return components.stream().map(BtlComponent::name).collect(Collectors.joining(","));
    }

    /**
     * Opens the allowed modules, exchanges addresses and routes every world rank.
     *
     * @return one module per world rank ({@code routes[r]} reaches rank r), modules not needed already closed.
     */
    static Btl[] select(
        final BtlContext context, final AddressExchange exchange, final int verbosity, final PrintStream log)
    {
        final String parameter = context.parameters().get(BTL_PARAMETER);
        final List<BtlComponent> available = new ArrayList<>();
        ServiceLoader.load(BtlComponent.class, BtlSelector.class.getClassLoader()).forEach(available::add);
        final List<BtlComponent> allowed = allowedComponents(parameter, available);
        if (allowed.isEmpty())
        {
            throw new BtlException("--btl " + parameter + " leaves no BTL module (available: " + names(available) + ")");
        }

        final Map<String, Btl> opened = new LinkedHashMap<>();
        for (final BtlComponent component : allowed)
        {
            try
            {
                opened.put(component.name(), component.open(context));
            }
            catch (final BtlException e)
            {
                if (parameter != null && !parameter.startsWith("^"))
                {
                    closeAll(opened.values());
                    throw new BtlException("BTL " + component.name() + " cannot run here: " + e.getMessage(), e);
                }
                if (verbosity > 0)
                {
                    log.println("[rank " + context.rank() + "] BTL " + component.name() + " skipped: " + e.getMessage());
                }
            }
        }

        final Map<String, byte[]> mine = new LinkedHashMap<>();
        opened.forEach((name, btl) -> mine.put(name, btl.localAddress()));
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        try
        {
            final byte[][] books = exchange.allgather(AddressBook.encode(mine));
            final List<Map<String, byte[]>> decoded = new ArrayList<>();
            for (int rank = 0; rank < books.length; rank++)
            {
                try
                {
                    decoded.add(AddressBook.decode(books[rank]));
                }
                catch (final IOException e)
                {
                    throw new BtlException("rank " + rank + " published a bad address book: " + e.getMessage(), e);
                }
            }
            for (final Map.Entry<String, Btl> entry : opened.entrySet())
            {
                final byte[][] addresses = new byte[context.size()][];
                for (int rank = 0; rank < addresses.length; rank++)
                {
                    addresses[rank] = decoded.get(rank).get(entry.getKey());
                }
                reach.put(entry.getValue(), entry.getValue().connect(addresses));
            }
        }
        catch (final IOException e)
        {
            closeAll(opened.values());
            throw new BtlException("address exchange failed: " + e.getMessage(), e);
        }
        catch (final RuntimeException e)
        {
            closeAll(opened.values());
            throw e;
        }

        final Btl[] routes;
        try
        {
            routes = route(context, reach);
        }
        catch (final BtlException e)
        {
            closeAll(opened.values());
            throw e;
        }
        closeUnused(routes, opened);
        if (verbosity > 0)
        {
            for (int peer = 0; peer < routes.length; peer++)
            {
                log.println("[rank " + context.rank() + "] to rank " + peer + ": " + routes[peer].describePeer(peer));
            }
        }
        return routes;
    }

    /**
     * Routes every rank within ONE matching domain (so that ANY_SOURCE works): among the domains whose modules
     * together reach every rank, the one holding the highest-priority module that reaches another rank wins (for a
     * one-rank world: the highest-priority module); within it each rank gets the highest-priority module reaching it.
     *
     * @param reach the ranks each opened module reaches, in priority order.
     * @return one module per world rank.
     * @throws BtlException naming the unreachable ranks when no domain reaches them all.
     */
    static Btl[] route(final BtlContext context, final Map<Btl, BitSet> reach)
    {
        final int size = context.size();
        final Map<Object, List<Btl>> domains = new LinkedHashMap<>();
        for (final Btl btl : reach.keySet())
        {
            domains.computeIfAbsent(btl.matchingDomain(), d -> new ArrayList<>()).add(btl);
        }
        final List<Btl> ranked = new ArrayList<>(reach.keySet());
        List<Btl> best = null;
        int bestScore = Integer.MAX_VALUE;
        final StringBuilder gaps = new StringBuilder();
        for (final List<Btl> members : domains.values())
        {
            final BitSet covered = new BitSet(size);
            int score = Integer.MAX_VALUE;
            for (final Btl btl : members)
            {
                final BitSet ranks = reach.get(btl);
                covered.or(ranks);
                final BitSet others = (BitSet)ranks.clone();
                others.clear(context.rank());
                if (size == 1 || !others.isEmpty())
                {
                    score = Math.min(score, ranked.indexOf(btl));
                }
            }
            covered.clear(size, Math.max(size, covered.length()));
            if (covered.cardinality() == size && score < bestScore)
            {
                best = members;
                bestScore = score;
            }
            else if (covered.cardinality() < size)
            {
                final BitSet missing = new BitSet(size);
                missing.set(0, size);
                missing.andNot(covered);
                gaps.append(gaps.length() == 0 ? "" : "; ").append(moduleNames(members)).append(" cannot reach rank(s) ")
                    .append(missing.stream().limit(8).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            }
        }
        if (best == null)
        {
            throw new BtlException("no BTL selection reaches every rank from rank " + context.rank() + " within one "
                + "matching domain: " + gaps);
        }
        final Btl[] routes = new Btl[size];
        for (final Btl btl : best)
        {
            final BitSet ranks = reach.get(btl);
            for (int rank = ranks.nextSetBit(0); rank >= 0 && rank < size; rank = ranks.nextSetBit(rank + 1))
            {
                if (routes[rank] == null)
                {
                    routes[rank] = btl;
                }
            }
        }
        return routes;
    }

    private static String moduleNames(final List<Btl> modules)
    {
        return modules.stream().map(Btl::name).collect(Collectors.joining("+"));
    }

    private static void closeUnused(final Btl[] routes, final Map<String, Btl> opened)
    {
        for (final Btl btl : opened.values())
        {
            boolean used = false;
            for (final Btl route : routes)
            {
                used |= route == btl;
            }
            if (!used)
            {
                btl.close();
            }
        }
    }

    static void closeAll(final Iterable<Btl> modules)
    {
        for (final Btl btl : modules)
        {
            try
            {
                btl.close();
            }
            catch (final RuntimeException ignored)
            {
                // closing is best effort while another failure is being reported
            }
        }
    }
}
