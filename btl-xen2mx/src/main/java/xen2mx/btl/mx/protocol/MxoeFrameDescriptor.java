package xen2mx.btl.mx.protocol;

/**
 * The MXoE frame: an Ethernet header, Open-MX's 2-byte peer index, and a body whose first byte is the packet type.
 * Every multi-byte field is big-endian (Open-MX's default endian-independent build). Offsets on the right of each
 * row are <em>body</em> offsets; the frame offset is body offset + {@value #HEAD_LENGTH}. Widths: u8/u16/u32.
 * Fields named {@code pad} are written as zero and ignored on receipt; {@code gen} ({@code src_generation}) is
 * unused and 0; {@code checksum} is only filled by Open-MX debug builds.
 *
 * <pre>
 * Frame envelope (frame offsets)
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                destination MAC, bytes 0-3                     |  0
 * +-------------------------------+-------------------------------+
 * |  destination MAC, bytes 4-5   |    source MAC, bytes 0-1      |  4
 * +-------------------------------+-------------------------------+
 * |                   source MAC, bytes 2-5                       |  8
 * +-------------------------------+-------------------------------+
 * |     EtherType 0x86DF          | dst_src_peer_index (u16)      | 12   sender's index in the receiver's
 * +---------------+---------------+-------------------------------+      peer table, 0xFFFF = unknown
 * |    ptype      |  body ...                                          16 = body offset 0
 * +---------------+
 *
 * TINY (37) / SMALL (38): struct omx_pkt_msg, 24 bytes, payload at body 24 (frame 40); both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | dst_endpoint  | src_endpoint  |     gen       |  0
 * +---------------+---------------+---------------+---------------+
 * |     length (payload bytes)    |           checksum            |  4
 * +-------------------------------+-------------------------------+
 * |          lib_seqnum           |         lib_piggyack          |  8
 * +-------------------------------+-------------------------------+
 * |                 match_a (match info bits 63..32)              | 12
 * +---------------------------------------------------------------+
 * |                 match_b (match info bits 31..0)               | 16
 * +---------------------------------------------------------------+
 * |                session (of the DESTINATION endpoint)          | 20
 * +---------------------------------------------------------------+
 *
 * RNDV (40): struct omx_pkt_rndv, 32 bytes, no payload; both layouts
 * |  body 0..23 as TINY; length = 8 (the rndv data below)         |  0
 * +---------------------------------------------------------------+
 * |                         msg_length                            | 24
 * +---------------+---------------+-------------------------------+
 * |pulled_rdma_id |pulled_rdma_seq|   pulled_rdma_offset (0)      | 28
 * +---------------+---------------+-------------------------------+
 *
 * MEDIUM (39): struct omx_pkt_medium_frag, 32 bytes, payload at body 32 (frame 48)
 * DEFAULT                                  MX_WIRE_COMPAT (only the differing rows)
 * +-------+-------+-------+-------+        +-------+-------+-------+-------+
 * | ptype | dst_ep| src_ep|  gen  |  0     |  same as DEFAULT              |  0
 * +-------+-------+-------+-------+        +---------------+---------------+
 * |   length (u32, TOTAL msg)     |  4     | length (u16)  |     pad       |  4
 * +---------------+---------------+        +---------------+---------------+
 * |  lib_seqnum   | lib_piggyack  |  8      (same for every fragment of a message)
 * +---------------+---------------+
 * |           match_a             | 12
 * +-------------------------------+
 * |           match_b             | 16
 * +-------------------------------+
 * |           session             | 20
 * +---------------+-------+-------+        +---------------+-------+-------+
 * |  frag_length  |frag_sq|  pad  | 24     |  frag_length  |frag_sq|pipe=12| 24
 * +---------------+-------+-------+        +---------------+-------+-------+
 * |   checksum    |      pad      | 28
 * +---------------+---------------+
 *   fragment data offset = frag_seqnum x {@link MxoeLayout#mediumFragLengthMax(int)} (compat: frag_seqnum &lt;&lt; pipe)
 *
 * PULL (41): struct omx_pkt_pull_request
 * DEFAULT, 44 bytes                        MX_WIRE_COMPAT, 32 bytes
 * +-------+-------+-------+-------+        +-------+-------+-------+-------+
 * | ptype | dst_ep| src_ep|  gen  |  0     | ptype | dst_ep| src_ep|  gen  |  0
 * +-------+-------+-------+-------+        +-------+-------+-------+-------+
 * |  session (of the pulled ep)   |  4     |           session             |  4
 * +-------------------------------+        +-------------------------------+
 * |         total_length          |  8     |         total_length          |  8
 * +-------------------------------+        +-------+-------+---------------+
 * |   pulled_rdma_id (u32)        | 12     |rdma_id|rdma_sq| rdma_offset   | 12
 * +-------+-----------------------+        +-------+-------+---------------+
 * |rdma_sq|         pad           | 16     |        src_pull_handle        | 16
 * +-------+-----------------------+        +-------------------------------+
 * |  pulled_rdma_offset (u32)     | 20     |           src_magic           | 20
 * +-------------------------------+        +---------------+---------------+
 * |        src_pull_handle        | 24     |first_frame_off| block_length  | 24
 * +-------------------------------+        +---------------+---------------+
 * |           src_magic           | 28     |          frame_index          | 28
 * +-------------------------------+        +-------------------------------+
 * |  first_frame_offset (u32)     | 32
 * +-------------------------------+
 * |     block_length (u32)        | 36
 * +-------------------------------+
 * |          frame_index          | 40
 * +-------------------------------+
 *   src_pull_handle = slot (10 bits) &lt;&lt; 22 | generation (22 bits); src_magic = puller endpoint ^ 0x21071980
 *
 * PULL_REPLY (42): struct omx_pkt_pull_reply, 16 bytes, payload at body 16 (frame 32); both layouts
 * +---------------+---------------+-------------------------------+
 * |    ptype      | frame_seqnum  |  frame_length (payload bytes) |  0   frame_seqnum = frame index mod 256
 * +---------------+---------------+-------------------------------+
 * |          msg_offset (of this payload in the pulled message)   |  4
 * +---------------------------------------------------------------+
 * |              dst_pull_handle (echo of src_pull_handle)        |  8
 * +---------------------------------------------------------------+
 * |        dst_magic (echo of src_magic; endpoint = magic ^ XOR)  | 12
 * +---------------------------------------------------------------+
 *
 * NOTIFY (43): struct omx_pkt_notify, 24 bytes; both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | dst_endpoint  | src_endpoint  |     gen       |  0
 * +---------------+---------------+---------------+---------------+
 * |                session (of the destination)                   |  4
 * +---------------------------------------------------------------+
 * |                total_length (bytes pulled)                    |  8
 * +---------------+---------------+-------------------------------+
 * |pulled_rdma_id |pulled_rdma_seq|             pad               | 12
 * +---------------+---------------+-------------------------------+
 * |             pad               |          lib_seqnum           | 16
 * +-------------------------------+-------------------------------+
 * |         lib_piggyack          |             pad               | 20
 * +-------------------------------+-------------------------------+
 *
 * CONNECT (36): struct omx_pkt_connect, 32 bytes; both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | dst_endpoint  | src_endpoint  |     gen       |  0
 * +---------------+---------------+---------------+---------------+
 * | length (=16)  |                     pad                       |  4
 * +---------------+---------------+-------------------------------+
 * |     lib_seqnum (always 0)     |      src_dst_peer_index       |  8   sender's index OF THE RECEIVER
 * +-------------------------------+-------------------------------+
 * |                             pad                               | 12
 * +---------------------------------------------------------------+
 * request:                                  reply:
 * +-------------------------------+        +-------------------------------+
 * |  src_session_id (requester)   | 16     | src_session_id (echo)         | 16
 * +-------------------------------+        +-------------------------------+
 * |           app_key             | 20     | target_session_id (responder) | 20
 * +---------------+-------+-------+        +---------------+-------+-------+
 * |target_recv_seq|is_rep0|conn_sq| 24     |target_recv_seq|is_rep1|conn_sq| 24
 * +---------------+-------+-------+        +-------+-------+-------+-------+
 * |             pad               | 28     |status |          pad          | 28  status 0 SUCCESS, 11 BAD_KEY
 * +-------------------------------+        +-------+-----------------------+
 *
 * TRUC (35) liback: struct omx_pkt_truc, 28 bytes; both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | dst_endpoint  | src_endpoint  |     gen       |  0
 * +---------------+---------------+---------------+---------------+
 * | length (=16)  |                     pad                       |  4
 * +---------------+-----------------------------------------------+
 * |                session (of the destination)                   |  8
 * +---------------+---------------+-------------------------------+
 * | type (0x55)   |     pad       | lib_seqnum (ack up to, excl.) | 12
 * +---------------+---------------+-------------------------------+
 * |                session_id (= session at 8)                    | 16
 * +---------------------------------------------------------------+
 * |                acknum (per-partner liback counter)            | 20
 * +-------------------------------+---------------+---------------+
 * |    send_seq (= lib_seqnum)    |  resent (0)   |     pad       | 24
 * +-------------------------------+---------------+---------------+
 *
 * NACK_LIB (44): 16 bytes; both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | src_endpoint  |     gen       |  nack_type    |  0   src_endpoint = the refusing endpoint
 * +---------------+---------------+---------------+---------------+
 * |                             pad                               |  4
 * +---------------+---------------+-------------------------------+
 * |     pad       | dst_endpoint  |      dst_src_peer_index       |  8   dst_endpoint = original sender
 * +---------------+---------------+-------------------------------+
 * |   lib_seqnum (of the refused) |             pad               | 12
 * +-------------------------------+-------------------------------+
 *
 * NACK_MCP (45): 16 bytes; both layouts
 * +---------------+---------------+---------------+---------------+
 * |    ptype      | src_endpoint  |     gen       |  nack_type    |  0   src_endpoint = the puller
 * +---------------+---------------+---------------+---------------+
 * |                             pad                               |  4
 * +---------------------------------------------------------------+
 * |                src_pull_handle (echo of the PULL)             |  8
 * +---------------------------------------------------------------+
 * |                src_magic (echo of the PULL)                   | 12
 * +---------------------------------------------------------------+
 *
 * HOST_QUERY (3) / HOST_REPLY (4): 16 bytes; reply hostname (length bytes, NUL included) at body 16
 * +---------------+---------------+-------------------------------+
 * |    ptype      |pad / length   |      src_dst_peer_index       |  0
 * +---------------+---------------+-------------------------------+
 * |                             pad                               |  4
 * +---------------------------------------------------------------+
 * |                      magic 0x13052008                         |  8
 * +---------------------------------------------------------------+
 * |                             pad                               | 12
 * +---------------------------------------------------------------+
 *
 * RAW (1): ptype, then opaque bytes to the end of the frame (whole frame at most 1024 bytes)
 * </pre>
 *
 * <p>Frames shorter than {@value #MIN_FRAME_LENGTH} bytes (Ethernet's {@code ETH_ZLEN}, no FCS) are padded with zeros
 * by the encoder; the decoder accepts bytes after a packet's declared end (padding) and ignores them.
 */
