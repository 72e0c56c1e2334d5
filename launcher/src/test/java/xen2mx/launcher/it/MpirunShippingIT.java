package xen2mx.launcher.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import xen2mx.testing.RootRequirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mpirun on hosts without a shared file system: {@code hostfiles/vcluster up 2 --private-fs} hides this repository
 * (so the runtime jars) and {@code ~/.cache} from every VM. The first job ships the runtime to each host, the next
 * one finds it there. The cluster is made afresh (its VMs' file systems start empty) and taken down at the end.
 * Root only.
 */
@Timeout(120)
class MpirunShippingIT
{
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @BeforeAll
    static void up() throws Exception
    {
        RootRequirement.require("ip", "sshd", "ssh", "ssh-keygen", "tar", "sha256sum");
        VirtualCluster.down();
        VirtualCluster.up(2, "--private-fs", "--slots", "2");
    }

    @AfterAll
    static void down() throws Exception
    {
        if (Files.exists(VirtualCluster.HOSTFILE))
        {
            VirtualCluster.down();
        }
    }

    @Test
    void shouldShipTheRuntimeOnceToHostsThatLackIt() throws Exception
    {
        final String[] job = {"--hostfile", VirtualCluster.HOSTFILE.toString(), "--btl", "self,tcp", "-np", "4",
            "hello"};
        final MpirunRun first = MpirunRun.start(Map.of("CLASSPATH", ""), null, job);
        assertEquals(0, first.await(RUN_LIMIT), first.stderr());
        for (int h = 1; h <= 2; h++)
        {
            assertTrue(first.stderr().contains("mpirun: copied the runtime to " + VirtualCluster.address(h)
                + ":" + System.getProperty("user.home") + "/.cache/xen2mx/runtime-"), first.stderr());
        }
        for (int rank = 0; rank < 4; rank++)
        {
            assertTrue(first.stdout().contains("Hello from rank " + rank + " of 4"), first.stdout());
        }
        final MpirunRun second = MpirunRun.start(Map.of("CLASSPATH", ""), null, job);
        assertEquals(0, second.await(RUN_LIMIT), second.stderr());
        assertFalse(second.stderr().contains("copied the runtime"), "the copy is found: " + second.stderr());
        assertTrue(second.stdout().contains("Hello from rank 3 of 4"), second.stdout());
    }
}
