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
        final Btl[] routes = new Btl[context.size()];
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
                final BitSet reach = entry.getValue().connect(addresses);
                for (int rank = reach.nextSetBit(0); rank >= 0 && rank < routes.length; rank = reach.nextSetBit(rank + 1))
                {
                    if (routes[rank] == null)
                    {
                        routes[rank] = entry.getValue();
                    }
                }
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

        checkRoutes(context, routes, opened);
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

    private static void checkRoutes(final BtlContext context, final Btl[] routes, final Map<String, Btl> opened)
    {
        Object domain = null;
        for (int rank = 0; rank < routes.length; rank++)
        {
            if (routes[rank] == null)
            {
                closeAll(opened.values());
                throw new BtlException("no BTL module reaches rank " + rank + " from rank " + context.rank()
                    + " (opened: " + String.join(",", opened.keySet()) + ")");
            }
            if (domain == null)
            {
                domain = routes[rank].matchingDomain();
            }
            else if (domain != routes[rank].matchingDomain())
            {
                closeAll(opened.values());
                throw new BtlException("BTL modules " + routes[0].name() + " and " + routes[rank].name()
                    + " do not share a matching domain, so ANY_SOURCE cannot work; choose one with --btl");
            }
        }
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
