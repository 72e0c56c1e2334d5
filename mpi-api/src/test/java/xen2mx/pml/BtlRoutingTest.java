package xen2mx.pml;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import xen2mx.btl.Btl;
import xen2mx.btl.BtlContext;
import xen2mx.btl.BtlException;
import xen2mx.btl.BtlLimits;
import xen2mx.btl.BtlRequest;
import xen2mx.btl.BtlStatus;

/** Routing keeps every rank of a process in one matching domain and prefers the best module for remote ranks. */
class BtlRoutingTest
{
    /** A module that only has a name and a matching domain: routing looks at nothing else. */
    private record Module(String name, Object matchingDomain) implements Btl
    {
        @Override
        public BtlLimits limits()
        {
            return new BtlLimits(0, 0);
        }

        @Override
        public byte[] localAddress()
        {
            return new byte[0];
        }

        @Override
        public BitSet connect(final byte[][] addresses)
        {
            return new BitSet();
        }

        @Override
        public String describePeer(final int peer)
        {
            return name;
        }

        @Override
        public BtlRequest isend(final int destination, final long matchInfo, final ByteBuffer payload,
            final boolean synchronous)
        {
            throw new BtlException("routing test module does not send");
        }

        @Override
        public BtlRequest irecv(final long matchInfo, final long matchMask, final ByteBuffer destination)
        {
            throw new BtlException("routing test module does not receive");
        }

        @Override
        public BtlStatus iprobe(final long matchInfo, final long matchMask)
        {
            return null;
        }

        @Override
        public boolean cancel(final BtlRequest request)
        {
            return false;
        }

        @Override
        public int progress()
        {
            return 0;
        }

        @Override
        public void close()
        {
            // nothing to release
        }
    }

    private static final Object ENGINE = new Object();
    private static final Btl SELF = new Module("self", ENGINE);
    private static final Btl TCP = new Module("tcp", ENGINE);
    private static final Btl XEN2MX = new Module("xen2mx", new Object());

    private static BitSet ranks(final int... ranks)
    {
        final BitSet set = new BitSet();
        for (final int rank : ranks)
        {
            set.set(rank);
        }
        return set;
    }

    private static BtlContext context(final int rank, final int size)
    {
        return new BtlContext(rank, size, "job", Map.of(), null);
    }

    @Test
    void shouldUseSelfForOwnRankAndTcpForOthersInOneDomain()
    {
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        reach.put(SELF, ranks(1));
        reach.put(TCP, ranks(0, 1, 2));
        final Btl[] routes = BtlSelector.route(context(1, 3), reach);
        assertSame(TCP, routes[0]);
        assertSame(SELF, routes[1]);
        assertSame(TCP, routes[2]);
    }

    @Test
    void shouldPreferAnMxModuleThatReachesEveryRankOverMixingDomains()
    {
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        reach.put(SELF, ranks(0));
        reach.put(XEN2MX, ranks(0, 1));
        reach.put(TCP, ranks(0, 1));
        final Btl[] routes = BtlSelector.route(context(0, 2), reach);
        assertSame(XEN2MX, routes[0], "the MX module's own self path, not self, so ANY_SOURCE sees one domain");
        assertSame(XEN2MX, routes[1]);
    }

    @Test
    void shouldFallBackToTheDomainThatReachesEveryone()
    {
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        reach.put(SELF, ranks(0));
        reach.put(XEN2MX, ranks(0));
        reach.put(TCP, ranks(0, 1));
        final Btl[] routes = BtlSelector.route(context(0, 2), reach);
        assertSame(SELF, routes[0]);
        assertSame(TCP, routes[1]);
    }

    @Test
    void shouldUseTheBestModuleInAOneRankWorld()
    {
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        reach.put(SELF, ranks(0));
        reach.put(TCP, ranks(0));
        assertSame(SELF, BtlSelector.route(context(0, 1), reach)[0]);
    }

    @Test
    void shouldNameTheRanksNoDomainReaches()
    {
        final Map<Btl, BitSet> reach = new LinkedHashMap<>();
        reach.put(SELF, ranks(0));
        reach.put(XEN2MX, ranks(0, 2));
        final BtlException e = assertThrows(BtlException.class, () -> BtlSelector.route(context(0, 3), reach));
        assertTrue(e.getMessage().contains("self cannot reach rank(s) 1,2"), e.getMessage());
        assertTrue(e.getMessage().contains("xen2mx cannot reach rank(s) 1"), e.getMessage());
    }
}
