package xen2mx.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostfileAndSlotsTest
{
    @TempDir
    Path dir;

    private List<HostEntry> parse(final String text) throws Exception
    {
        return new HostfileParser(4).parse(Files.writeString(dir.resolve("hosts"), text));
    }

    private String error(final String text) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("hosts"), text);
        return assertThrows(UsageException.class, () -> new HostfileParser(4).parse(file)).getMessage()
            .replace(file.toString(), "hosts");
    }

    @Test
    void shouldReadOpenMpiLinesCommentsBlanksAndCrlf() throws Exception
    {
        assertEquals(List.of(new HostEntry("localhost", 2, "hostfile line 2"),
            new HostEntry("127.0.0.1", 4, "hostfile line 4"), new HostEntry("node3", 8, "hostfile line 5"),
            new HostEntry("node4", 3, "hostfile line 6")),
            parse("# comment\r\nlocalhost slots=2   # trailing\r\n\r\n127.0.0.1\nnode3 max_slots=8\n"
                + "node4 slots=3 max_slots=5\n"));
    }

    @Test
    void shouldParseTheSampleHostfile() throws Exception
    {
        final Path sample = Path.of(System.getProperty("user.dir")).resolve("../hostfiles/sample.hosts");
        assertEquals(List.of(new HostEntry("localhost", 2, "hostfile line 14")), new HostfileParser(4).parse(sample));
    }

    @Test
    void shouldRejectBadLinesWithFileAndLine() throws Exception
    {
        assertEquals("hosts:2: unknown token 'cpus=2' (expected slots=N or max_slots=N)",
            error("a\nb cpus=2\n"));
        assertEquals("hosts:1: bad count in 'slots=0' (expected a positive integer)", error("a slots=0\n"));
        assertEquals("hosts:1: bad count in 'slots=two' (expected a positive integer)", error("a slots=two"));
        assertEquals("hosts:1: slots=4 exceeds max_slots=2", error("a slots=4 max_slots=2"));
        assertEquals("hosts: no hosts", error("# only a comment\n\n"));
        assertTrue(assertThrows(UsageException.class, () -> new HostfileParser(1).parse(dir.resolve("none")))
            .getMessage().startsWith("cannot read hostfile "));
    }

    @Test
    void shouldUseCoresWithoutHostfile() throws Exception
    {
        final SlotPlan plan = SlotPlan.of(null, 2);
        assertEquals(2, plan.slots());
        assertEquals(2, plan.ranks(0, false), "no -np: one rank per slot");
        assertEquals(2, plan.ranks(2, false));
        assertEquals(5, plan.ranks(5, true));
    }

    @Test
    void shouldRefuseOversubscriptionNamingSlotsAndTheOption() throws Exception
    {
        final UsageException ex = assertThrows(UsageException.class, () -> SlotPlan.of(null, 2).ranks(3, false));
        assertEquals("not enough slots: 3 ranks requested but this host has 2 cores; use --oversubscribe "
            + "(or X2MX_OVERSUBSCRIBE=1) to run more ranks than slots", ex.getMessage());
    }

    @Test
    void shouldSumLocalHostfileSlotsAndRefuseOtherHosts() throws Exception
    {
        final SlotPlan plan = SlotPlan.of(List.of(new HostEntry("localhost", 2, "hostfile line 1"),
            new HostEntry(LocalHost.name(), 3, "hostfile line 2")), 1);
        assertEquals(5, plan.slots());
        final UsageException ex = assertThrows(UsageException.class, () -> SlotPlan.of(List.of(
            new HostEntry("localhost", 2, "hostfile line 1"), new HostEntry("far-away.invalid", 2, "hostfile line 7")),
            1));
        assertTrue(ex.getMessage().startsWith("hostfile line 7: host 'far-away.invalid' is not this machine"),
            ex.getMessage());
    }

    @Test
    void shouldReadHydraHostColonCountLines() throws Exception
    {
        assertEquals(List.of(new HostEntry("ns-a", 2, "hostfile line 1"), new HostEntry("ns-b", 4, "hostfile line 2"),
            new HostEntry("::1", 4, "hostfile line 3")), parse("ns-a:2  # two\nns-b\n::1\n"));
        assertEquals("hosts:1: bad host:count 'ns-a:0' (expected a positive integer after the colon)",
            error("ns-a:0\n"));
        assertEquals("hosts:1: bad host:count ':3' (expected a positive integer after the colon)", error(":3\n"));
        assertEquals("hosts:2: 'b:2' and slots= on one line", error("a\nb:2 slots=2\n"));
    }

    @Test
    void shouldParseHostListsWithOneSlotByDefault() throws Exception
    {
        assertEquals(List.of(new HostEntry("a", 1, "-H entry 1"), new HostEntry("b", 2, "-H entry 2"),
            new HostEntry("a", 3, "-H entry 3")), HostfileParser.parseHostList("a,b:2, a:3"));
        assertEquals("-H: empty host in 'a,,b'",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList("a,,b")).getMessage());
        assertEquals("-H: bad count in 'b:x' (expected host or host:N with N >= 1)",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList("a,b:x")).getMessage());
        assertEquals("-H: empty host in ':2'",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList(":2")).getMessage());
    }

    @Test
    void shouldAcceptHostsThatAreNotThisMachineOnlyWithALaunchAgent() throws Exception
    {
        final List<HostEntry> namespaces = List.of(new HostEntry("x2mx-ns0", 1, "-H entry 1"),
            new HostEntry("x2mx-ns1", 1, "-H entry 2"));
        final UsageException refused = assertThrows(UsageException.class, () -> SlotPlan.of(namespaces, 8));
        assertTrue(refused.getMessage().startsWith("-H entry 1: host 'x2mx-ns0' is not this machine ("),
            refused.getMessage());
        assertTrue(refused.getMessage().endsWith(
            "without --launch-agent this mpirun starts ranks on this machine only"),
            refused.getMessage());
        final SlotPlan plan = SlotPlan.of(namespaces, 8, true);
        assertEquals(2, plan.ranks(0, false));
        assertEquals("not enough slots: 3 ranks requested but the hosts have 2 slots (x2mx-ns0:1, x2mx-ns1:1); "
            + "use --oversubscribe (or X2MX_OVERSUBSCRIBE=1) to run more ranks than slots",
            assertThrows(UsageException.class, () -> plan.ranks(3, false)).getMessage());
    }

    @Test
    void shouldKnowThisMachineByNameWithoutLookingUpOtherNames()
    {
        assertTrue(LocalHost.isThisMachineByName("localhost"));
        assertTrue(LocalHost.isThisMachineByName(LocalHost.name()));
        assertTrue(LocalHost.isThisMachineByName("127.0.0.1"));
        assertTrue(LocalHost.isThisMachineByName("::1"));
        assertFalse(LocalHost.isThisMachineByName("x2mx-ns0"));
        assertFalse(LocalHost.isThisMachineByName("192.0.2.77"), "TEST-NET-1 is no interface of this machine");
    }
}
