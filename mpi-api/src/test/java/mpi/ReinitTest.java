package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MPJ Express's test suite runs one program after another in a single JVM, each with its own {@code MPI.Init} and
 * {@code MPI.Finalize}: a one-rank world can be initialised again after it was finalised.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReinitTest
{
    private static final String[] ARGS = {};

    @Test
    void shouldStartANewSessionAfterFinalize()
    {
        assertFalse(MPI.Initialized());
        MPI.Init(ARGS);
        final Intracomm first = MPI.COMM_WORLD;
        first.Send(new int[] {1}, 0, 1, MPI.INT, 0, 1);
        MPI.Finalize();
        assertTrue(MPI.Finalized());
        assertThrows(MPIException.class, first::Rank, "the old session's communicators are dead");

        MPI.Init(ARGS);
        assertTrue(MPI.Initialized());
        assertFalse(MPI.Finalized());
        assertNotSame(first, MPI.COMM_WORLD);
        final int[] in = {-1};
        final Request pending = MPI.COMM_WORLD.Irecv(in, 0, 1, MPI.INT, 0, 1);
        MPI.COMM_WORLD.Send(new int[] {2}, 0, 1, MPI.INT, 0, 1);
        final Status status = pending.Wait();
        assertEquals(2, in[0], "a message left unreceived by the old session never reaches the new one");
        assertEquals(0, status.source);
        assertThrows(MPIException.class, () -> MPI.Init(ARGS), "Init while initialised stays an error");
        MPI.Finalize();
        assertFalse(MPI.Initialized());
    }
}
