package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The handler a communicator starts with is {@code ERRORS_ARE_FATAL} as far as {@code Errhandler_get} tells, and
 * raises {@link MPIException} as MPJ Express does, so MPJ programs that catch it run unchanged (see
 * {@link Errhandler}); communicators derived from it keep that behaviour until the program chooses a handler.
 * Explicit {@code ERRORS_ARE_FATAL} aborts the job, which launcher ITs check (it would end this JVM).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InitialErrhandlerTest
{
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
    void shouldRaiseMpiExceptionNamingTheArgumentUnderTheInitialHandler()
    {
        assertSame(MPI.ERRORS_ARE_FATAL, MPI.COMM_WORLD.Errhandler_get());
        final MPIException error = assertThrows(MPIException.class,
            () -> MPI.COMM_WORLD.Send(new int[4], 0, 4, MPI.INT, 3, 0));
        assertEquals(MPI.ERR_RANK, error.getErrorClass());
        assertTrue(error.getMessage().contains("dest 3"), error.getMessage());
        assertEquals(MPI.ERR_ROOT, assertThrows(MPIException.class,
            () -> MPI.COMM_WORLD.Bcast(new int[1], 0, 1, MPI.INT, 2)).getErrorClass());
        assertEquals(MPI.ERR_COUNT, assertThrows(MPIException.class,
            () -> MPI.COMM_WORLD.Pack(new int[1], 0, -1, MPI.INT, new byte[8], 0)).getErrorClass());
    }

    @Test
    void shouldKeepTheInitialBehaviourOnDerivedCommunicators()
    {
        final Intracomm dup = (Intracomm)MPI.COMM_WORLD.clone();
        assertSame(MPI.ERRORS_ARE_FATAL, dup.Errhandler_get());
        assertEquals(MPI.ERR_TAG, assertThrows(MPIException.class,
            () -> dup.Send(new int[1], 0, 1, MPI.INT, 0, -4)).getErrorClass());
        dup.Errhandler_set(MPI.ERRORS_RETURN);
        final Intracomm child = (Intracomm)dup.clone();
        assertSame(MPI.ERRORS_RETURN, child.Errhandler_get());
        assertEquals(MPI.ERR_TAG, assertThrows(MPIException.class,
            () -> child.Send(new int[1], 0, 1, MPI.INT, 0, -4)).getErrorClass());
        child.Free();
        dup.Free();
    }
}
