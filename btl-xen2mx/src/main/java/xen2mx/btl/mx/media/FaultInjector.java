package xen2mx.btl.mx.media;

import java.nio.ByteBuffer;

/**
 * Decides what happens to each frame crossing a {@link MemoryEthernet}: the supplied fault-injection component, like
 * Aeron's {@code LossGenerator} (no {@code if (DEBUG)} in the media). {@link RandomFaults} is the seeded random one;
 * tests write their own for exact scenarios, e.g. "lose the first TINY frame".
 *
 * <p>Threading: called on the sending port's thread while the fabric's lock is held, so one call at a time per
 * fabric; an implementation needs no synchronisation of its own, and its state written here is visible to a thread
 * that later sends or receives on the same fabric.
 */
@FunctionalInterface
public interface FaultInjector
{
    /** Delivers every frame once, unchanged, at once. */
    FaultInjector NONE = (sourcePort, frame, fate) ->
    {
    };

    /**
     * @param sourcePort the {@link MemoryPort#portNumber()} of the sender.
     * @param frame      the in-flight copy of the frame, from position 0 to its limit; writable: the receivers get
     *                   its bytes as they are when this method returns (this is how corruption is injected). The
     *                   sender's own buffer is never touched. Valid only during the call.
     * @param fate       preset to one copy with no delay; change it to lose, duplicate or delay the frame.
     */
    void inject(int sourcePort, ByteBuffer frame, FrameFate fate);
}
