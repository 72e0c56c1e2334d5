package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The collective API in a one-rank world (messages to itself through the real self path): offsets, strided
 * derived types staged through {@link StagedBlocks}, OBJECT, and the argument checks every collective makes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SingletonCollectivesTest
{
    /** Every other INT: two items of this type are elements 0, 2 | 4, 6. */
    private static final Datatype STRIDED = new Datatype(BaseType.INT, new int[] {0, 2}, new int[] {1, 1}, 0, 4);

    @BeforeAll
    static void init()
    {
        MPI.Init(new String[0]);
    }

    @AfterAll
    static void finish()
    {
        MPI.Finalize();
    }

    @Test
    void shouldRunEveryCollectiveOnOneRankWithOffsets()
    {
        final Intracomm w = MPI.COMM_WORLD;
        final int[] src = {9, 1, 2, 3, 9};
        final int[] dst = new int[5];
        w.Bcast(src, 1, 3, MPI.INT, 0);
        assertArrayEquals(new int[] {9, 1, 2, 3, 9}, src);
        w.Gather(src, 1, 3, MPI.INT, dst, 2, 3, MPI.INT, 0);
        assertArrayEquals(new int[] {0, 0, 1, 2, 3}, dst);
        w.Scatterv(src, 0, new int[] {2}, new int[] {2}, MPI.INT, dst, 0, 2, MPI.INT, 0);
        assertArrayEquals(new int[] {2, 3, 1, 2, 3}, dst);
        w.Allgatherv(src, 0, 1, MPI.INT, dst, 0, new int[] {1}, new int[] {4}, MPI.INT);
        assertEquals(9, dst[4]);
        w.Alltoall(src, 1, 1, MPI.INT2, dst, 0, 2, MPI.INT);
        assertArrayEquals(new int[] {1, 2, 1, 2, 9}, dst);
        final long[] sums = new long[2];
        w.Allreduce(new long[] {7, 5, 6}, 1, sums, 0, 1, MPI.LONG2, MPI.MINLOC);
        assertArrayEquals(new long[] {5, 6}, sums);
        final double[] scan = new double[1];
        w.Scan(new double[] {0, 2.5}, 1, scan, 0, 1, MPI.DOUBLE, MPI.PROD);
        assertEquals(2.5, scan[0]);
        final boolean[] flags = new boolean[2];
        w.Reduce_scatter(new boolean[] {true, false}, 0, flags, 1, new int[] {1}, MPI.BOOLEAN, MPI.LXOR);
        assertTrue(flags[1]);
        w.Barrier();
    }

    @Test
    void shouldStageStridedTypesOnBothSides()
    {
        final Intracomm w = MPI.COMM_WORLD;
        final int[] send = {1, -1, 2, -1, 3, -1, 4, -1};
        final int[] recv = new int[8];
        w.Allgather(send, 0, 2, STRIDED, recv, 1, 4, MPI.INT);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 0, 0}, recv);
        final int[] strided = new int[9];
        w.Allreduce(send, 0, strided, 1, 2, STRIDED, MPI.SUM);
        assertArrayEquals(new int[] {0, 1, 0, 2, 0, 3, 0, 4, 0}, strided);
        final int[] back = new int[9];
        w.Gatherv(new int[] {5, 6}, 0, 2, MPI.INT, back, 0, new int[] {1}, new int[] {1}, STRIDED, 0);
        assertArrayEquals(new int[] {0, 0, 0, 0, 5, 0, 6, 0, 0}, back);
    }

    @Test
    void shouldMoveAndReduceObjects()
    {
        final Intracomm w = MPI.COMM_WORLD;
        final Object[] objects = {"a", java.util.List.of(1, 2)};
        final Object[] out = new Object[3];
        w.Allgather(objects, 0, 2, MPI.OBJECT, out, 1, 2, MPI.OBJECT);
        assertEquals("a", out[1]);
        assertEquals(java.util.List.of(1, 2), out[2]);
        final Op concat = new Op(new User_function()
        {
            @Override
            public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
                final int count, final Datatype datatype)
            {
                for (int i = 0; i < count; i++)
                {
                    ((Object[])inoutvec)[inoutoffset + i] = "" + ((Object[])invec)[inoffset + i]
                        + ((Object[])inoutvec)[inoutoffset + i];
                }
            }
        }, false);
        final Object[] reduced = new Object[1];
        w.Reduce(objects, 0, reduced, 0, 1, MPI.OBJECT, concat, 0);
        assertEquals("a", reduced[0]);
    }

    /** A mutable accumulator, updated in place by {@link #ADD_IN_PLACE} as mpiJava's object tests do. */
    static final class Counter implements java.io.Serializable
    {
        private static final long serialVersionUID = 1L;
        int value;

        Counter(final int value)
        {
            this.value = value;
        }
    }

    private static final Op ADD_IN_PLACE = new Op(new User_function()
    {
        @Override
        public void Call(final Object invec, final int inoffset, final Object inoutvec, final int inoutoffset,
            final int count, final Datatype datatype)
        {
            for (int i = 0; i < count; i++)
            {
                final Counter into = (Counter)((Object[])inoutvec)[inoutoffset + i];
                into.value += ((Counter)((Object[])invec)[inoffset + i]).value;
            }
        }
    }, true);

    @Test
    void shouldNeverShareOrChangeTheCallersSendObjects()
    {
        final Intracomm w = MPI.COMM_WORLD;
        final Counter mine = new Counter(5);
        final Object[] send = {mine};
        final Object[] recv = new Object[1];
        w.Allreduce(send, 0, recv, 0, 1, MPI.OBJECT, ADD_IN_PLACE);
        w.Reduce_scatter(send, 0, recv, 0, new int[] {1}, MPI.OBJECT, ADD_IN_PLACE);
        w.Scan(send, 0, recv, 0, 1, MPI.OBJECT, ADD_IN_PLACE);
        w.Reduce(send, 0, recv, 0, 1, MPI.OBJECT, ADD_IN_PLACE, 0);
        assertEquals(5, ((Counter)recv[0]).value);
        w.Gather(send, 0, 1, MPI.OBJECT, recv, 0, 1, MPI.OBJECT, 0);
        assertTrue(recv[0] != mine && ((Counter)recv[0]).value == 5, "gathered a copy");
        w.Alltoall(send, 0, 1, MPI.OBJECT, recv, 0, 1, MPI.OBJECT);
        assertTrue(recv[0] != mine, "all-to-all a copy");
        assertEquals(5, mine.value);
        assertTrue(send[0] == mine);
    }

    private static void assertRefused(final int errorClass, final String text, final Executable call)
    {
        final MPIException e = assertThrows(MPIException.class, call);
        assertEquals(errorClass, e.getErrorClass(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void shouldRefuseWrongArgumentsNamingThem()
    {
        final Intracomm w = MPI.COMM_WORLD;
        final int[] buf = new int[4];
        assertRefused(MPI.ERR_ROOT, "root 1", () -> w.Bcast(buf, 0, 1, MPI.INT, 1));
        assertRefused(MPI.ERR_ROOT, "root -1", () -> w.Reduce(buf, 0, buf, 0, 1, MPI.INT, MPI.SUM, -1));
        assertRefused(MPI.ERR_BUFFER, "buf", () -> w.Bcast(buf, 2, 3, MPI.INT, 0));
        assertRefused(MPI.ERR_TYPE, "double[]", () -> w.Bcast(new double[1], 0, 1, MPI.INT, 0));
        assertRefused(MPI.ERR_OP, "op is null", () -> w.Allreduce(buf, 0, buf, 1, 1, MPI.INT, null));
        assertRefused(MPI.ERR_OP, "MPI.SUM is not defined for datatype BOOLEAN",
            () -> w.Allreduce(new boolean[1], 0, new boolean[1], 0, 1, MPI.BOOLEAN, MPI.SUM));
        assertRefused(MPI.ERR_OP, "MPI.MAXLOC", () -> w.Scan(buf, 0, buf, 1, 1, MPI.INT, MPI.MAXLOC));
        assertRefused(MPI.ERR_TRUNCATE, "sendcount 2",
            () -> w.Gather(buf, 0, 2, MPI.INT, buf, 0, 1, MPI.INT, 0));
        assertRefused(MPI.ERR_TYPE, "different element types",
            () -> w.Allgather(buf, 0, 1, MPI.INT, new long[1], 0, 1, MPI.LONG));
        assertRefused(MPI.ERR_ARG, "recvcount is null",
            () -> w.Gatherv(buf, 0, 1, MPI.INT, buf, 0, null, new int[1], MPI.INT, 0));
        assertRefused(MPI.ERR_COUNT, "recvcounts[0] -1",
            () -> w.Reduce_scatter(buf, 0, buf, 0, new int[] {-1}, MPI.INT, MPI.SUM));
        assertRefused(MPI.ERR_ARG, "displs[0] -2",
            () -> w.Alltoallv(buf, 0, new int[] {1}, new int[] {-2}, MPI.INT, buf, 0, new int[] {1}, new int[] {0},
                MPI.INT));
        assertRefused(MPI.ERR_BUFFER, "recvbuf block 0",
            () -> w.Allgatherv(buf, 0, 1, MPI.INT, buf, 0, new int[] {1}, new int[] {4}, MPI.INT));
        assertRefused(MPI.ERR_COUNT, "count -1", () -> w.Scatter(buf, 0, -1, MPI.INT, buf, 0, 1, MPI.INT, 0));
    }
}
