package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mpjbuf.BufferFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pack/Unpack (byte[] and mpjbuf.Buffer forms), PACKED messages and derived types in point-to-point, in a one-rank
 * world where every message goes rank 0 to rank 0 through the real self path. Errors are checked under
 * {@code ERRORS_RETURN}, so that they raise MPIException rather than end the test JVM.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PackAndDerivedMessagesTest
{
    private static Intracomm world;

    @BeforeAll
    static void init()
    {
        MPI.Init(new String[0]);
        world = MPI.COMM_WORLD;
        world.Errhandler_set(MPI.ERRORS_RETURN);
    }

    @AfterAll
    static void finish()
    {
        MPI.Finalize();
    }

    @Test
    void shouldPackMixedTypesAndUnpackThemInOrder()
    {
        final byte[] packed = new byte[200];
        final Datatype everyOther = Datatype.Vector(3, 1, 2, MPI.INT);
        int position = world.Pack(new int[] {1, -1, 2, -1, 3}, 0, 1, everyOther, packed, 0);
        assertEquals(world.Pack_size(1, everyOther), position);
        position = world.Pack(new double[] {0.5, 2.25}, 0, 2, MPI.DOUBLE, packed, position);
        assertEquals(12 + 16, position);
        position = world.Pack(new Object[] {"text", List.of(1, 2)}, 0, 2, MPI.OBJECT, packed, position);
        position = world.Pack(new boolean[] {true, false}, 1, 1, MPI.BOOLEAN, packed, position);
        final int end = position;

        final int[] ints = new int[3];
        position = world.Unpack(packed, 0, ints, 0, 3, MPI.INT);
        assertArrayEquals(new int[] {1, 2, 3}, ints, "a Vector packed, unpacked as 3 INT");
        final double[] doubles = new double[3];
        position = world.Unpack(packed, position, doubles, 1, 2, MPI.DOUBLE);
        assertArrayEquals(new double[] {0, 0.5, 2.25}, doubles);
        final Object[] objects = new Object[2];
        position = world.Unpack(packed, position, objects, 0, 2, MPI.OBJECT);
        assertArrayEquals(new Object[] {"text", List.of(1, 2)}, objects);
        final boolean[] booleans = {true};
        position = world.Unpack(packed, position, booleans, 0, 1, MPI.BOOLEAN);
        assertEquals(false, booleans[0]);
        assertEquals(end, position);
    }

    @Test
    void shouldRefusePackingBeyondTheBuffersNamingPositionAndCount()
    {
        final byte[] small = new byte[10];
        final MPIException overflow = assertThrows(MPIException.class,
            () -> world.Pack(new int[3], 0, 3, MPI.INT, small, 0));
        assertEquals(MPI.ERR_TRUNCATE, overflow.getErrorClass());
        assertTrue(overflow.getMessage().contains("incount 3") && overflow.getMessage().contains("position 0")
            && overflow.getMessage().contains("10 bytes of outbuf"), overflow.getMessage());
        world.Pack(new int[2], 0, 2, MPI.INT, small, 2);

        final MPIException underflow = assertThrows(MPIException.class,
            () -> world.Unpack(small, 4, new int[2], 0, 2, MPI.INT));
        assertEquals(MPI.ERR_TRUNCATE, underflow.getErrorClass());
        assertTrue(underflow.getMessage().contains("outcount 2") && underflow.getMessage().contains("position 4")
            && underflow.getMessage().contains("inbuf"), underflow.getMessage());

        final MPIException negative = assertThrows(MPIException.class,
            () -> world.Pack(new int[1], 0, 1, MPI.INT, small, -1));
        assertEquals(MPI.ERR_ARG, negative.getErrorClass());
        assertTrue(negative.getMessage().contains("position -1"), negative.getMessage());
        assertEquals(MPI.ERR_ARG, assertThrows(MPIException.class,
            () -> world.Unpack(small, 11, new int[1], 0, 1, MPI.INT)).getErrorClass());
        assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class,
            () -> world.Pack(new int[1], 0, 1, MPI.INT, (byte[])null, 0)).getErrorClass());
        assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class,
            () -> world.Pack(new int[1], 1, 1, MPI.INT, small, 0)).getErrorClass(), "inbuf too short");
        final byte[] lying = new byte[8];
        ByteBuffer.wrap(lying).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(100);
        assertEquals(MPI.ERR_TRUNCATE, assertThrows(MPIException.class,
            () -> world.Unpack(lying, 0, new Object[1], 0, 1, MPI.OBJECT)).getErrorClass());
    }

    @Test
    void shouldSendPackedBytesThatUnpackOnTheReceiver()
    {
        final byte[] packed = new byte[world.Pack_size(4, MPI.LONG) + world.Pack_size(2, MPI.CHAR)];
        int position = world.Pack(new long[] {Long.MIN_VALUE, 7, 8, Long.MAX_VALUE}, 0, 4, MPI.LONG, packed, 0);
        position = world.Pack(new char[] {'j', '\u00e9'}, 0, 2, MPI.CHAR, packed, position);
        assertEquals(packed.length, position);
        world.Send(packed, 0, position, MPI.PACKED, 0, 40);
        final byte[] received = new byte[64];
        final Status status = world.Recv(received, 0, received.length, MPI.PACKED, 0, 40);
        assertEquals(position, status.Get_count(MPI.PACKED));
        final long[] longs = new long[4];
        final char[] chars = new char[2];
        final int read = world.Unpack(received, world.Unpack(received, 0, longs, 0, 4, MPI.LONG), chars, 0, 2,
            MPI.CHAR);
        assertEquals(position, read);
        assertArrayEquals(new long[] {Long.MIN_VALUE, 7, 8, Long.MAX_VALUE}, longs);
        assertArrayEquals(new char[] {'j', '\u00e9'}, chars);
    }

    @Test
    void shouldPackIntoMpjBuffersAndSendThemAsPacked()
    {
        final int overhead = 8;
        final mpjbuf.Buffer out = new mpjbuf.Buffer(BufferFactory.create(100 + overhead), overhead, 100 + overhead);
        int position = world.Pack(new int[] {10}, 0, 1, MPI.INT, out, 0);
        position = world.Pack(new Object[] {new StringBuilder("sb")}, 0, 1, MPI.OBJECT, out, position);
        position = world.Pack(new double[] {2.2}, 0, 1, MPI.DOUBLE, out, position);
        assertEquals(position, out.getSize());
        world.Send(new int[] {position}, 0, 1, MPI.INT, 0, 41);
        world.Send(out, 0, position, MPI.PACKED, 0, 42);
        BufferFactory.destroy(out.getStaticBuffer());

        final int[] size = new int[1];
        world.Recv(size, 0, 1, MPI.INT, 0, 41);
        final mpjbuf.Buffer in = new mpjbuf.Buffer(BufferFactory.create(100 + MPI.RECV_OVERHEAD), MPI.RECV_OVERHEAD,
            100 + MPI.RECV_OVERHEAD);
        world.Recv(in, 0, size[0], MPI.PACKED, 0, 42);
        final int[] n = new int[1];
        final Object[] objects = new Object[1];
        final double[] d = new double[1];
        int read = world.Unpack(in, 0, n, 0, 1, MPI.INT);
        read = world.Unpack(in, read, objects, 0, 1, MPI.OBJECT);
        read = world.Unpack(in, read, d, 0, 1, MPI.DOUBLE);
        assertEquals(size[0], read);
        assertEquals(10, n[0]);
        assertEquals("sb", objects[0].toString());
        assertEquals(2.2, d[0]);
        assertThrows(MPIException.class, () -> world.Pack(new int[30], 0, 30, MPI.INT, in, 0));
        assertEquals(MPI.ERR_BUFFER, assertThrows(MPIException.class,
            () -> world.Send(in, 0, 101, MPI.PACKED, 0, 43)).getErrorClass());
    }

    @Test
    void shouldReceiveAVectorAsContiguousAndBack()
    {
        final int rows = 4;
        final int cols = 3;
        final int[] matrix = new int[rows * cols];
        for (int i = 0; i < matrix.length; i++)
        {
            matrix[i] = i;
        }
        final Datatype column = Datatype.Vector(rows, 1, cols, MPI.INT);
        column.Commit();
        final Request recv = world.Irecv(new int[0], 0, 0, MPI.INT, 0, 50);
        world.Send(new int[0], 0, 0, MPI.INT, 0, 50);
        recv.Wait();

        final int[] columnOut = new int[rows];
        final Request pending = world.Irecv(columnOut, 0, 1, Datatype.Contiguous(rows, MPI.INT), 0, 51);
        world.Send(matrix, 2, 1, column, 0, 51);
        final Status status = pending.Wait();
        assertArrayEquals(new int[] {2, 5, 8, 11}, columnOut);
        assertEquals(1, status.Get_count(Datatype.Contiguous(rows, MPI.INT)));
        assertEquals(rows, status.Get_count(MPI.INT));
        assertEquals(1, status.Get_count(column));

        final int[] transposedColumn = new int[rows * cols];
        final Status back = world.Sendrecv(new int[] {9, 8, 7, 6}, 0, rows, MPI.INT, 0, 52, transposedColumn, 1,
            1, column, 0, 52);
        assertEquals(rows, back.Get_elements(column));
        assertArrayEquals(new int[] {0, 9, 0, 0, 8, 0, 0, 7, 0, 0, 6, 0}, transposedColumn);
    }

    @Test
    void shouldCountPartialItemsOfDerivedTypes()
    {
        final Datatype pair = Datatype.Contiguous(2, MPI.INT);
        world.Send(new int[] {1, 2, 3, 4, 5}, 0, 5, MPI.INT, 0, 53);
        final int[] in = new int[6];
        final Status status = world.Recv(in, 0, 3, pair, 0, 53);
        assertEquals(MPI.UNDEFINED, status.Get_count(pair));
        assertEquals(5, status.Get_elements(pair));
        assertEquals(5, status.Get_count(MPI.INT));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 0}, in);
        final Datatype empty = Datatype.Contiguous(0, MPI.INT);
        assertEquals(0, status.Get_count(empty), "MPI: a type of size zero counts zero items");

        world.Send(new Object[] {"a", "b", "c"}, 0, 3, MPI.OBJECT, 0, 54);
        final Object[] objects = new Object[4];
        final Datatype objectPair = Datatype.Contiguous(2, MPI.OBJECT);
        final Status objectStatus = world.Recv(objects, 0, 2, objectPair, 0, 54);
        assertEquals(MPI.UNDEFINED, objectStatus.Get_count(objectPair));
        assertEquals(3, objectStatus.Get_elements(objectPair));
        assertArrayEquals(new Object[] {"a", "b", "c", null}, objects);
    }

    @Test
    void shouldMoveDerivedTypesThroughEverySendMode()
    {
        final Datatype backwards = Datatype.Vector(3, 2, -3, MPI.DOUBLE);
        final double[] source = {6, 7, -1, 3, 4, -1, 0, 1};
        final double[] expected = {0, 1, 3, 4, 6, 7};
        final Datatype six = Datatype.Contiguous(6, MPI.DOUBLE);

        final double[] persistentIn = new double[6];
        final Prequest sendInit = world.Send_init(source, 6, 1, backwards, 0, 55);
        final Prequest recvInit = world.Recv_init(persistentIn, 0, 1, six, 0, 55);
        for (int round = 0; round < 2; round++)
        {
            java.util.Arrays.fill(persistentIn, -9);
            recvInit.Start();
            sendInit.Start();
            sendInit.Wait();
            recvInit.Wait();
            assertArrayEquals(expected, persistentIn, "round " + round);
        }

        MPI.Buffer_attach(ByteBuffer.allocate(world.Pack_size(2, backwards) + MPI.BSEND_OVERHEAD));
        world.Bsend(source, 6, 1, backwards, 0, 56);
        world.Bsend(source, 6, 1, backwards, 0, 56);
        final double[] twice = new double[12];
        world.Recv(twice, 0, 1, six, 0, 56);
        world.Recv(twice, 6, 1, six, 0, 56);
        MPI.Buffer_detach();
        assertArrayEquals(new double[] {0, 1, 3, 4, 6, 7, 0, 1, 3, 4, 6, 7}, twice);

        final double[] reversed = new double[8];
        final Request synchronous = world.Issend(expected, 0, 6, MPI.DOUBLE, 0, 57);
        final Status status = world.Recv(reversed, 6, 1, backwards, 0, 57);
        synchronous.Wait();
        assertEquals(1, status.Get_count(backwards));
        assertArrayEquals(new double[] {6, 7, 0, 3, 4, 0, 0, 1}, reversed);
    }

    @Test
    void shouldSendStructsWithBoundMarkersAsArraysOfRecords()
    {
        final Datatype record = Datatype.Struct(new int[] {1, 2, 1}, new int[] {0, 1, 4},
            new Datatype[] {MPI.LB, MPI.LONG, MPI.UB});
        assertEquals(4, record.Extent());
        final long[] records = new long[12];
        for (int i = 0; i < records.length; i++)
        {
            records[i] = i;
        }
        world.Send(records, 0, 3, record, 0, 58);
        final long[] packed = new long[6];
        world.Recv(packed, 0, 6, MPI.LONG, 0, 58);
        assertArrayEquals(new long[] {1, 2, 5, 6, 9, 10}, packed);
    }
}
