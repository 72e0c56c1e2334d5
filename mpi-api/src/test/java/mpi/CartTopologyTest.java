package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Grid arithmetic: Dims_create, rank/coordinates, shifts and sub-grids. */
class CartTopologyTest
{
    private static int[] dims(final int nnodes, final int... dims)
    {
        Cartcomm.Dims_create(nnodes, dims);
        return dims;
    }

    private static void assertError(final int errorClass, final String text, final Runnable call)
    {
        final MPIException e = assertThrows(MPIException.class, call::run);
        assertEquals(errorClass, e.getErrorClass(), e.getMessage());
        assertTrue(e.getMessage().contains(text), "'" + e.getMessage() + "' should name " + text);
    }

    @Test
    void shouldBalanceFreeDimensionsInNonIncreasingOrder()
    {
        assertArrayEquals(new int[] {3, 2}, dims(6, 0, 0));
        assertArrayEquals(new int[] {4, 2, 2}, dims(16, 0, 0, 0));
        assertArrayEquals(new int[] {4, 3, 2}, dims(24, 0, 0, 0));
        assertArrayEquals(new int[] {5, 3, 2}, dims(30, 0, 0, 0));
        assertArrayEquals(new int[] {7, 1}, dims(7, 0, 0));
        assertArrayEquals(new int[] {6, 6}, dims(36, 0, 0));
        assertArrayEquals(new int[] {2, 2, 2, 1}, dims(8, 0, 0, 0, 0));
        assertArrayEquals(new int[] {1000, 1000}, dims(1_000_000, 0, 0));
        assertArrayEquals(new int[] {1}, dims(1, 0));
        assertArrayEquals(new int[0], dims(1));
    }

    @Test
    void shouldKeepFixedEntries()
    {
        assertArrayEquals(new int[] {2, 3}, dims(6, 2, 0), "MPJ Express gave {3, 2}");
        assertArrayEquals(new int[] {3, 4, 2}, dims(24, 0, 4, 0));
        assertArrayEquals(new int[] {2, 3, 4}, dims(24, 2, 3, 4));
        assertArrayEquals(new int[] {1, 12}, dims(12, 1, 0));
    }

    @Test
    void shouldRefuseImpossibleDims()
    {
        assertError(MPI.ERR_DIMS, "do not divide nnodes 7", () -> dims(7, 2, 0));
        assertError(MPI.ERR_DIMS, "must multiply to nnodes 6", () -> dims(6, 2, 2));
        assertError(MPI.ERR_DIMS, "must multiply to nnodes 5", () -> dims(5));
        assertError(MPI.ERR_DIMS, "dims[1] = -1", () -> dims(6, 0, -1));
        assertError(MPI.ERR_ARG, "nnodes 0", () -> dims(0, 0));
        assertError(MPI.ERR_ARG, "dims is null", () -> Cartcomm.Dims_create(4, null));
    }

    @Test
    void shouldMapRanksAndCoordinatesRowMajor()
    {
        final CartTopology grid = new CartTopology(new int[] {2, 3, 4}, new boolean[3]);
        assertEquals(24, grid.size());
        for (int rank = 0; rank < 24; rank++)
        {
            assertEquals(rank, grid.rank(grid.coords(rank)));
        }
        assertArrayEquals(new int[] {1, 2, 3}, grid.coords(23));
        assertArrayEquals(new int[] {0, 1, 2}, grid.coords(6));
        assertEquals(6, grid.rank(new int[] {0, 1, 2}));
        assertError(MPI.ERR_ARG, "coords[1] = 3", () -> grid.rank(new int[] {0, 3, 0}));
        assertError(MPI.ERR_ARG, "does not have 3 entries", () -> grid.rank(new int[] {0, 1}));
        assertError(MPI.ERR_RANK, "rank 24", () -> grid.coords(24));
    }

