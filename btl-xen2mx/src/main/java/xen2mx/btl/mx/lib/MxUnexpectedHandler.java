package xen2mx.btl.mx.lib;

import java.nio.ByteBuffer;

/**
 * Called when a message arrives that matches no posted receive ({@code mx_register_unexp_handler}), synchronously,
 * on the thread that is progressing the endpoint, with progression disabled: the handler may post receives but must
 * not close the endpoint or wait.
 */
@FunctionalInterface
public interface MxUnexpectedHandler
{
    /** What the library does with the message after the handler returns. */
    enum Action
    {
        /** Try matching again (the handler may have posted a receive), else queue it as unexpected. */
        CONTINUE,
        /** The handler consumed the message; it is dropped (a large message's sender is still told it finished). */
        FINISHED
    }

    /**
     * @param source    the sender.
     * @param matchInfo the message's match info.
     * @param msgLength the message length.
     * @param data      the message bytes, read-only, for tiny, small and single-fragment medium messages; null
     *                  otherwise. Valid only during the call.
     * @return what to do with the message.
     */
    Action onUnexpected(MxEndpointAddress source, long matchInfo, int msgLength, ByteBuffer data);
}
