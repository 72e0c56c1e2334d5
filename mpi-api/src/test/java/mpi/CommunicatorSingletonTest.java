package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Communicator construction, comparison, freeing and topologies in a one-rank world, over the real self path (the
 * multi-rank behaviour is checked through mpirun by the launcher's CommunicatorChecks). Errors under
 * {@code ERRORS_RETURN}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommunicatorSingletonTest
{
    @BeforeAll
    static void init()
    {
        MPI.Init(new String[0]);
        MPI.Errorhandler_set(MPI.ERRORS_RETURN);
    }

    @AfterAll
    static void finish()
    {
        MPI.Finalize();
    }

    private static void assertError(final int errorClass, final String text, final Runnable call)
    {
        final MPIException e = assertThrows(MPIException.class, call::run);
        assertEquals(errorClass, e.getErrorClass(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should name " + text);
    }

    @Test
    void shouldDuplicateIntoACongruentCommunicatorWithItsOwnMessages()
    {
        final Intracomm world = MPI.COMM_WORLD;
        final Intracomm dup = (Intracomm)world.clone();
        assertEquals(MPI.CONGRUENT, Comm.Compare(world, dup));
        assertEquals(MPI.IDENT, Comm.Compare(dup, dup));
        assertSame(MPI.ERRORS_RETURN, dup.Errhandler_get(), "dup copies the error handler");
        world.Send(new int[] {1}, 0, 1, MPI.INT, 0, 7);
        assertNull(dup.Iprobe(0, 7), "a message on the parent never matches on the dup");
        dup.Send(new int[] {2}, 0, 1, MPI.INT, 0, 7);
        final int[] in = new int[1];
        dup.Recv(in, 0, 1, MPI.INT, 0, 7);
        assertEquals(2, in[0]);
        world.Recv(in, 0, 1, MPI.INT, 0, 7);
        assertEquals(1, in[0]);
        dup.Free();
    }

    @Test
    void shouldBehaveAsCommNullOnceFreed()
    {
        final Intracomm dup = (Intracomm)MPI.COMM_WORLD.clone();
        dup.Free();
        assertError(MPI.ERR_COMM, "freed", dup::Rank);
        assertError(MPI.ERR_COMM, "freed", () -> dup.Send(new int[1], 0, 1, MPI.INT, 0, 0));
        assertError(MPI.ERR_COMM, "freed", dup::Free);
        assertError(MPI.ERR_COMM, "MPI.COMM_WORLD cannot be freed", MPI.COMM_WORLD::Free);
        assertError(MPI.ERR_COMM, "COMM_NULL", MPI.COMM_NULL::Size);
    }

    @Test
    void shouldRecycleContextIdsOfFreedCommunicators()
    {
        final int before = ContextAgreement.blocksInUse();
        for (int i = 0; i < 20_000; i++)
        {
            ((Comm)MPI.COMM_WORLD.clone()).Free();
        }
        assertEquals(before, ContextAgreement.blocksInUse());
    }

    @Test
    void shouldSplitAndCreate()
    {
        final Intracomm split = MPI.COMM_WORLD.Split(3, 0);
        assertEquals(1, split.Size());
        assertEquals(MPI.CONGRUENT, Comm.Compare(split, MPI.COMM_WORLD));
        assertSame(MPI.COMM_NULL, MPI.COMM_WORLD.Split(MPI.UNDEFINED, 0));
        assertError(MPI.ERR_ARG, "color -5", () -> MPI.COMM_WORLD.Split(-5, 0));
        final Intracomm created = MPI.COMM_WORLD.Create(MPI.COMM_WORLD.Group());
        assertEquals(0, created.Rank());
        assertSame(MPI.COMM_NULL, MPI.COMM_WORLD.Create(MPI.GROUP_EMPTY));
        split.Free();
        created.Free();
    }

    @Test
    void shouldBuildTopologiesThatSurviveDup()
    {
        final Cartcomm cart = MPI.COMM_WORLD.Create_cart(new int[] {1, 1}, new boolean[] {true, false}, false);
        assertEquals(MPI.CART, cart.Topo_test());
        final Cartcomm copy = (Cartcomm)cart.clone();
        final CartParms parms = copy.Get();
        assertArrayEquals(new int[] {1, 1}, parms.dims);
        assertArrayEquals(new boolean[] {true, false}, parms.periods);
        assertArrayEquals(new int[] {0, 0}, parms.coords);
        final ShiftParms shift = copy.Shift(1, 1);
        assertEquals(MPI.PROC_NULL, shift.rank_dest);
        assertEquals(0, copy.Shift(0, 1).rank_source, "periodic: its own neighbour");
        assertEquals(1, copy.Sub(new boolean[] {true, false}).Get().dims.length);
        assertEquals(0, cart.Map(new int[] {1}, new boolean[1]));
        assertError(MPI.ERR_DIMS, "more positions", () -> MPI.COMM_WORLD.Create_cart(new int[] {2}, new boolean[1],
            false));
        final Graphcomm graph = MPI.COMM_WORLD.Create_graph(new int[] {1}, new int[] {0}, false);
        assertEquals(MPI.GRAPH, ((Graphcomm)graph.clone()).Topo_test());
        assertArrayEquals(new int[] {0}, graph.Neighbours(0));
        assertEquals(MPI.UNDEFINED, MPI.COMM_WORLD.Topo_test());
        assertInstanceOf(Intracomm.class, MPI.COMM_WORLD.clone());
    }

    @Test
    void shouldKeepPredefinedAttributes()
    {
        assertEquals(Integer.MAX_VALUE, MPI.COMM_WORLD.Attr_get(MPI.TAG_UB));
        assertError(MPI.ERR_ARG, "keyval 1", () -> MPI.COMM_WORLD.Attr_delete(MPI.TAG_UB));
        MPI.COMM_WORLD.Attr_delete(99);
        assertFalse(MPI.COMM_WORLD.Test_inter());
    }
}
