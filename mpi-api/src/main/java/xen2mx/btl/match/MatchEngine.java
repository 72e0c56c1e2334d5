package xen2mx.btl.match;

/** The matching engine shared by the non-MX modules (self, tcp). Being written: see issue 2. */
public final class MatchEngine
{
}
