package xen2mx.pml;

import java.io.IOException;

/** The all-gather of BTL addresses at start-up: through the launcher's rendezvous, or trivial for a singleton. */
@FunctionalInterface
public interface AddressExchange
{
    /**
     * @param mine this rank's bytes.
     * @return every rank's bytes, indexed by world rank.
     * @throws IOException when the exchange fails or times out.
     */
    byte[][] allgather(byte[] mine) throws IOException;
}
