package xen2mx.btl.mx.driver;

/**
 * The driver as the MX library sees it: boards, the peer table, and endpoint opening (Open-MX's global ioctls plus
 * {@code OPEN_ENDPOINT}). All traffic then goes through the {@link DriverEndpoint} returned by
 * {@link #openEndpoint(int, int)}.
 *
 * <p><b>Boards.</b> A board is one Ethernet attachment, numbered from 0; its board address ("nic id") is its MAC as a
 * 48-bit integer, byte 0 of the MAC in bits 47..40.
 *
 * <p><b>Peer table.</b> One table per driver maps board addresses to peer indexes {@code 0 .. peerMax-1}, assigned
 * in insertion order (so the same host has different indexes on different hosts). The local boards are peers too.
 * Indexes never change while the driver is open; every command names its destination by peer index and every event
 * names its source by peer index. There is no discovery daemon: {@link #peerIndex(long)} adds an unknown address, and
 * the driver adds the sender of a received CONNECT by itself. Any other frame from a board that is not in the table
 * is dropped (as in Open-MX), so traffic starts with a connect, as MX requires anyway.
 *
 * <p><b>Threading.</b> Every method is thread-safe. None of them blocks on the network.
 */
public interface Driver extends AutoCloseable
{
    /** {@link #openEndpoint(int, int)}: take the first free endpoint index (MX's {@code MX_ANY_ENDPOINT}). */
    int ANY_ENDPOINT = -1;

    /** {@link #peerAddress(int)}: no peer at this index. */
    long NO_ADDRESS = -1L;

    /** {@link #peerIndex(long)}: the address is not valid or the peer table is full. */
    int NO_PEER = -1;

    /** @return the number of boards, at least 1. */
    int boardCount();

    /**
     * @param board board index, {@code 0 .. boardCount()-1}.
     * @return the board's address (MAC as a 48-bit integer).
     * @throws IllegalArgumentException if there is no such board.
     */
    long boardAddress(int board);

    /**
     * @param board board index.
     * @return the board's interface name, e.g. {@code veth0}.
     * @throws IllegalArgumentException if there is no such board.
     */
    String interfaceName(int board);

    /**
     * @param board board index.
     * @return the sizes that govern traffic on this board (MTU, fragment and pull reply lengths, table sizes).
     * @throws IllegalArgumentException if there is no such board.
     */
    DriverLimits limits(int board);

    /**
     * Looks up a board address in the peer table, adding it if it is not there yet (Open-MX's
     * {@code PEER_FROM_ADDR} plus {@code PEER_ADD}).
     *
     * @param boardAddress a 48-bit unicast MAC address as an integer.
     * @return its peer index, or {@link #NO_PEER} if the address is not a 48-bit unicast address or the table is
     * full.
     */
    int peerIndex(long boardAddress);

    /**
     * @param peerIndex a peer index.
     * @return the board address at that index, or {@link #NO_ADDRESS} if the index is unused or out of range.
     */
    long peerAddress(int peerIndex);

    /**
     * Opens an endpoint. The driver gives it a fresh random 32-bit session id, different from the previous one
     * used for the same (board, index), which is how peers' stale traffic is rejected after a reopen.
     *
     * <p>The MX endpoint key (filter) is not the driver's business: the library checks it on connect requests.
     *
     * @param board         board index.
     * @param endpointIndex {@code 0 .. limits(board).endpointMax()-1}, or {@link #ANY_ENDPOINT}.
     * @return the open endpoint.
     * @throws DriverException {@link DriverStatus#BAD_BOARD} (no such board), {@link DriverStatus#BAD_ENDPOINT}
     *                         (index out of range), {@link DriverStatus#BUSY} (already open, or no free index for
     *                         {@code ANY_ENDPOINT}), {@link DriverStatus#CLOSED} (driver closed).
     */
    DriverEndpoint openEndpoint(int board, int endpointIndex) throws DriverException;

    /**
     * Closes every endpoint still open, then the boards. Idempotent.
     */
    @Override
    void close();
}
