package xen2mx.btl.mx.driver;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.btl.mx.media.MemoryEthernet;
import xen2mx.btl.mx.protocol.MxoeFrameDescriptor;
import xen2mx.btl.mx.protocol.MxoeLayout;
import xen2mx.btl.mx.protocol.PullReplyFlyweight;
import xen2mx.btl.mx.protocol.PullRequestFlyweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The puller refuses replies that do not belong to its pull, frame by frame, and accepts each frame once. */
@Timeout(10)
class PullerValidationTest
{
    private static final int LENGTH = 20_000; // frames of 8968, 8968, 2064

    @Test
    void shouldAcceptEachFrameOnceAndRefuseForeignReplies() throws DriverException
    {
        final MemoryEthernet fabric = new MemoryEthernet(9000);
        try (WireProbe pulled = new WireProbe(fabric, MxoeLayout.DEFAULT);
            NativeDriver driver = new NativeDriver(fabric.attach(),
                new DriverContext().threadingMode(ThreadingMode.INVOKER).queueSlots(16)))
        {
            final DriverEndpoint puller = driver.openEndpoint(0, 4);
            final int peer = driver.peerIndex(pulled.mac);
            final ByteBuffer destination = ByteBuffer.allocate(LENGTH);
            puller.createRegion(0, destination);
            assertEquals(DriverStatus.SUCCESS, puller.pull(peer, 1, 0x51, LENGTH, 0, 2, 0, 0, 0, 9L));
            final List<ByteBuffer> requests = pulled.drain();
            assertEquals(1, requests.size());
            final PullRequestFlyweight pull = pulled.decode(requests.get(0)).pull();
            assertEquals(LENGTH, pull.blockLength());
            final int handle = pull.srcPullHandle();
            final int magic = pull.srcMagic();
            final byte[] data = new byte[LENGTH];
            new java.util.Random(4).nextBytes(data);
            final DriverCounters counters = driver.counters();

            reply(pulled, driver, peer, 0, 0, 8968, handle, magic, data);
            reply(pulled, driver, peer, 0, 0, 8968, handle, magic, data);
            assertEquals(1, counters.get(DriverCounter.PULL_REPLY_RECEIVED));
            assertEquals(1, counters.get(DriverCounter.DROP_PULL_REPLY_DUPLICATE));

            reply(pulled, driver, peer, 5, 8968, 8968, handle, magic, data);     // frame number disagrees
            reply(pulled, driver, peer, 1, 8968, 8000, handle, magic, data);     // short frame
            reply(pulled, driver, peer, 1, 9000, 8968, handle, magic, data);     // misaligned offset
            assertEquals(3, counters.get(DriverCounter.DROP_PULL_REPLY_BAD_FRAME));
            reply(pulled, driver, peer, 1, 8968, 8968, handle + 1, magic, data); // another generation
            reply(pulled, driver, peer, 1, 8968, 8968, handle ^ (1 << 22), magic, data); // another slot
            reply(pulled, driver, peer, 1, 8968, 8968, handle, MxoeFrameDescriptor.pullMagic(5), data);
            assertEquals(2, counters.get(DriverCounter.DROP_PULL_REPLY_BAD_HANDLE));
            assertEquals(1, counters.get(DriverCounter.DROP_PULL_REPLY_BAD_MAGIC));

            reply(pulled, driver, peer, 2, 2 * 8968, LENGTH - 2 * 8968, handle, magic, data);
            reply(pulled, driver, peer, 1, 8968, 8968, handle, magic, data);
            final EventRecorder recorder = new EventRecorder();
            puller.poll(recorder, 10);
            assertEquals(EventType.PULL_DONE, recorder.only().type());
            assertEquals(PullStatus.SUCCESS, recorder.only().status());
            assertArrayEquals(data, destination.array());

            reply(pulled, driver, peer, 2, 2 * 8968, LENGTH - 2 * 8968, handle, magic, data);
            assertEquals(3, counters.get(DriverCounter.DROP_PULL_REPLY_BAD_HANDLE), "a finished pull's id is stale");
            assertEquals(3, counters.get(DriverCounter.PULL_REPLY_RECEIVED));
            assertTrue(pulled.drain().isEmpty(), "nothing re-requested: the timer did not fire");
        }
    }

    private static void reply(
        final WireProbe pulled,
        final NativeDriver driver,
        final int peerAtDriver,
        final int frameSeqnum,
        final int msgOffset,
        final int length,
        final int handle,
        final int magic,
        final byte[] data)
    {
        final PullReplyFlyweight reply = pulled.encoder.pullReply(pulled.tx, 0).destinationMac(driver.boardAddress(0))
            .sourceMac(pulled.mac).peerIndex(peerAtDriver);
        reply.frameSeqnum(frameSeqnum).msgOffset(msgOffset).dstPullHandle(handle).dstMagic(magic)
            .payload(data, Math.min(msgOffset, data.length - length), length);
        pulled.send(reply.frameLength());
        driver.doWork();
    }
}
