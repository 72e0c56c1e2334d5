package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole point-to-point API in a one-rank world (a program started without the launcher), where every message
 * goes rank 0 to rank 0 through the real self path. Errors are checked under {@code ERRORS_RETURN};
 * {@link InitialErrhandlerTest} covers the handler a communicator starts with.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SingletonWorldTest
{
    private static final String[] ARGS = {"-x", "user arg", ""};

    @BeforeAll
    static void init()
    {
        assertFalse(MPI.Initialized());
        assertSame(ARGS, MPI.Init(ARGS), "Init returns the user's own arguments");
        assertSame(MPI.ERRORS_ARE_FATAL, MPI.COMM_WORLD.Errhandler_get(), "the default handler");
        MPI.COMM_WORLD.Errhandler_set(MPI.ERRORS_RETURN);
        MPI.COMM_SELF.Errhandler_set(MPI.ERRORS_RETURN);
    }

    @AfterAll
    static void finish()
    {
        MPI.Finalize();
        assertTrue(MPI.Finalized());
        assertFalse(MPI.Initialized());
        assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Rank());
    }

    @Test
    void shouldBeAOneRankWorld()
    {
        assertTrue(MPI.Initialized());
        assertEquals(0, MPI.COMM_WORLD.Rank());
        assertEquals(1, MPI.COMM_WORLD.Size());
        assertEquals(1, MPI.COMM_SELF.Size());
        assertFalse(MPI.COMM_WORLD.Is_null());
        assertTrue(MPI.COMM_NULL.Is_null());
        assertEquals(Integer.MAX_VALUE, MPI.COMM_WORLD.Attr_get(MPI.TAG_UB));
        assertEquals(MPI.PROC_NULL, MPI.COMM_WORLD.Attr_get(MPI.HOST));
        assertEquals(0, MPI.COMM_WORLD.Attr_get(MPI.IO));
        assertEquals(MPI.THREAD_SINGLE, MPI.Query_thread());
        assertTrue(MPI.Is_thread_main() || !MPI.Is_thread_main());
        assertFalse(MPI.Get_processor_name().isEmpty());
        assertThrows(MPIException.class, () -> MPI.Init(ARGS), "a second Init is an error");
    }

    @Test
    void shouldTimeWithNanosecondResolution()
    {
        assertEquals(1e-9, MPI.Wtick());
        final double t0 = MPI.Wtime();
        final double t1 = MPI.Wtime();
        assertTrue(t1 >= t0);
        assertTrue(t1 - t0 < 1e-3, "two consecutive Wtime calls are close, not whole seconds apart");
        double t2 = MPI.Wtime();
        while (t2 == t0)
        {
            t2 = MPI.Wtime();
        }
        assertTrue(t2 - t0 < 1e-3, "Wtime advances in sub-millisecond steps");
    }

    @Test
    void shouldSendEveryPrimitiveTypeToSelfWithOffsets()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int[] ints = {0, 1, 2, 3, 4, 5};
        final int[] intsIn = new int[6];
        world.Send(ints, 2, 3, MPI.INT, 0, 1);
        final Status status = world.Recv(intsIn, 1, 3, MPI.INT, 0, 1);
        assertArrayEquals(new int[] {0, 2, 3, 4, 0, 0}, intsIn);
        assertEquals(3, status.Get_count(MPI.INT));
        assertEquals(12, status.Get_count(MPI.BYTE));
        assertEquals(0, status.source);
        assertEquals(1, status.tag);

        final double[] doubles = {1.5, -2.5, Math.PI};
        final double[] doublesIn = new double[3];
        world.Send(doubles, 0, 3, MPI.DOUBLE, 0, 2);
        world.Recv(doublesIn, 0, 3, MPI.DOUBLE, 0, 2);
        assertArrayEquals(doubles, doublesIn);

        final char[] chars = "hello".toCharArray();
        final char[] charsIn = new char[5];
        world.Send(chars, 0, 5, MPI.CHAR, 0, 3);
        world.Recv(charsIn, 0, 5, MPI.CHAR, 0, 3);
        assertArrayEquals(chars, charsIn);

        final boolean[] bools = {true, false, true};
        final boolean[] boolsIn = new boolean[3];
        world.Send(bools, 0, 3, MPI.BOOLEAN, 0, 4);
        world.Recv(boolsIn, 0, 3, MPI.BOOLEAN, 0, 4);
        assertArrayEquals(bools, boolsIn);

        final long[] longs = {Long.MAX_VALUE, Long.MIN_VALUE};
        final long[] longsIn = new long[2];
        world.Send(longs, 0, 2, MPI.LONG, 0, 5);
        world.Recv(longsIn, 0, 2, MPI.LONG, 0, 5);
        assertArrayEquals(longs, longsIn);

        final short[] shorts = {7, -7};
        final short[] shortsIn = new short[2];
        final float[] floats = {0.25f};
        final float[] floatsIn = new float[1];
        final byte[] bytes = {9, 8, 7};
        final byte[] bytesIn = new byte[4];
        world.Send(shorts, 0, 2, MPI.SHORT, 0, 6);
        world.Send(floats, 0, 1, MPI.FLOAT, 0, 7);
        world.Send(bytes, 1, 2, MPI.BYTE, 0, 8);
        world.Recv(bytesIn, 2, 2, MPI.BYTE, 0, 8);
        world.Recv(floatsIn, 0, 1, MPI.FLOAT, 0, 7);
        world.Recv(shortsIn, 0, 2, MPI.SHORT, 0, 6);
        assertArrayEquals(shorts, shortsIn);
        assertArrayEquals(floats, floatsIn);
        assertArrayEquals(new byte[] {0, 0, 8, 7}, bytesIn);
    }

    @Test
    void shouldKeepOrderAndMatchWildcards()
    {
        final Intracomm world = MPI.COMM_WORLD;
        for (int i = 0; i < 5; i++)
        {
            world.Send(new int[] {i}, 0, 1, MPI.INT, 0, 100 + (i % 2));
        }
        final int[] in = new int[1];
        assertEquals(101, world.Recv(in, 0, 1, MPI.INT, 0, 101).tag);
        assertEquals(1, in[0], "first message with tag 101");
        final Status any = world.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, MPI.ANY_TAG);
        assertEquals(0, in[0], "ANY_TAG takes the oldest message");
        assertEquals(100, any.tag);
        assertEquals(0, any.source);
        world.Recv(in, 0, 1, MPI.INT, 0, MPI.ANY_TAG);
        assertEquals(2, in[0]);
        world.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, 101);
        assertEquals(3, in[0]);
        world.Recv(in, 0, 1, MPI.INT, 0, 100);
        assertEquals(4, in[0]);
    }

    @Test
    void shouldProbeWithoutReceiving()
    {
        final Intracomm world = MPI.COMM_WORLD;
        assertNull(world.Iprobe(0, 77), "Iprobe gives null when nothing is pending");
        final Request send = world.Isend(new long[] {1, 2, 3}, 0, 3, MPI.LONG, 0, 77);
        final Status probed = world.Probe(MPI.ANY_SOURCE, 77);
        assertEquals(3, probed.Get_count(MPI.LONG));
        assertEquals(77, world.Iprobe(0, MPI.ANY_TAG).tag);
        final long[] in = new long[3];
        world.Recv(in, 0, 3, MPI.LONG, 0, 77);
        send.Wait();
        assertArrayEquals(new long[] {1, 2, 3}, in);
        assertNull(world.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG));
    }

    @Test
    void shouldHandleProcNullAndZeroLengthMessages()
    {
        final Intracomm world = MPI.COMM_WORLD;
        world.Send(new int[0], 0, 0, MPI.INT, MPI.PROC_NULL, 1);
        final Status nothing = world.Recv(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, 1);
        assertEquals(MPI.PROC_NULL, nothing.source);
        assertEquals(0, nothing.Get_count(MPI.INT));
        world.Send(new byte[0], 0, 0, MPI.BYTE, 0, 9);
        final Status empty = world.Recv(new byte[4], 0, 4, MPI.BYTE, 0, 9);
        assertEquals(0, empty.Get_count(MPI.BYTE));
    }

    @Test
    void shouldReportTruncationAsAnError()
    {
        final Intracomm world = MPI.COMM_WORLD;
        world.Send(new int[4], 0, 4, MPI.INT, 0, 11);
        final MPIException e = assertThrows(MPIException.class, () -> world.Recv(new int[2], 0, 2, MPI.INT, 0, 11));
        assertEquals(MPI.ERR_TRUNCATE, e.getErrorClass());
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void shouldCompleteSynchronousSendOnlyWhenMatched()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final Request ssend = world.Issend(new int[] {42}, 0, 1, MPI.INT, 0, 12);
        for (int i = 0; i < 100; i++)
        {
            assertNull(ssend.Test(), "Issend must not complete before a receive matches it");
        }
        final int[] in = new int[1];
        world.Recv(in, 0, 1, MPI.INT, 0, 12);
        assertNotNull(ssend.Wait());
        assertEquals(42, in[0]);
        assertTrue(ssend.Is_null(), "a completed request becomes null");
    }

    @Test
    void shouldCancelAnUnmatchedReceive()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final Request recv = world.Irecv(new int[1], 0, 1, MPI.INT, 0, 13);
        recv.Cancel();
        assertTrue(recv.Wait().Test_cancelled());
        world.Send(new int[] {5}, 0, 1, MPI.INT, 0, 13);
        final int[] in = new int[1];
        world.Recv(in, 0, 1, MPI.INT, 0, 13);
        assertEquals(5, in[0], "the cancelled receive did not take the message");
    }

    @Test
    void shouldBufferSendsOnlyWithAttachedSpace()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final MPIException none = assertThrows(MPIException.class,
            () -> world.Bsend(new int[] {1}, 0, 1, MPI.INT, 0, 14));
        assertEquals(MPI.ERR_BUFFER, none.getErrorClass());
        assertTrue(none.getMessage().contains("Buffer_attach"), none.getMessage());

        MPI.Buffer_attach(ByteBuffer.allocateDirect(1024 + MPI.BSEND_OVERHEAD));
        final int[] data = new int[256];
        data[255] = 9;
        world.Bsend(data, 0, 256, MPI.INT, 0, 14);
        data[255] = -1;
        world.Ibsend(data, 0, 256, MPI.INT, 0, 14).Wait();
        final MPIException tooBig = assertThrows(MPIException.class,
            () -> world.Bsend(new int[257], 0, 257, MPI.INT, 0, 14));
        assertEquals(MPI.ERR_BUFFER, tooBig.getErrorClass());
        assertTrue(tooBig.getMessage().contains("does not fit"), tooBig.getMessage());
        final int[] in = new int[256];
        world.Recv(in, 0, 256, MPI.INT, 0, 14);
        assertEquals(9, in[255], "Bsend copied the data before returning");
        world.Recv(in, 0, 256, MPI.INT, 0, 14);
        assertEquals(-1, in[255]);
        MPI.Buffer_detach();
    }

    @Test
    void shouldSizePackedDataAsBufferedSendsUseIt()
    {
        final Intracomm world = MPI.COMM_WORLD;
        assertEquals(4000, world.Pack_size(1000, MPI.INT));
        assertEquals(0, world.Pack_size(0, MPI.DOUBLE));
        assertEquals(3 * 2 * 8, world.Pack_size(3, MPI.DOUBLE2));
        assertEquals(MPI.ERR_TYPE, assertThrows(MPIException.class, () -> world.Pack_size(1, MPI.OBJECT))
            .getErrorClass());
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class, () -> world.Pack_size(-1, MPI.INT))
            .getErrorClass());

        MPI.Buffer_attach(ByteBuffer.allocateDirect(world.Pack_size(100, MPI.LONG) + MPI.BSEND_OVERHEAD));
        final long[] data = new long[100];
        data[99] = 5;
        world.Bsend(data, 0, 100, MPI.LONG, 0, 61);
        final long[] in = new long[100];
        world.Recv(in, 0, 100, MPI.LONG, 0, 61);
        assertEquals(5, in[99]);
        MPI.Buffer_detach();
    }

    @Test
    void shouldCarryObjects()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final Object[] out = {"a", List.of(1, 2), new int[] {3}, null};
        world.Send(out, 1, 3, MPI.OBJECT, 0, 15);
        final Object[] in = new Object[5];
        final Status status = world.Recv(in, 2, 3, MPI.OBJECT, MPI.ANY_SOURCE, 15);
        assertEquals(List.of(1, 2), in[2]);
        assertArrayEquals(new int[] {3}, (int[])in[3]);
        assertNull(in[4]);
        assertEquals(3, status.Get_count(MPI.OBJECT));
        world.Send(new Object[] {1, 2, 3}, 0, 3, MPI.OBJECT, 0, 16);
        assertEquals(MPI.ERR_TRUNCATE, assertThrows(MPIException.class,
            () -> world.Recv(new Object[2], 0, 2, MPI.OBJECT, 0, 16)).getErrorClass());
    }

    @Test
    void shouldRunPersistentRequestsRepeatedly()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int[] out = new int[1];
        final int[] in = new int[1];
        final Prequest send = world.Send_init(out, 0, 1, MPI.INT, 0, 17);
        final Prequest recv = world.Recv_init(in, 0, 1, MPI.INT, 0, 17);
        for (int i = 1; i <= 3; i++)
        {
            out[0] = i;
            Prequest.Startall(new Prequest[] {recv, send});
            Request.Waitall(new Request[] {send, recv});
            assertEquals(i, in[0]);
            assertFalse(recv.Is_null(), "a persistent request stays usable");
        }
    }

    @Test
    void shouldCompleteArraysOfRequests()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int[][] in = new int[3][1];
        final Request[] recvs = new Request[3];
        for (int i = 0; i < 3; i++)
        {
            recvs[i] = world.Irecv(in[i], 0, 1, MPI.INT, 0, 20 + i);
        }
        assertNull(Request.Testany(recvs));
        assertNull(Request.Testall(recvs));
        assertEquals(0, Request.Testsome(recvs).length);
        world.Send(new int[] {2}, 0, 1, MPI.INT, 0, 22);
        final Status any = Request.Waitany(recvs);
        assertEquals(2, any.index);
        assertEquals(2, in[2][0]);
        world.Send(new int[] {0}, 0, 1, MPI.INT, 0, 20);
        world.Send(new int[] {1}, 0, 1, MPI.INT, 0, 21);
        int done = 0;
        while (done < 2)
        {
            done += Request.Waitsome(recvs).length;
        }
        assertEquals(1, in[1][0]);
        assertEquals(MPI.UNDEFINED, Request.Waitany(recvs).index, "all requests null");
        assertNotNull(Request.Testall(recvs));
    }

    @Test
    void shouldSendrecvAndReplace()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int[] in = new int[2];
        world.Sendrecv(new int[] {1, 2}, 0, 2, MPI.INT, 0, 30, in, 0, 2, MPI.INT, 0, 30);
        assertArrayEquals(new int[] {1, 2}, in);
        final double[] buf = {3.0, 4.0};
        world.Sendrecv_replace(buf, 0, 2, MPI.DOUBLE, 0, 31, 0, 31);
        assertArrayEquals(new double[] {3.0, 4.0}, buf);
    }

    @Test
    void shouldCarryA16MiBMessage()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int n = 4 << 20;
        final int[] out = new int[n];
        for (int i = 0; i < n; i++)
        {
            out[i] = i * 31;
        }
        final Request send = world.Isend(out, 0, n, MPI.INT, 0, 40);
        final int[] in = new int[n];
        world.Recv(in, 0, n, MPI.INT, 0, 40);
        send.Wait();
        assertArrayEquals(out, in);
    }

    @Test
    void shouldNameTheBadArgument()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final int[] buf = new int[4];
        assertError(MPI.ERR_RANK, "dest 1", () -> world.Send(buf, 0, 1, MPI.INT, 1, 0));
        assertError(MPI.ERR_RANK, "dest -5", () -> world.Isend(buf, 0, 1, MPI.INT, -5, 0));
        assertError(MPI.ERR_RANK, "source 3", () -> world.Recv(buf, 0, 1, MPI.INT, 3, 0));
        assertError(MPI.ERR_TAG, "tag -1", () -> world.Send(buf, 0, 1, MPI.INT, 0, -1));
        assertError(MPI.ERR_TAG, "tag -7", () -> world.Irecv(buf, 0, 1, MPI.INT, 0, -7));
        assertError(MPI.ERR_COUNT, "count -1", () -> world.Send(buf, 0, -1, MPI.INT, 0, 0));
        assertError(MPI.ERR_BUFFER, "offset 3 + count 2", () -> world.Send(buf, 3, 2, MPI.INT, 0, 0));
        assertError(MPI.ERR_BUFFER, "offset 5", () -> world.Recv(buf, 5, 0, MPI.INT, 0, 0));
        assertError(MPI.ERR_TYPE, "double[]", () -> world.Send(buf, 0, 1, MPI.DOUBLE, 0, 0));
        assertError(MPI.ERR_TYPE, "datatype is null", () -> world.Send(buf, 0, 1, null, 0, 0));
        assertError(MPI.ERR_BUFFER, "buf is null", () -> world.Send(null, 0, 1, MPI.INT, 0, 0));
        assertError(MPI.ERR_COMM, "COMM_NULL", () -> MPI.COMM_NULL.Send(buf, 0, 1, MPI.INT, 0, 0));
        assertNull(world.Iprobe(MPI.ANY_SOURCE, MPI.ANY_TAG), "no failed call left a message behind");
    }

    private static void assertError(final int errorClass, final String text, final Runnable call)
    {
        final MPIException e = assertThrows(MPIException.class, call::run);
        assertEquals(errorClass, e.getErrorClass(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should name " + text);
    }
}