public final class MxoeFrameDescriptor
{
    /** EtherType of every MXoE frame. */
    public static final int ETHERTYPE_MXOE = 0x86DF;
    /** Bytes of a MAC address. */
    public static final int MAC_LENGTH = 6;
    /** Bytes of the Ethernet header: destination MAC, source MAC, EtherType. */
    public static final int ETHERNET_HEADER_LENGTH = 14;
    /** Bytes of the Open-MX head: Ethernet header + {@code dst_src_peer_index}. */
    public static final int HEAD_LENGTH = 16;
    /** Frame offset of {@code dst_src_peer_index}. */
    public static final int PEER_INDEX_OFFSET = ETHERNET_HEADER_LENGTH;
    /** Frame offset of the packet type, the first body byte. */
    public static final int PTYPE_OFFSET = HEAD_LENGTH;
    /** Shortest frame on the wire (Ethernet {@code ETH_ZLEN}); shorter packets are padded. */
    public static final int MIN_FRAME_LENGTH = 60;
    /** Peer index meaning "the receiver's index of the sender is unknown". */
    public static final int UNKNOWN_PEER_INDEX = 0xFFFF;
    /** Endpoint indexes the protocol can address (u8). */
    public static final int ENDPOINT_INDEX_MAX = 256;

    /** Body length of TINY and SMALL ({@code struct omx_pkt_msg}). */
    public static final int MSG_BODY_LENGTH = 24;
    /** Body length of RNDV. */
    public static final int RNDV_BODY_LENGTH = 32;
    /** Body length of MEDIUM (both layouts). */
    public static final int MEDIUM_FRAG_BODY_LENGTH = 32;
    /** Body length of PULL_REPLY. */
    public static final int PULL_REPLY_BODY_LENGTH = 16;
    /** Body length of NOTIFY. */
    public static final int NOTIFY_BODY_LENGTH = 24;
    /** Body length of CONNECT (request and reply). */
    public static final int CONNECT_BODY_LENGTH = 32;
    /** Body length of TRUC carrying a liback. */
    public static final int TRUC_BODY_LENGTH = 28;
    /** Body length of NACK_LIB. */
    public static final int NACK_LIB_BODY_LENGTH = 16;
    /** Body length of NACK_MCP. */
    public static final int NACK_MCP_BODY_LENGTH = 16;
    /** Body length of HOST_QUERY and HOST_REPLY. */
    public static final int HOST_BODY_LENGTH = 16;
    /** Body length of RAW before its opaque bytes: the ptype. */
    public static final int RAW_BODY_LENGTH = 1;

