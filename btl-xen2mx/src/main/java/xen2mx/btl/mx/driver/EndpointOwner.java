package xen2mx.btl.mx.driver;

/**
 * Where the driver core delivers an endpoint's events: the owner of the endpoint. In the native driver that is an
 * in-process {@link EventQueue} polled by the MX library; in the backend it will be the guest's event ring. The core
 * does not know which.
 *
 * <p>Called only on the core's thread. Implementations copy what they keep: the event object and its payload view
 * are reused after the call.
 */
public interface EndpointOwner
{
    /**
     * Hands over an event for a received frame (unexpected event), copying its fields and payload.
     *
     * @param event         the event (its own payload field is not used).
     * @param payload       the buffer holding the payload (the received frame).
     * @param payloadIndex  absolute index of the first payload byte.
     * @param payloadLength payload bytes, 0 for none; at most the endpoint's receive slot length.
     * @return false if there was no room (the core drops the frame and counts it; the peer resends).
     */
    boolean offerUnexpected(DriverEvent event, java.nio.ByteBuffer payload, int payloadIndex, int payloadLength);

    /**
     * Reserves room for one expected event that a command will produce later.
     *
     * @return false if there is no room (the command answers {@link DriverStatus#NO_RESOURCES}).
     */
    boolean reserveExpected();

    /**
     * Posts an expected event into room reserved by {@link #reserveExpected()}; always succeeds.
     *
     * @param event the event, copied.
     */
    void postExpected(DriverEvent event);

    /** Gives back one reservation that will not be used (the command failed after reserving). */
    void releaseExpected();
}
