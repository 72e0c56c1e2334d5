package xen2mx.btl.mx.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.btl.mx.protocol.Golden.DST_MAC;
import static xen2mx.btl.mx.protocol.Golden.PEER_INDEX;
import static xen2mx.btl.mx.protocol.Golden.SRC_MAC;

/**
 * Every header in both layouts against bytes written from the brief's offset tables ({@link Golden}): the encoder
 * must produce exactly those bytes, and the decoder must accept them and read every field back.
 */
class GoldenBytesTest
{
    private static final int ENDPOINT_MAX = 32;
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuffer buffer = ByteBuffer.allocate(10_000);

    private static int mtu(final MxoeLayout layout)
    {
        return layout == MxoeLayout.DEFAULT ? 9000 : MxoeLayout.MX_WIRE_COMPAT_MTU;
    }

    private static MxoeFrameEncoder encoder(final MxoeLayout layout)
    {
        return new MxoeFrameEncoder(layout, mtu(layout));
    }

    private static DecodedFrame decode(final MxoeLayout layout, final byte[] frame)
    {
        final DecodedFrame decoded = new MxoeFrameDecoder(layout, mtu(layout), ENDPOINT_MAX)
            .decode(ByteBuffer.wrap(frame));
        assertTrue(decoded.isAccepted(), decoded::toString);
        assertEquals(DST_MAC, decoded.flyweight().destinationMac());
        assertEquals(SRC_MAC, decoded.flyweight().sourceMac());
        assertEquals(PEER_INDEX, decoded.flyweight().peerIndex());
        assertEquals(0x86DF, decoded.flyweight().etherType());
        return decoded;
    }

    private <F extends MxoeFrameFlyweight<F>> F envelope(final F flyweight)
    {
        return flyweight.destinationMac(DST_MAC).sourceMac(SRC_MAC).peerIndex(PEER_INDEX);
    }

    private void assertFrame(final byte[] expected, final MxoeFrameFlyweight<?> encoded)
    {
        assertEquals(expected.length, encoded.frameLength(), "frame length");
        assertArrayEquals(expected, Arrays.copyOfRange(buffer.array(), 0, encoded.frameLength()));
    }

    private static byte[] filled(final int length, final int seed)
    {
        final byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(seed + 7 * i);
        }
        return data;
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeTinyAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(24, HELLO.length)
            .u8(0, 37).u8(1, 0x05).u8(2, 0x07).u8(3, 0).u16(4, HELLO.length).u16(6, 0)
            .u16(8, 0x4123).u16(10, 0x8456).u32(12, 0x01020304L).u32(16, 0x05060708L).u32(20, 0xCAFEBABEL)
            .body(24, HELLO).bytes();
        assertEquals(60, expected.length);

        assertFrame(expected, envelope(encoder(layout).tiny(buffer, 0)).dstEndpoint(5).srcEndpoint(7)
            .libSeqnum(0x4123).libPiggyack(0x8456).matchInfo(0x0102030405060708L).session(0xCAFEBABE)
            .payload(HELLO, 0, HELLO.length));