    /** Largest TINY payload. */
    public static final int TINY_LENGTH_MAX = 32;
    /** Largest SMALL payload. */
    public static final int SMALL_LENGTH_MAX = 128;
    /** RNDV {@code length}: bytes of rendezvous data after the message header. */
    public static final int RNDV_DATA_LENGTH = 8;
    /** CONNECT {@code length}: bytes of request or reply data. */
    public static final int CONNECT_DATA_LENGTH = 16;
    /** TRUC {@code length} of a liback. */
    public static final int LIBACK_DATA_LENGTH = 16;
    /** The only TRUC subtype: library ack. */
    public static final int TRUC_TYPE_ACK = 0x55;
    /** Connect reply status: accepted. */
    public static final int CONNECT_STATUS_SUCCESS = 0;
    /** Connect reply status: the request's key is not the endpoint's key (value fixed by MX). */
    public static final int CONNECT_STATUS_BAD_KEY = 11;
    /** XORed with an endpoint index to make the pull magic. */
    public static final int PULL_MAGIC_XOR = 0x21071980;
    /** Magic of HOST_QUERY and HOST_REPLY. */
    public static final int HOST_QUERY_MAGIC = 0x13052008;
    /** Longest hostname of a HOST_REPLY, NUL included. */
    public static final int HOSTNAME_LENGTH_MAX = 80;
    /** Longest RAW frame, Ethernet header included. */
    public static final int RAW_FRAME_LENGTH_MAX = 1024;

