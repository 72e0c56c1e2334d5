package xen2mx.btl.mx.pv;

/**
 * The command ring's slot (guest to backend): one MX driver command, Open-MX's ioctl set as Xen2MX carried it in
 * its ring requests. Little-endian (native order of the shared mapping on x86-64 and aarch64), 256 bytes.
 *
 * <pre>
 *  0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+
 *  | TYPE          | ENDPOINT      | PEER_INDEX    | DEST_ENDPOINT |   0
 *  +---------------+---------------+---------------+---------------+
 *  | SESSION_ID    | SEQNUM        | PIGGYACK      | ARG0          |  16
 *  +---------------+---------------+---------------+---------------+
 *  | MATCH_INFO (i64; PULL: cookie)| ARG1          | ARG2          |  32
 *  +---------------+---------------+---------------+---------------+
 *  | ARG3          | ARG4          | ARG5          | PAYLOAD_LENGTH|  48
 *  +---------------+---------------+---------------+---------------+
 *  | PAYLOAD: tiny and small bytes, at most 128                    |  64 .. 191
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * ARG0..ARG5 by TYPE:
 * <table>
 *   <caption>Arguments</caption>
 *   <tr><th>type</th><th>ARG0</th><th>ARG1</th><th>ARG2</th><th>ARG3</th><th>ARG4</th><th>ARG5</th></tr>
 *   <tr><td>SEND_TINY, SEND_SMALL</td><td colspan="6">(payload only)</td></tr>
 *   <tr><td>SEND_MEDIUM_FRAG</td><td>message length</td><td>fragment seqnum</td><td>send-queue offset</td>
 *   <td>fragment length</td><td></td><td></td></tr>
 *   <tr><td>SEND_RNDV</td><td>message length</td><td>pulled region</td><td>region seqnum</td><td></td><td></td>
 *   <td></td></tr>
 *   <tr><td>PULL</td><td>length</td><td>puller region</td><td>pulled region</td><td>pulled region seqnum</td>
 *   <td>pulled region offset</td><td>timeout ms</td></tr>
 *   <tr><td>SEND_NOTIFY</td><td>total length</td><td>pulled region</td><td>region seqnum</td><td></td><td></td>
 *   <td></td></tr>
 *   <tr><td>SEND_CONNECT_REQUEST</td><td>app key</td><td>recv seqnum start</td><td>connect seqnum</td><td></td>
 *   <td></td><td></td></tr>
 *   <tr><td>SEND_CONNECT_REPLY (SESSION_ID = the requester's)</td><td></td><td>recv seqnum start</td>
 *   <td>connect seqnum</td><td>connect status</td><td></td><td></td></tr>
 *   <tr><td>SEND_LIBACK</td><td>ack up to</td><td>acknum</td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>CREATE_REGION</td><td>region id</td><td>segment offset</td><td>length</td><td></td><td></td>
 *   <td></td></tr>
 *   <tr><td>DESTROY_REGION</td><td>region id</td><td></td><td></td><td></td><td></td><td></td></tr>
 *   <tr><td>CLOSE_ENDPOINT</td><td colspan="6">(none)</td></tr>
 * </table>
 * The backend copies the slot out of the ring before it reads any field, and checks every field against the guest's
 * own endpoints, regions and segment.
 */
public final class CommandDescriptor
{
    public static final int SLOT_LENGTH = 256;
    public static final int TYPE_OFFSET = 0;
    public static final int ENDPOINT_OFFSET = 4;
    public static final int PEER_INDEX_OFFSET = 8;
    public static final int DEST_ENDPOINT_OFFSET = 12;
    public static final int SESSION_ID_OFFSET = 16;
    public static final int SEQNUM_OFFSET = 20;
    public static final int PIGGYACK_OFFSET = 24;
    public static final int ARG0_OFFSET = 28;
    public static final int MATCH_INFO_OFFSET = 32;
    public static final int ARG1_OFFSET = 40;
    public static final int ARG2_OFFSET = 44;
    public static final int ARG3_OFFSET = 48;
    public static final int ARG4_OFFSET = 52;
    public static final int ARG5_OFFSET = 56;
    public static final int PAYLOAD_LENGTH_OFFSET = 60;
    public static final int PAYLOAD_OFFSET = 64;
    public static final int PAYLOAD_MAX = 128;

    public static final int SEND_TINY = 1;
    public static final int SEND_SMALL = 2;
    public static final int SEND_MEDIUM_FRAG = 3;
    public static final int SEND_RNDV = 4;
    public static final int PULL = 5;
    public static final int SEND_NOTIFY = 6;
    public static final int SEND_CONNECT_REQUEST = 7;
    public static final int SEND_CONNECT_REPLY = 8;
    public static final int SEND_LIBACK = 9;
    public static final int CREATE_REGION = 10;
    public static final int DESTROY_REGION = 11;
    public static final int CLOSE_ENDPOINT = 12;

    private CommandDescriptor()
    {
    }
}
