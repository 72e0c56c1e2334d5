package xen2mx.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import xen2mx.boot.RendezvousAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The agent's command line, the options that ask for it, and which ranks go through it. */
class LaunchAgentTest
{
    private static final Path LIB = Path.of("/opt/x2mx/lib");
    private static final JobRendezvous BOTH = new JobRendezvous(
        new RendezvousPoint(RendezvousAddress.parse("127.0.0.1:4000"), "tcp-secret"),
        new RendezvousPoint(RendezvousAddress.parse("unix:/tmp/x2mx-mpirun-1-2/rendezvous.sock"), "unix-secret"));

    private static LaunchOptions options(final String... argv) throws UsageException
    {
        return new LaunchOptionsParser(Map.of()).parse(argv);
    }

    @Test
    void shouldPutHostAndEnvAssignmentsBetweenTheAgentAndTheCommand() throws UsageException
    {
        final LaunchAgent agent = LaunchAgent.parse("ip netns exec");
        final Map<String, String> env = new LinkedHashMap<>();
        env.put("X2MX_COMM_WORLD_RANK", "1");
        env.put("SPACED", "a b 'c'");
        env.put("EMPTY", "");
        assertEquals(List.of("ip", "netns", "exec", "ns1", "env", "X2MX_COMM_WORLD_RANK=1", "SPACED=a b 'c'", "EMPTY=",
            "/jdk/bin/java", "-cp", "/lib/*", "Main"), agent.command("ns1", env, List.of("/jdk/bin/java", "-cp",
            "/lib/*", "Main")));
        assertEquals(List.of("sudo", "-n", "ip netns", "exec"), LaunchAgent.parse("sudo -n 'ip netns' exec").words());
        assertEquals("ip netns exec", agent.toString());
    }

    @Test
    void shouldRefuseAnEmptyOrBadlyQuotedAgent()
    {
        assertEquals("--launch-agent: no command in '  '",
            assertThrows(UsageException.class, () -> LaunchAgent.parse("  ")).getMessage());
        assertEquals("--launch-agent: unclosed \" in 'ip \"netns'",
            assertThrows(UsageException.class, () -> LaunchAgent.parse("ip \"netns")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LaunchAgent(List.of("ip", "")));
        assertThrows(IllegalArgumentException.class,
            () -> new LaunchAgent(List.of("x")).command("h", Map.of("A=B", "c"), List.of("java")));
    }

    @Test
    void shouldParseAgentHostListAndMapByOptions() throws UsageException
    {
        final LaunchOptions o = options("--launch-agent", "ip netns exec", "-H", "ns0:2,ns1", "--map-by", "node",
            "M");
        assertEquals(List.of("ip", "netns", "exec"), o.launchAgent().words());
        assertEquals(List.of(new HostEntry("ns0", 2, "-H entry 1"), new HostEntry("ns1", 1, "-H entry 2")), o.hosts());
        assertSame(MapBy.NODE, o.mapBy());
        final LaunchOptions defaults = options("M");
        assertNull(defaults.launchAgent());
        assertNull(defaults.hosts());
        assertSame(MapBy.SLOT, defaults.mapBy());
        assertEquals(Path.of("h"), options("-f", "h", "M").hostfile(), "Hydra's -f");
        assertEquals("give hosts either with --hostfile or with -H, not both",
            assertThrows(UsageException.class, () -> options("--hostfile", "h", "-H", "a", "M")).getMessage());
        assertEquals("--map-by: 'core' is not supported (use slot or node)",
            assertThrows(UsageException.class, () -> options("--map-by", "core", "M")).getMessage());
    }

    @Test
    void shouldRouteNamespaceRanksThroughTheAgentToTheUnixSocket() throws UsageException
    {
        final LaunchOptions o = options("--launch-agent", "ip netns exec", "-x", "USER_VAR=u", "--mca", "k", "v",
            "-cp", "app", "M", "arg");
        final RankMap map = RankMap.of(List.of(new HostEntry("localhost", 1, "-H entry 1"),
            new HostEntry("ns1", 2, "-H entry 2")), 3, MapBy.SLOT,
            host -> host.equals("localhost") ? RankMap.Reach.LOCAL : RankMap.Reach.AGENT);
        final JobPlan plan = new JobPlan(o, "77", 3, "M", BOTH, map, Map.of());
        final RankSpawner spawner = new RankSpawner(s -> null, "/jdk/bin/java", LIB);

        final RankLaunchSpec direct = spawner.spec(plan, 0);
        assertSame(RankRoute.DIRECT, direct.route());
        assertEquals("127.0.0.1:4000", direct.environment().get("X2MX_RENDEZVOUS"));
        assertEquals("tcp-secret", direct.environment().get("X2MX_RENDEZVOUS_TOKEN"));
        assertEquals(direct.command(), direct.route().argv(direct));
        assertEquals(direct.environment(), direct.route().childEnvironment(direct));

        final RankLaunchSpec viaAgent = spawner.spec(plan, 2);
        assertEquals("ns1", viaAgent.node());
        final List<String> argv = viaAgent.route().argv(viaAgent);
        assertEquals(List.of("ip", "netns", "exec", "ns1", "env", "USER_VAR=u", "X2MX_MCA_k=v", "X2MX_JOB_ID=77",
            "X2MX_COMM_WORLD_RANK=2", "X2MX_COMM_WORLD_SIZE=3", "X2MX_COMM_WORLD_LOCAL_RANK=1",
            "X2MX_COMM_WORLD_LOCAL_SIZE=2", "X2MX_RENDEZVOUS=unix:/tmp/x2mx-mpirun-1-2/rendezvous.sock",
            "X2MX_RENDEZVOUS_TOKEN=unix-secret"), argv.subList(0, 14));
        assertEquals(viaAgent.command(), argv.subList(14, argv.size()));
        assertEquals(Map.of(), viaAgent.route().childEnvironment(viaAgent), "nothing relies on inheritance");
    }
}