    private MxoeFrameDescriptor()
    {
    }

    /**
     * @param type   a supported packet type.
     * @param layout the wire layout.
     * @return the fixed body length of {@code type} (the bytes after the 16-byte head, before any payload).
     * @throws IllegalArgumentException for a type that is not supported.
     */
    public static int bodyLength(final MxoePacketType type, final MxoeLayout layout)
    {
        switch (type)
        {
            case TINY:
            case SMALL:
                return MSG_BODY_LENGTH;
            case RNDV:
                return RNDV_BODY_LENGTH;
            case MEDIUM:
                return MEDIUM_FRAG_BODY_LENGTH;
            case PULL:
                return layout.pullRequestBodyLength();
            case PULL_REPLY:
                return PULL_REPLY_BODY_LENGTH;
            case NOTIFY:
                return NOTIFY_BODY_LENGTH;
            case CONNECT:
                return CONNECT_BODY_LENGTH;
            case TRUC:
                return TRUC_BODY_LENGTH;
            case NACK_LIB:
                return NACK_LIB_BODY_LENGTH;
            case NACK_MCP:
                return NACK_MCP_BODY_LENGTH;
            case HOST_QUERY:
            case HOST_REPLY:
                return HOST_BODY_LENGTH;
            case RAW:
                return RAW_BODY_LENGTH;
            default:
                throw new IllegalArgumentException("no MXoE body for " + type);
        }
    }

    /**
     * @param type   a supported packet type.
     * @param layout the wire layout.
     * @return {@code HEAD_LENGTH + bodyLength(type, layout)}: the frame offset of the payload.
     */
    public static int headerLength(final MxoePacketType type, final MxoeLayout layout)
    {
        return HEAD_LENGTH + bodyLength(type, layout);
    }

    /**
     * @param type          a supported packet type.
     * @param layout        the wire layout.
     * @param payloadLength payload bytes (0 for types without payload).
     * @return bytes on the wire: {@code max(60, headerLength(type, layout) + payloadLength)}.
     */
    public static int frameLength(final MxoePacketType type, final MxoeLayout layout, final int payloadLength)
    {
        return Math.max(MIN_FRAME_LENGTH, headerLength(type, layout) + payloadLength);
    }

    /**
     * @param endpointIndex an endpoint index.
     * @return the pull magic of that endpoint.
     */
    public static int pullMagic(final int endpointIndex)
    {
        return endpointIndex ^ PULL_MAGIC_XOR;
    }

    /**
     * @param magic a pull magic from the wire.
     * @return the endpoint index it hides (may be out of range for a forged magic).
     */
    public static long endpointOfPullMagic(final int magic)
    {
        return (magic ^ PULL_MAGIC_XOR) & 0xFFFF_FFFFL;
    }

    /**
     * @param mac 6 bytes, as {@code EthernetChannel.macAddress()} returns.
     * @return the MAC as a 48-bit integer, byte 0 in bits 47..40 (MX's {@code nic_id}).
     */
    public static long macToLong(final byte[] mac)
    {
        if (mac.length != MAC_LENGTH)
        {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        long value = 0;
        for (final byte b : mac)
        {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    /**
     * @param mac a 48-bit MAC.
     * @return the MAC as {@code aa:bb:cc:dd:ee:ff}.
     */
    public static String macToString(final long mac)
    {
        final StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            final int b = (int)(mac >>> shift) & 0xFF;
            text.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (shift > 0)
            {
                text.append(':');
            }
        }
        return text.toString();
    }
}
