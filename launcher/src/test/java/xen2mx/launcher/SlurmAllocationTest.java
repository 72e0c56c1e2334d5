package xen2mx.launcher;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SlurmAllocationTest
{
    @Test
    void shouldExpandCompressedNodelists() throws Exception
    {
        assertEquals(List.of("n1", "n2", "n3", "n5"), SlurmAllocation.expand("n[1-3,5]"));
        assertEquals(List.of("gpu08-ib", "gpu09-ib", "gpu10-ib", "login"),
            SlurmAllocation.expand("gpu[08-10]-ib,login"));
        assertEquals(List.of("r1n1", "r1n2", "r2n1", "r2n2"), SlurmAllocation.expand("r[1-2]n[1-2]"));
        assertEquals(List.of("a", "b007", "b008", "c"), SlurmAllocation.expand("a,b[007-008],c"));
        assertEquals(List.of("node"), SlurmAllocation.expand("node"));
    }

    @Test
    void shouldRefuseMalformedNodelistsNamingTheVariable()
    {
        assertEquals("SLURM_JOB_NODELIST=n[1-3: unbalanced brackets",
            assertThrows(UsageException.class, () -> SlurmAllocation.expand("n[1-3")).getMessage());
        assertEquals("SLURM_JOB_NODELIST=n[3-1]: range '3-1' is empty or too large",
            assertThrows(UsageException.class, () -> SlurmAllocation.expand("n[3-1]")).getMessage());
        assertEquals("SLURM_JOB_NODELIST=n[a]: 'a' is not N or N-M",
            assertThrows(UsageException.class, () -> SlurmAllocation.expand("n[a]")).getMessage());
        assertEquals("SLURM_JOB_NODELIST=a,,b: empty item",
            assertThrows(UsageException.class, () -> SlurmAllocation.expand("a,,b")).getMessage());
    }

    @Test
    void shouldGiveEachNodeItsTasksAsSlots() throws Exception
    {
        assertEquals(List.of(2, 2, 2, 1), SlurmAllocation.taskCounts("2(x3),1"));
        assertEquals(List.of(new HostEntry("n1", 2, "Slurm node 1"), new HostEntry("n2", 2, "Slurm node 2"),
            new HostEntry("n5", 1, "Slurm node 3")),
            SlurmAllocation.hosts(Map.of("SLURM_JOB_NODELIST", "n[1-2,5]", "SLURM_TASKS_PER_NODE", "2(x2),1")));
        assertEquals(List.of(new HostEntry("n1", 1, "Slurm node 1"), new HostEntry("n2", 1, "Slurm node 2")),
            SlurmAllocation.hosts(Map.of("SLURM_JOB_NODELIST", "n[1-2]")), "one slot per node without tasks");
        assertNull(SlurmAllocation.hosts(Map.of()), "outside an allocation");
        assertEquals("SLURM_TASKS_PER_NODE=2(x3) gives 3 counts for the 2 nodes of SLURM_JOB_NODELIST=n[1-2]",
            assertThrows(UsageException.class, () -> SlurmAllocation.hosts(Map.of("SLURM_JOB_NODELIST", "n[1-2]",
                "SLURM_TASKS_PER_NODE", "2(x3)"))).getMessage());
        assertEquals("SLURM_TASKS_PER_NODE=2(3): '2(3)' is not N or N(xM)",
            assertThrows(UsageException.class, () -> SlurmAllocation.taskCounts("2(3)")).getMessage());
    }
}