        final DecodedFrame decoded = decode(layout, expected);
        assertEquals(MxoePacketType.TINY, decoded.packetType());
        final EagerMessageFlyweight tiny = decoded.eager();
        assertEquals(5, tiny.dstEndpoint());
        assertEquals(7, tiny.srcEndpoint());
        assertEquals(0x4123, tiny.libSeqnum());
        assertEquals(0x8456, tiny.libPiggyack());
        assertEquals(0x0102030405060708L, tiny.matchInfo());
        assertEquals(0xCAFEBABE, tiny.session());
        assertEquals(HELLO.length, tiny.payloadLength());
        assertEquals(40, tiny.payloadOffset());
        final byte[] payload = new byte[HELLO.length];
        tiny.getPayload(payload, 0);
        assertArrayEquals(HELLO, payload);
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeSmallAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] data = filled(128, 3);
        final byte[] expected = Golden.frame(24, 128)
            .u8(0, 38).u8(1, 0x1F).u8(2, 0x00).u8(3, 0).u16(4, 128).u16(6, 0)
            .u16(8, 0x0001).u16(10, 0xC000).u32(12, 0xFFFFFFFFL).u32(16, 0x80000000L).u32(20, 0x12345678L)
            .body(24, data).bytes();
        assertEquals(16 + 24 + 128, expected.length);

        assertFrame(expected, envelope(encoder(layout).small(buffer, 0)).dstEndpoint(0x1F).srcEndpoint(0)
            .libSeqnum(1).libPiggyack(0xC000).matchInfo(0xFFFFFFFF80000000L).session(0x12345678)
            .payload(ByteBuffer.wrap(data), 0, data.length));

        final EagerMessageFlyweight small = decode(layout, expected).eager();
        assertEquals(MxoePacketType.SMALL, small.packetType());
        assertEquals(0xFFFFFFFF80000000L, small.matchInfo());
        assertEquals(0xFFFFFFFF, small.matchA());
        assertEquals(0x80000000, small.matchB());
        assertEquals(128, small.payloadLength());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeRndvAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(32, 0)
            .u8(0, 40).u8(1, 0x03).u8(2, 0x04).u8(3, 0).u16(4, 8).u16(6, 0)
            .u16(8, 0x0010).u16(10, 0x000F).u32(12, 0xA1A2A3A4L).u32(16, 0xB1B2B3B4L).u32(20, 0x0BADF00DL)
            .u32(24, 0x89ABCDEFL).u8(28, 0x9A).u8(29, 0x5C).u16(30, 0).bytes();

        assertFrame(expected, envelope(encoder(layout).rndv(buffer, 0)).dstEndpoint(3).srcEndpoint(4)
            .libSeqnum(0x10).libPiggyack(0x0F).matchInfo(0xA1A2A3A4B1B2B3B4L).session(0x0BADF00D)
            .msgLength(0x89ABCDEFL).pulledRdmaId(0x9A).pulledRdmaSeqnum(0x5C));

        final RndvFlyweight rndv = decode(layout, expected).rndv();
        assertEquals(8, rndv.dataLength());
        assertEquals(0x89ABCDEFL, rndv.msgLength());
        assertEquals(0x9A, rndv.pulledRdmaId());
        assertEquals(0x5C, rndv.pulledRdmaSeqnum());
        assertEquals(0, rndv.pulledRdmaOffset());
        assertEquals(0x0BADF00D, rndv.session());
        assertEquals(0, rndv.payloadLength());
    }

    @Test
    void shouldEncodeMediumFragmentWithThe32BitLengthOfTheDefaultLayout()
    {
        final byte[] data = filled(100, 9);
        final byte[] expected = Golden.frame(32, 100)
            .u8(0, 39).u8(1, 0x02).u8(2, 0x01).u8(3, 0).u32(4, 2 * 8192 + 100)
            .u16(8, 0x0042).u16(10, 0x0041).u32(12, 0x11111111L).u32(16, 0x22222222L).u32(20, 0x33333333L)
            .u16(24, 100).u8(26, 2).u8(27, 0).u16(28, 0).u16(30, 0).body(32, data).bytes();

        assertFrame(expected, envelope(encoder(MxoeLayout.DEFAULT).mediumFrag(buffer, 0)).dstEndpoint(2)
            .srcEndpoint(1).libSeqnum(0x42).libPiggyack(0x41).matchInfo(0x1111111122222222L).session(0x33333333)
            .msgLength(2 * 8192 + 100).fragSeqnum(2).payload(data, 0, data.length));

        final MediumFragFlyweight medium = decode(MxoeLayout.DEFAULT, expected).medium();
        assertEquals(2 * 8192 + 100, medium.msgLength());
        assertEquals(100, medium.fragLength());
        assertEquals(2, medium.fragSeqnum());
        assertEquals(48, medium.payloadOffset());
    }

    @Test
    void shouldEncodeMediumFragmentWithThe16BitLengthAndPipelineOfTheCompatLayout()
    {
        final byte[] data = filled(100, 9);
        final byte[] expected = Golden.frame(32, 100)
            .u8(0, 39).u8(1, 0x02).u8(2, 0x01).u8(3, 0).u16(4, 2 * 4096 + 100).u16(6, 0)
            .u16(8, 0x0042).u16(10, 0x0041).u32(12, 0x11111111L).u32(16, 0x22222222L).u32(20, 0x33333333L)
            .u16(24, 100).u8(26, 2).u8(27, 12).u16(28, 0).u16(30, 0).body(32, data).bytes();

        assertFrame(expected, envelope(encoder(MxoeLayout.MX_WIRE_COMPAT).mediumFrag(buffer, 0)).dstEndpoint(2)
            .srcEndpoint(1).libSeqnum(0x42).libPiggyack(0x41).matchInfo(0x1111111122222222L).session(0x33333333)
            .msgLength(2 * 4096 + 100).fragSeqnum(2).payload(data, 0, data.length));

        final MediumFragFlyweight medium = decode(MxoeLayout.MX_WIRE_COMPAT, expected).medium();
        assertEquals(2 * 4096 + 100, medium.msgLength());
        assertEquals(12, medium.fragPipeline());
    }

    @Test
    void shouldEncodeThe44BytePullOfTheDefaultLayout()
    {
        final int magic = 3 ^ 0x21071980;
        final byte[] expected = Golden.frame(44, 0)
            .u8(0, 41).u8(1, 0x06).u8(2, 0x03).u8(3, 0).u32(4, 0x5E55107EL).u32(8, 1_000_000)
            .u32(12, 0x17).u8(16, 0x33).u32(20, 0x00010203L).u32(24, 0x00C00023L).u32(28, magic & 0xFFFFFFFFL)
            .u32(32, 100).u32(36, 8968 * 32 - 100).u32(40, 64).bytes();
        assertEquals(60, expected.length);

        assertFrame(expected, envelope(encoder(MxoeLayout.DEFAULT).pullRequest(buffer, 0)).dstEndpoint(6)
            .srcEndpoint(3).session(0x5E55107E).totalLength(1_000_000).pulledRdmaId(0x17).pulledRdmaSeqnum(0x33)
            .pulledRdmaOffset(0x00010203L).srcPullHandle(0x00C00023).srcMagic(MxoeFrameDescriptor.pullMagic(3))
            .firstFrameOffset(100).blockLength(8968 * 32 - 100).frameIndex(64));

        final PullRequestFlyweight pull = decode(MxoeLayout.DEFAULT, expected).pull();
        assertEquals(6, pull.dstEndpoint());
        assertEquals(3, pull.srcEndpoint());
        assertEquals(0x5E55107E, pull.session());
        assertEquals(1_000_000, pull.totalLength());
        assertEquals(0x17, pull.pulledRdmaId());
        assertEquals(0x33, pull.pulledRdmaSeqnum());
        assertEquals(0x00010203L, pull.pulledRdmaOffset());
        assertEquals(0x00C00023, pull.srcPullHandle());
        assertEquals(magic, pull.srcMagic());
        assertEquals(100, pull.firstFrameOffset());
        assertEquals(8968 * 32 - 100, pull.blockLength());
        assertEquals(64, pull.frameIndex());
    }

    @Test
    void shouldEncodeThe32BytePullWithNarrowFieldsOfTheCompatLayout()
    {
        final int magic = 3 ^ 0x21071980;
        final byte[] expected = Golden.frame(32, 0)
            .u8(0, 41).u8(1, 0x06).u8(2, 0x03).u8(3, 0).u32(4, 0x5E55107EL).u32(8, 1_000_000)
            .u8(12, 0x17).u8(13, 0x33).u16(14, 0x0102).u32(16, 0x00C00023L).u32(20, magic & 0xFFFFFFFFL)
            .u16(24, 100).u16(26, 4096 * 8 - 100).u32(28, 16).bytes();

        assertFrame(expected, envelope(encoder(MxoeLayout.MX_WIRE_COMPAT).pullRequest(buffer, 0)).dstEndpoint(6)
            .srcEndpoint(3).session(0x5E55107E).totalLength(1_000_000).pulledRdmaId(0x17).pulledRdmaSeqnum(0x33)
            .pulledRdmaOffset(0x0102).srcPullHandle(0x00C00023).srcMagic(magic)
            .firstFrameOffset(100).blockLength(4096 * 8 - 100).frameIndex(16));

        final PullRequestFlyweight pull = decode(MxoeLayout.MX_WIRE_COMPAT, expected).pull();
        assertEquals(0x17, pull.pulledRdmaId());
        assertEquals(0x33, pull.pulledRdmaSeqnum());
        assertEquals(0x0102, pull.pulledRdmaOffset());
        assertEquals(0x00C00023, pull.srcPullHandle());
        assertEquals(magic, pull.srcMagic());
        assertEquals(100, pull.firstFrameOffset());
        assertEquals(4096 * 8 - 100, pull.blockLength());
        assertEquals(16, pull.frameIndex());
        assertEquals(16 + 32, pull.headerLength());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodePullReplyAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] data = filled(300, 1);
        final byte[] expected = Golden.frame(16, 300)
            .u8(0, 42).u8(1, 0x41).u16(2, 300).u32(4, 0x00246000L).u32(8, 0x00C00023L)
            .u32(12, (5 ^ 0x21071980) & 0xFFFFFFFFL).body(16, data).bytes();

        assertFrame(expected, envelope(encoder(layout).pullReply(buffer, 0)).frameSeqnum(0x41)
            .msgOffset(0x00246000L).dstPullHandle(0x00C00023).dstMagic(MxoeFrameDescriptor.pullMagic(5))
            .payload(data, 0, data.length));

        final PullReplyFlyweight reply = decode(layout, expected).pullReply();
        assertEquals(0x41, reply.frameSeqnum());
        assertEquals(300, reply.payloadLength());
        assertEquals(0x00246000L, reply.msgOffset());
        assertEquals(0x00C00023, reply.dstPullHandle());
        assertEquals(5, reply.dstEndpoint());
        assertEquals(32, reply.payloadOffset());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeNotifyAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(24, 0)
            .u8(0, 43).u8(1, 0x09).u8(2, 0x0A).u8(3, 0).u32(4, 0xFEEDFACEL).u32(8, 3_000_000)
            .u8(12, 0x7B).u8(13, 0x7C).u16(18, 0x4444).u16(20, 0x4333).bytes();

        assertFrame(expected, envelope(encoder(layout).notifyMessage(buffer, 0)).dstEndpoint(9).srcEndpoint(10)
            .session(0xFEEDFACE).totalLength(3_000_000).pulledRdmaId(0x7B).pulledRdmaSeqnum(0x7C)
            .libSeqnum(0x4444).libPiggyack(0x4333));

        final NotifyFlyweight notify = decode(layout, expected).notifyMessage();
        assertEquals(9, notify.dstEndpoint());
        assertEquals(10, notify.srcEndpoint());
        assertEquals(0xFEEDFACE, notify.session());
        assertEquals(3_000_000, notify.totalLength());
        assertEquals(0x7B, notify.pulledRdmaId());
        assertEquals(0x7C, notify.pulledRdmaSeqnum());
        assertEquals(0x4444, notify.libSeqnum());
        assertEquals(0x4333, notify.libPiggyack());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeConnectRequestAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(32, 0)
            .u8(0, 36).u8(1, 0x01).u8(2, 0x02).u8(3, 0).u8(4, 16).u16(8, 0).u16(10, 0x0042)
            .u32(16, 0xA5A5A5A5L).u32(20, 0x00C0FFEEL).u16(24, 0x4001).u8(26, 0).u8(27, 0xFE).bytes();

        assertFrame(expected, envelope(encoder(layout).connectRequest(buffer, 0)).dstEndpoint(1).srcEndpoint(2)
            .srcDstPeerIndex(0x42).srcSessionId(0xA5A5A5A5).appKey(0x00C0FFEE).targetRecvSeqnumStart(0x4001)
            .connectSeqnum(0xFE));

        final ConnectFlyweight connect = decode(layout, expected).connect();
        assertFalse(connect.isReply());
        assertEquals(16, connect.dataLength());
        assertEquals(0x42, connect.srcDstPeerIndex());
        assertEquals(0xA5A5A5A5, connect.srcSessionId());
        assertEquals(0x00C0FFEE, connect.appKey());
        assertEquals(0x4001, connect.targetRecvSeqnumStart());
        assertEquals(0xFE, connect.connectSeqnum());
        assertEquals(0, connect.libSeqnum());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeConnectReplyAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(32, 0)
            .u8(0, 36).u8(1, 0x02).u8(2, 0x01).u8(3, 0).u8(4, 16).u16(8, 0).u16(10, 0x0007)
            .u32(16, 0xA5A5A5A5L).u32(20, 0x5A5A5A5AL).u16(24, 0x8001).u8(26, 1).u8(27, 0xFE).u8(28, 11).bytes();

        assertFrame(expected, envelope(encoder(layout).connectReply(buffer, 0)).dstEndpoint(2).srcEndpoint(1)
            .srcDstPeerIndex(7).srcSessionId(0xA5A5A5A5).targetSessionId(0x5A5A5A5A).targetRecvSeqnumStart(0x8001)
            .connectSeqnum(0xFE).statusCode(MxoeFrameDescriptor.CONNECT_STATUS_BAD_KEY));

        final ConnectFlyweight connect = decode(layout, expected).connect();
        assertTrue(connect.isReply());
        assertEquals(0x5A5A5A5A, connect.targetSessionId());
        assertEquals(11, connect.statusCode());
        assertEquals(0x8001, connect.targetRecvSeqnumStart());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeLibackAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(28, 0)
            .u8(0, 35).u8(1, 0x04).u8(2, 0x05).u8(3, 0).u8(4, 16).u32(8, 0x600DF00DL)
            .u8(12, 0x55).u16(14, 0x4005).u32(16, 0x600DF00DL).u32(20, 0x80000001L).u16(24, 0x4005).u8(26, 0)
            .bytes();

        assertFrame(expected, envelope(encoder(layout).liback(buffer, 0)).dstEndpoint(4).srcEndpoint(5)
            .session(0x600DF00D).libSeqnum(0x4005).acknum(0x80000001L).sendSeq(0x4005));

        final TrucFlyweight truc = decode(layout, expected).truc();
        assertEquals(0x55, truc.trucType());
        assertEquals(16, truc.dataLength());
        assertEquals(0x600DF00D, truc.session());
        assertEquals(0x600DF00D, truc.libackSessionId());
        assertEquals(0x4005, truc.libSeqnum());
        assertEquals(0x80000001L, truc.acknum());
        assertEquals(0x4005, truc.sendSeq());
        assertEquals(0, truc.resent());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeNackLibAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(16, 0)
            .u8(0, 44).u8(1, 0x1E).u8(2, 0).u8(3, 2).u8(9, 0x03).u16(10, 0x0123).u16(12, 0x4010).bytes();

        assertFrame(expected, envelope(encoder(layout).nackLib(buffer, 0)).srcEndpoint(0x1E)
            .nackType(MxoeNackType.ENDPT_CLOSED).dstEndpoint(3).dstSrcPeerIndex(0x0123).libSeqnum(0x4010));

        final NackLibFlyweight nack = decode(layout, expected).nackLib();
        assertEquals(0x1E, nack.srcEndpoint());
        assertEquals(MxoeNackType.ENDPT_CLOSED, nack.nackType());
        assertEquals(3, nack.dstEndpoint());
        assertEquals(0x0123, nack.dstSrcPeerIndex());
        assertEquals(0x4010, nack.libSeqnum());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeNackMcpAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] expected = Golden.frame(16, 0)
            .u8(0, 45).u8(1, 0x03).u8(2, 0).u8(3, 4).u32(8, 0x00C00023L).u32(12, (3 ^ 0x21071980) & 0xFFFFFFFFL)
            .bytes();

        assertFrame(expected, envelope(encoder(layout).nackMcp(buffer, 0)).srcEndpoint(3)
            .nackType(MxoeNackType.BAD_RDMAWIN).srcPullHandle(0x00C00023).srcMagic(MxoeFrameDescriptor.pullMagic(3)));

        final NackMcpFlyweight nack = decode(layout, expected).nackMcp();
        assertEquals(MxoeNackType.BAD_RDMAWIN, nack.nackType());
        assertEquals(0x00C00023, nack.srcPullHandle());
        assertEquals(3, nack.dstEndpoint());
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeHostQueryAndReplyAsTheTableSaysInBothLayouts(final MxoeLayout layout)
    {
        final byte[] query = Golden.frame(16, 0).u8(0, 3).u16(2, 0x0009).u32(8, 0x13052008L).bytes();
        assertFrame(query, envelope(encoder(layout).hostQuery(buffer, 0)).srcDstPeerIndex(9));
        final HostQueryFlyweight decodedQuery = decode(layout, query).host();
        assertEquals(MxoePacketType.HOST_QUERY, decodedQuery.packetType());
        assertEquals(9, decodedQuery.srcDstPeerIndex());
        assertEquals(0, decodedQuery.payloadLength());

        final byte[] hostname = "node1\0".getBytes(StandardCharsets.US_ASCII);
        final byte[] reply = Golden.frame(16, hostname.length)
            .u8(0, 4).u8(1, hostname.length).u16(2, 0x0009).u32(8, 0x13052008L).body(16, hostname).bytes();
        assertFrame(reply, envelope(encoder(layout).hostReply(buffer, 0)).srcDstPeerIndex(9)
            .hostname(hostname, 0, hostname.length));
        final HostQueryFlyweight decodedReply = decode(layout, reply).host();
        assertEquals(MxoePacketType.HOST_REPLY, decodedReply.packetType());
        assertEquals(hostname.length, decodedReply.payloadLength());
        final byte[] name = new byte[hostname.length];
        decodedReply.getPayload(name, 0);
        assertArrayEquals(hostname, name);
    }

    @ParameterizedTest
    @EnumSource(MxoeLayout.class)
    void shouldEncodeRawAsPtypeThenOpaqueBytesInBothLayouts(final MxoeLayout layout)
    {
        final byte[] data = filled(50, 77);
        final byte[] expected = Golden.frame(1, 50).u8(0, 1).body(1, data).bytes();
        assertEquals(67, expected.length);

        assertFrame(expected, envelope(encoder(layout).raw(buffer, 0)).payload(data, 0, data.length));

        final RawFlyweight raw = decode(layout, expected).raw();
        assertEquals(50, raw.payloadLength());
        assertEquals(17, raw.payloadOffset());
    }

    @Test
    void shouldDescribeBodyLengthsOfEveryTypeInBothLayouts()
    {
        for (final MxoeLayout layout : MxoeLayout.values())
        {
            assertEquals(24, MxoeFrameDescriptor.bodyLength(MxoePacketType.TINY, layout));
            assertEquals(24, MxoeFrameDescriptor.bodyLength(MxoePacketType.SMALL, layout));
            assertEquals(32, MxoeFrameDescriptor.bodyLength(MxoePacketType.MEDIUM, layout));
            assertEquals(32, MxoeFrameDescriptor.bodyLength(MxoePacketType.RNDV, layout));
            assertEquals(16, MxoeFrameDescriptor.bodyLength(MxoePacketType.PULL_REPLY, layout));
            assertEquals(24, MxoeFrameDescriptor.bodyLength(MxoePacketType.NOTIFY, layout));
            assertEquals(32, MxoeFrameDescriptor.bodyLength(MxoePacketType.CONNECT, layout));
            assertEquals(28, MxoeFrameDescriptor.bodyLength(MxoePacketType.TRUC, layout));
            assertEquals(16, MxoeFrameDescriptor.bodyLength(MxoePacketType.NACK_LIB, layout));
            assertEquals(16, MxoeFrameDescriptor.bodyLength(MxoePacketType.NACK_MCP, layout));
            assertEquals(16, MxoeFrameDescriptor.bodyLength(MxoePacketType.HOST_QUERY, layout));
            assertEquals(16, MxoeFrameDescriptor.bodyLength(MxoePacketType.HOST_REPLY, layout));
        }
        assertEquals(44, MxoeFrameDescriptor.bodyLength(MxoePacketType.PULL, MxoeLayout.DEFAULT));
        assertEquals(60, MxoeFrameDescriptor.frameLength(MxoePacketType.PULL, MxoeLayout.DEFAULT, 0));
        assertEquals(60, MxoeFrameDescriptor.frameLength(MxoePacketType.PULL, MxoeLayout.MX_WIRE_COMPAT, 0));
        assertEquals(9000, MxoeFrameDescriptor.frameLength(MxoePacketType.PULL_REPLY, MxoeLayout.DEFAULT, 8968));
        assertEquals(8240, MxoeFrameDescriptor.frameLength(MxoePacketType.MEDIUM, MxoeLayout.DEFAULT, 8192));
        assertEquals(32, MxoeFrameDescriptor.bodyLength(MxoePacketType.PULL, MxoeLayout.MX_WIRE_COMPAT));
    }

    @Test
    void shouldConvertMacsLikeMxNicIds()
    {
        assertEquals(DST_MAC, MxoeFrameDescriptor.macToLong(new byte[] {0x02, 0x11, 0x22, 0x33, 0x44, 0x55}));
        assertEquals("02:aa:bb:cc:dd:ee", MxoeFrameDescriptor.macToString(SRC_MAC));
    }
}
