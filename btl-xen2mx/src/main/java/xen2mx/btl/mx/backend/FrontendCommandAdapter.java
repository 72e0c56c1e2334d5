package xen2mx.btl.mx.backend;

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
import static xen2mx.btl.mx.pv.CommandDescriptor.PAYLOAD_MAX;
import static xen2mx.btl.mx.pv.CommandDescriptor.PAYLOAD_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PEER_INDEX_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.PIGGYACK_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.SEQNUM_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.SESSION_ID_OFFSET;
import static xen2mx.btl.mx.pv.CommandDescriptor.SLOT_LENGTH;
import static xen2mx.btl.mx.pv.CommandDescriptor.TYPE_OFFSET;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;


import xen2mx.btl.mx.driver.CoreEndpoint;
import xen2mx.btl.mx.driver.DriverCore;
import xen2mx.btl.mx.driver.DriverEvent;
import xen2mx.btl.mx.driver.DriverStatus;
import xen2mx.btl.mx.driver.EventType;
import xen2mx.btl.mx.driver.PullStatus;
import xen2mx.btl.mx.driver.Region;
import xen2mx.btl.mx.pv.SharedBuffer;
import xen2mx.btl.mx.pv.CommandDescriptor;
import xen2mx.btl.mx.pv.EventDescriptor;

/**
 * Reads a guest's command ring and runs each command on the driver core (Aeron's {@code ClientCommandAdapter}; Xen's
 * {@code RING_COPY_REQUEST}): every slot is copied out of the shared ring before any field is read, the endpoint must
 * be one the guest opened, every offset and length must lie in the guest's own segment, and the core stamps the
 * source endpoint, session and MAC itself. A command that breaks these rules fails the guest ({@link Guest#fail}).
 *
 * <p>Each SEND_MEDIUM_FRAG and PULL produces exactly one expected event even when the core refuses it (a DONE for the
 * fragment, which the library resends; a PULL_DONE ABORTED), so the guest's reservations always come back.
 * Conductor thread only.
 */
final class FrontendCommandAdapter
{
    /** Commands taken from one guest per pass, so that one busy guest does not starve the others. */
    static final int BATCH = 64;

    private final DriverCore core;
    private final SharedBuffer copy = new SharedBuffer(SLOT_LENGTH);
    private final ByteBuffer payload = ByteBuffer.allocateDirect(PAYLOAD_MAX).order(ByteOrder.nativeOrder());
    private final DriverEvent synthetic = new DriverEvent();

    FrontendCommandAdapter(final DriverCore core)
    {
        this.core = core;
    }

    /**
     * Runs up to {@link #BATCH} commands of one guest.
     *
     * @param guest the guest.
     * @return commands run.
     */
    int drain(final Guest guest)
    {
        int done = 0;
        try
        {
            final int available = Math.min(guest.commands.available(), BATCH);
            for (; done < available && guest.failure() == null; done++)
            {
                copy.putBytes(0, guest.commands.buffer(), guest.commands.head(), SLOT_LENGTH);
                guest.commands.release();
                execute(guest);
            }
        }
        catch (final IllegalStateException ex)
        {
            guest.fail("command ring: " + ex.getMessage());
        }
        return done;
    }

