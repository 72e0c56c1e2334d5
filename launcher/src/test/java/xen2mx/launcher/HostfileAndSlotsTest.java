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
        assertEquals(List.of(new HostEntry("localhost", 2, "hostfile line 18")), new HostfileParser(4).parse(sample));
    }

    @Test
    void shouldRejectBadLinesWithFileAndLine() throws Exception
    {
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
    void shouldSumTheSlotsOfEveryHostAndListThemWhenRefusing() throws Exception
    {
        final SlotPlan plan = SlotPlan.of(List.of(new HostEntry("localhost", 2, "hostfile line 1"),
            new HostEntry("far-away.invalid", 3, "hostfile line 2"), new HostEntry("localhost", 1, "line 3")), 1);
        assertEquals(6, plan.slots());
        final String nl = System.lineSeparator();
        assertEquals("not enough slots: 7 ranks requested but the 2 hosts have 6 slots; use --oversubscribe "
            + "(or X2MX_OVERSUBSCRIBE=1) to run more ranks than slots" + nl
            + "  host              slots" + nl
            + "  localhost             3" + nl
            + "  far-away.invalid      3",
            assertThrows(UsageException.class, () -> plan.ranks(7, false)).getMessage());
        assertEquals(7, plan.ranks(7, true));
    }

    @Test
    void shouldReadHydraHostColonCountLines() throws Exception
    {
        assertEquals(List.of(new HostEntry("ns-a", 2, "hostfile line 1"), new HostEntry("ns-b", 4, "hostfile line 2"),
            new HostEntry("::1", 4, "hostfile line 3")), parse("ns-a:2  # two\nns-b\n::1\n"));
        assertEquals("hosts:1: bad host:count 'ns-a:0' (expected a positive integer after the colon)",
            error("ns-a:0\n"));
        assertEquals("hosts:1: bad host ':3' (expected a name, an IPv4 or IPv6 address, [IPv6] or host:N)",
            error(":3\n"));
        assertEquals("hosts:2: 'b:2' and slots= on one line", error("a\nb:2 slots=2\n"));
    }

    @Test
    void shouldParseHostListsWithOneSlotByDefault() throws Exception
    {
        assertEquals(List.of(new HostEntry("a", 1, "-H entry 1"), new HostEntry("b", 2, "-H entry 2"),
            new HostEntry("a", 3, "-H entry 3")), HostfileParser.parseHostList("a,b:2, a:3"));
        assertEquals("-H: empty host in 'a,,b'",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList("a,,b")).getMessage());
        assertEquals("-H: bad entry 'b:x' (expected host or host:N with N >= 1)",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList("a,b:x")).getMessage());
        assertEquals("-H: bad entry ':2' (expected host or host:N with N >= 1)",
            assertThrows(UsageException.class, () -> HostfileParser.parseHostList(":2")).getMessage());
    }

    @Test
    void shouldReadMpjBareHostsIpv6BackendsAndSshConfigs() throws Exception
    {
        final Path hosts = Files.writeString(dir.resolve("vms.hosts"), "vm1\r\n"
            + "192.0.2.7 slots=2 backend=/run/x2mx/vm2.sock\n"
            + "fd00::7 slots=2  # bare IPv6\n"
            + "[fd00::8]:3 backend=/run/b.sock\n"
            + "[fe80::1%eth0]\n"
            + "root@vm9 ssh_config=cluster/ssh_config\n");
        assertEquals(List.of(new HostEntry("vm1", 4, "hostfile line 1"),
            new HostEntry("192.0.2.7", 2, "hostfile line 2", Path.of("/run/x2mx/vm2.sock"), null),
            new HostEntry("fd00::7", 2, "hostfile line 3"),
            new HostEntry("fd00::8", 3, "hostfile line 4", Path.of("/run/b.sock"), null),
            new HostEntry("fe80::1%eth0", 4, "hostfile line 5"),
            new HostEntry("root@vm9", 4, "hostfile line 6", null, dir.resolve("cluster/ssh_config"))),
            new HostfileParser(4).parse(hosts));
        assertEquals(List.of(new HostEntry("fd00::1", 2, "-H entry 1"), new HostEntry("::1", 1, "-H entry 2")),
            HostfileParser.parseHostList("[fd00::1]:2,::1"));
    }

    @Test
    void shouldRejectBadHostsAndOurTokensWithFileAndLine() throws Exception
    {
        assertEquals("hosts:1: 'backend=run/b.sock' must name an absolute path on that host",
            error("a backend=run/b.sock\n"));
        assertEquals("hosts:2: unknown token 'cpus=2' (expected slots=N, max_slots=N, backend=PATH or "
            + "ssh_config=PATH)", error("a\nb cpus=2\n"));
        assertEquals("hosts:1: bad host 'slots=2' (expected a name, an IPv4 or IPv6 address, [IPv6] or host:N)",
            error("slots=2\n"));
        assertEquals("hosts:1: bad host '[fd00::1' (expected a name, an IPv4 or IPv6 address, [IPv6] or host:N)",
            error("[fd00::1\n"));
        assertEquals("hosts:1: bad host:count '[fd00::1]:0' (expected a positive integer after the colon)",
            error("[fd00::1]:0\n"));
        assertEquals("hosts:1: empty path in 'ssh_config='", error("a ssh_config=\n"));
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