    @Test
    void shouldWrapCoordinatesOfPeriodicDimensions()
    {
        final CartTopology torus = new CartTopology(new int[] {3, 4}, new boolean[] {true, false});
        assertEquals(torus.rank(new int[] {2, 1}), torus.rank(new int[] {-1, 1}));
        assertEquals(torus.rank(new int[] {0, 3}), torus.rank(new int[] {6, 3}));
        assertError(MPI.ERR_ARG, "coords[1] = -1", () -> torus.rank(new int[] {0, -1}));
    }

    @Test
    void shouldShiftWithWrapAroundOrProcNull()
    {
        final CartTopology grid = new CartTopology(new int[] {3, 4}, new boolean[] {true, false});
        final int rank = grid.rank(new int[] {0, 0});
        assertArrayEquals(new int[] {grid.rank(new int[] {2, 0}), grid.rank(new int[] {1, 0})},
            grid.shift(rank, 0, 1));
        assertArrayEquals(new int[] {MPI.PROC_NULL, grid.rank(new int[] {0, 1})}, grid.shift(rank, 1, 1));
        assertArrayEquals(new int[] {MPI.PROC_NULL, grid.rank(new int[] {0, 2})},
            grid.shift(grid.rank(new int[] {0, 3}), 1, -1), "a negative displacement shifts down");
        assertArrayEquals(new int[] {rank, rank}, grid.shift(rank, 0, 3), "a full turn comes back");
        assertArrayEquals(new int[] {MPI.PROC_NULL, MPI.PROC_NULL}, grid.shift(rank, 1, 4));
        assertError(MPI.ERR_ARG, "direction 2", () -> grid.shift(rank, 2, 1));
    }

    @Test
    void shouldColourSubGridsByTheDroppedCoordinates()
    {
        final CartTopology grid = new CartTopology(new int[] {2, 3, 4}, new boolean[] {false, true, false});
        final boolean[] keepMiddle = {false, true, false};
        final CartTopology sub = grid.sub(keepMiddle);
        assertArrayEquals(new int[] {3}, sub.dims());
        assertArrayEquals(new boolean[] {true}, sub.periods());
        assertEquals(grid.subColor(grid.rank(new int[] {1, 0, 2}), keepMiddle),
            grid.subColor(grid.rank(new int[] {1, 2, 2}), keepMiddle));
        assertTrue(grid.subColor(grid.rank(new int[] {1, 0, 2}), keepMiddle)
            != grid.subColor(grid.rank(new int[] {0, 0, 2}), keepMiddle));
        assertEquals(1, grid.sub(new boolean[3]).size(), "no dimension kept: a single process");
    }

    @Test
    void shouldCheckGridArguments()
    {
        assertError(MPI.ERR_DIMS, "dims[0] = 0", () -> CartTopology.checkedSize(new int[] {0, 2}, new boolean[2], 4));
        assertError(MPI.ERR_DIMS, "more positions than the communicator's 4",
            () -> CartTopology.checkedSize(new int[] {3, 2}, new boolean[2], 4));
        assertError(MPI.ERR_ARG, "periods has 1 entries, dims has 2",
            () -> CartTopology.checkedSize(new int[] {1, 2}, new boolean[1], 4));
    }

    @Test
    void shouldListGraphNeighboursAndCheckTheGraph()
    {
        final GraphTopology ring = new GraphTopology(new int[] {2, 4, 6}, new int[] {1, 2, 0, 2, 1, 0}, 4);
        assertEquals(3, ring.nodes());
        assertArrayEquals(new int[] {1, 2}, ring.neighbours(0));
        assertArrayEquals(new int[] {1, 0}, ring.neighbours(2));
        assertError(MPI.ERR_RANK, "rank 3", () -> ring.neighbours(3));
        assertError(MPI.ERR_ARG, "edges[1] = 3", () -> new GraphTopology(new int[] {2}, new int[] {0, 3}, 4));
        assertError(MPI.ERR_ARG, "index[1] = 1 is below", () -> new GraphTopology(new int[] {2, 1}, new int[2], 4));
        assertError(MPI.ERR_ARG, "more than the communicator's 1", () -> new GraphTopology(new int[2], new int[0], 1));
        assertError(MPI.ERR_ARG, "edges has only 1", () -> new GraphTopology(new int[] {2}, new int[1], 2));
    }
}
