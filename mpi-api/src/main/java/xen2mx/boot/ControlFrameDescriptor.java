package xen2mx.boot;

/**
 * The wire format between a rank and the launcher's rendezvous service: one stream connection per rank (TCP, or a
 * UNIX domain socket for ranks in other network namespaces; see {@link RendezvousAddress}), carrying
 * length-prefixed frames in both directions. All integers are big-endian (Java's {@code DataOutput}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 frame length L (int32): bytes after this field |
 * +---------------+-----------------------------------------------+
 * |  type (int8)  |  body: L - 1 bytes, layout by type (below)     ...
 * +---------------+-----------------------------------------------+
 *
 *  str  = int32 n, then n bytes of UTF-8 (n = -1 encodes null)
 *  blob = int32 n, then n bytes
 *
 *  type                    dir          body
 *  1  HELLO                rank -> mpirun  int32 MAGIC 'X2MX' | int16 VERSION | blob token | int32 rank | int64 pid
 *  2  WELCOME              mpirun -> rank  int32 heartbeat interval (ms)
 *  3  HEARTBEAT            mpirun -> rank  (empty)
 *  4  ALLGATHER_PUT        rank -> mpirun  int32 sequence | blob data
 *  5  ALLGATHER_RESULT     mpirun -> rank  int32 sequence | int32 count | count x blob (index = rank)
 *  6  ALLGATHER_QUERY      rank -> mpirun  int32 sequence
 *  7  ALLGATHER_PENDING    mpirun -> rank  int32 sequence | int32 count | count x int32 rank not yet published
 *  8  ABORT                rank -> mpirun  int32 error code | str reason
 *  9  FAILURE              rank -> mpirun  str exception class | str message | str first stack frame
 *  10 FINALIZED            rank -> mpirun  (empty)
 *  11 ACK                  mpirun -> rank  int8 type acknowledged (ABORT, FAILURE or FINALIZED)
 * </pre>
 *
 * <p>Protocol: the rank sends HELLO first; the launcher answers WELCOME when the token matches and the rank is
 * in range and not yet connected, or closes the connection otherwise. The launcher then sends HEARTBEAT every
 * interval; a rank that sees neither data nor EOF for {@link #MISSED_HEARTBEATS} intervals treats the launcher as
 * gone. The {@code n}-th all-gather of every rank carries sequence {@code n} (from 0); the launcher answers all
 * ranks with one ALLGATHER_RESULT once every rank has published that sequence. ABORT, FAILURE and FINALIZED are
 * acknowledged after the launcher has recorded them, so a rank that waits for the ACK before exiting knows the
 * launcher will attribute its exit correctly.
 */
public final class ControlFrameDescriptor
{
    /** Size of the length field. */
    public static final int LENGTH_FIELD_SIZE = Integer.BYTES;
    /** Size of the type field. */
    public static final int TYPE_FIELD_SIZE = Byte.BYTES;
    /** "X2MX" in ASCII: the first field of HELLO, so a stray client is recognised at once. */
    public static final int MAGIC = 0x58324D58;
    /** Protocol version carried in HELLO. */
    public static final short VERSION = 1;
    /** Largest frame length accepted after HELLO (bounds an all-gather result). */
    public static final int MAX_FRAME_LENGTH = 64 * 1024 * 1024;
    /** Largest frame length accepted before HELLO is verified. */
    public static final int MAX_HELLO_LENGTH = 4096;
    /** Intervals without any frame after which a rank considers the launcher gone. */
    public static final int MISSED_HEARTBEATS = 10;

    /** Frame types. */
    public static final byte HELLO = 1;
    /** See the class diagram. */
    public static final byte WELCOME = 2;
    /** See the class diagram. */
    public static final byte HEARTBEAT = 3;
    /** See the class diagram. */
    public static final byte ALLGATHER_PUT = 4;
    /** See the class diagram. */
    public static final byte ALLGATHER_RESULT = 5;
    /** See the class diagram. */
    public static final byte ALLGATHER_QUERY = 6;
    /** See the class diagram. */
    public static final byte ALLGATHER_PENDING = 7;
    /** See the class diagram. */
    public static final byte ABORT = 8;
    /** See the class diagram. */
    public static final byte FAILURE = 9;
    /** See the class diagram. */
    public static final byte FINALIZED = 10;
    /** See the class diagram. */
    public static final byte ACK = 11;

    private ControlFrameDescriptor()
    {
    }
}