    private void execute(final Guest guest)
    {
        final int type = copy.getInt(TYPE_OFFSET);
        final int index = copy.getInt(ENDPOINT_OFFSET);
        final GuestEndpoint owner = guest.endpoint(index);
        if (owner == null)
        {
            guest.fail("command " + type + " names endpoint " + index + ", which is not one of its own");
            return;
        }
        final CoreEndpoint endpoint = owner.core();
        final int peer = copy.getInt(PEER_INDEX_OFFSET);
        final int dest = copy.getInt(DEST_ENDPOINT_OFFSET);
        final int session = copy.getInt(SESSION_ID_OFFSET);
        final int seqnum = copy.getInt(SEQNUM_OFFSET);
        final int piggyack = copy.getInt(PIGGYACK_OFFSET);
        final long matchInfo = copy.getLong(MATCH_INFO_OFFSET);
        final int arg0 = copy.getInt(ARG0_OFFSET);
        final int arg1 = copy.getInt(ARG1_OFFSET);
        final int arg2 = copy.getInt(ARG2_OFFSET);
        final int arg3 = copy.getInt(ARG3_OFFSET);
        switch (type)
        {
            case CommandDescriptor.SEND_TINY:
            case CommandDescriptor.SEND_SMALL:
                final int length = copy.getInt(PAYLOAD_LENGTH_OFFSET);
                if (length < 0 || length > PAYLOAD_MAX)
                {
                    guest.fail("inline payload of " + length + " bytes (at most " + PAYLOAD_MAX + ")");
                    return;
                }
                copy.getBytes(PAYLOAD_OFFSET, payload.clear(), 0, length);
                payload.limit(length);
                core.sendEager(endpoint, type == CommandDescriptor.SEND_SMALL, peer, dest, session, seqnum, piggyack,
                    matchInfo, payload);
                break;
            case CommandDescriptor.SEND_MEDIUM_FRAG:
                if (core.sendMediumFragment(endpoint, peer, dest, session, seqnum, piggyack, matchInfo, arg0, arg1,
                    owner.sendQueue(), arg2, arg3) != DriverStatus.SUCCESS)
                {
                    owner.postExpected(synthetic.reset(EventType.SEND_MEDIUMSQ_FRAG_DONE).peerIndex(peer)
                        .srcEndpoint(dest).sendqOffset(arg2));
                }
                break;
            case CommandDescriptor.SEND_RNDV:
                core.sendRndv(endpoint, peer, dest, session, seqnum, piggyack, matchInfo, arg0, arg1, arg2);
                break;
            case CommandDescriptor.PULL:
                if (core.pull(endpoint, peer, dest, session, arg0, arg1, arg2, arg3, copy.getInt(ARG4_OFFSET),
                    copy.getInt(ARG5_OFFSET), matchInfo) != DriverStatus.SUCCESS)
                {
                    owner.postExpected(synthetic.reset(EventType.PULL_DONE).peerIndex(peer).srcEndpoint(dest)
                        .cookie(matchInfo).region(arg1, 0, 0).status(PullStatus.ABORTED));
                }
                break;
            case CommandDescriptor.SEND_NOTIFY:
                core.sendNotify(endpoint, peer, dest, session, seqnum, piggyack, arg0, arg1, arg2);
                break;
            case CommandDescriptor.SEND_CONNECT_REQUEST:
                core.sendConnect(endpoint, peer, dest, false, endpoint.sessionId(), 0, arg0, arg1, arg2, 0);
                break;
            case CommandDescriptor.SEND_CONNECT_REPLY:
                core.sendConnect(endpoint, peer, dest, true, session, endpoint.sessionId(), 0, arg1, arg2, arg3);
                break;
            case CommandDescriptor.SEND_LIBACK:
                core.sendLiback(endpoint, peer, dest, session, arg0, arg1);
                break;
            case CommandDescriptor.CREATE_REGION:
                createRegion(guest, endpoint, arg0, arg1, arg2);
                break;
            case CommandDescriptor.DESTROY_REGION:
                core.destroyRegion(endpoint, arg0);
                guest.postInternal(index, EventDescriptor.REGION_DESTROYED, arg0);
                break;
            case CommandDescriptor.CLOSE_ENDPOINT:
                core.closeEndpoint(endpoint);
                guest.endpoint(index, null);
                guest.postInternal(index, EventDescriptor.ENDPOINT_CLOSED, 0);
                break;
            default:
                guest.fail("unknown command type " + type);
        }
    }

    private void createRegion(final Guest guest, final CoreEndpoint endpoint, final int regionId, final int offset,
        final int length)
    {
        final ByteBuffer range = guest.segmentRange(offset & 0xFFFF_FFFFL, length);
        if (range == null)
        {
            guest.fail("region " + regionId + " at segment offset " + (offset & 0xFFFF_FFFFL) + " length " + length
                + " is outside its segment [" + guest.allocatableStart + ", " + guest.segmentLength + ")");
            return;
        }
        core.createRegion(endpoint, regionId, Region.of(range));
    }
}
