package xen2mx.btl.match;

/**
 * A message that arrived before any matching receive: an eager message with its bytes copied, or a rendezvous
 * descriptor with the prefix the transport delivered along with it.
 */
final class UnexpectedMessage
{
    final int source;
    final long matchInfo;
    final long length;
    final byte[] data;
    final boolean rendezvous;
    final MatchCallback callback;
    final long cookie;

    UnexpectedMessage previous;
    UnexpectedMessage next;
    UnexpectedMessage binPrevious;
    UnexpectedMessage binNext;
    UnexpectedMessages.Bin bin;

    UnexpectedMessage(
        final int source,
        final long matchInfo,
        final long length,
        final byte[] data,
        final boolean rendezvous,
        final MatchCallback callback,
        final long cookie)
    {
        this.source = source;
        this.matchInfo = matchInfo;
        this.length = length;
        this.data = data;
        this.rendezvous = rendezvous;
        this.callback = callback;
        this.cookie = cookie;
    }
}
