package xen2mx.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xen2mx.launcher.it.MpirunRun.TEST_CLASSES;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import xen2mx.itest.DatatypeChecks;

/** Derived datatypes and PACKED messages between two real rank processes started by {@code mpirun} over tcp. */
@Timeout(120)
class MpiDatatypeIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    @Test
    void shouldPassEveryDatatypeCheckOnTwoRanksOverTcp() throws Exception
    {
        final MpirunRun run = MpirunRun.start("-np", "2", "--btl", "tcp", "-cp", TEST_CLASSES,
            DatatypeChecks.class.getName());
        assertEquals(0, run.await(RUN_LIMIT), run.stdout() + run.stderr());
        for (final String check : new String[] {"columns", "triangles", "structs", "packed", "nonblocking", "large"})
        {
            assertTrue(run.stdout().contains("check " + check + " passed"),
                check + " missing in:\n" + run.stdout() + run.stderr());
        }
    }
}
