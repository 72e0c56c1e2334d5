package xen2mx.btl.mx.frontend;

import static xen2mx.btl.mx.pv.CommandDescriptor.ARG0_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ARG1_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ARG2_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ARG3_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ARG4_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ARG5_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.DEST_ENDPOINT_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.ENDPOINT_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.MATCH_INFO_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PAYLOAD_LENGTH_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PAYLOAD_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PEER_INDEX_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PIGGYACK_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.SEQNUM_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.SESSION_ID_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.TYPE_OFFSET;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;


import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.SlotRing;

/**
 * Writes commands into the guest's command ring (Aeron's {@code DriverProxy}): claim a slot, fill it
 * ({@link xen2mx.btl.mx.pv.CommandDescriptor}), commit (release-store of the producer index, then a wake-up if the
 * backend sleeps). Any thread: a lock makes the ring's single producer. A full ring means the backend is behind: the
 * caller spins, then yields, until there is room or the backend is gone.
 */
final class BackendProxy
{
    private final SlotRing ring;
    private final BackendConnection connection;
    private final ReentrantLock lock = new ReentrantLock();

    BackendProxy(final SlotRing ring, final BackendConnection connection)
    {
        this.ring = ring;
        this.connection = connection;
    }

    /**
     * Posts one command.
     *
     * @param type      command type.
     * @param endpoint  own endpoint index.
     * @param peer      destination peer index.
     * @param dest      destination endpoint.
     * @param session   destination session.
     * @param seqnum    seqnum.
     * @param piggyack  piggyack.
     * @param matchInfo match info or cookie.
     * @param a0        ARG0 (meaning by type, see the descriptor).
     * @param a1        ARG1.
     * @param a2        ARG2.
     * @param a3        ARG3.
     * @param a4        ARG4.
     * @param a5        ARG5.
     * @param payload   inline payload, position to limit, or null.
     * @return false if the backend is gone (nothing was posted).
     */
    boolean post(final int type, final int endpoint, final int peer, final int dest, final int session,
        final int seqnum, final int piggyack, final long matchInfo, final int a0, final int a1, final int a2, final int a3, final int a4, final int a5,
        final ByteBuffer payload)
    {
        lock.lock();
        try
        {
            final int at = claim();
            if (at < 0)
            {
                return false;
            }
            final SharedBuffer slot = ring.buffer();
            slot.putInt(at + TYPE_OFFSET, type);
            slot.putInt(at + ENDPOINT_OFFSET, endpoint);
            slot.putInt(at + PEER_INDEX_OFFSET, peer);
            slot.putInt(at + DEST_ENDPOINT_OFFSET, dest);
            slot.putInt(at + SESSION_ID_OFFSET, session);
            slot.putInt(at + SEQNUM_OFFSET, seqnum);
            slot.putInt(at + PIGGYACK_OFFSET, piggyack);
            slot.putLong(at + MATCH_INFO_OFFSET, matchInfo);
            slot.putInt(at + ARG0_OFFSET, a0);
            slot.putInt(at + ARG1_OFFSET, a1);
            slot.putInt(at + ARG2_OFFSET, a2);
            slot.putInt(at + ARG3_OFFSET, a3);
            slot.putInt(at + ARG4_OFFSET, a4);
            slot.putInt(at + ARG5_OFFSET, a5);
            final int length = payload == null ? 0 : payload.remaining();
            slot.putInt(at + PAYLOAD_LENGTH_OFFSET, length);
            if (length > 0)
            {
                slot.putBytes(at + PAYLOAD_OFFSET, payload, payload.position(), length);
            }
            ring.commit(); // backend sees the slot's bytes before the new producer index
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    private int claim()
    {
        int spins = 0;
        while (true)
        {
            final int at = ring.claim();
            if (at >= 0)
            {
                return at;
            }
            if (connection.failure() != null)
            {
                return -1;
            }
            if (++spins < 1_000)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
    }
}
