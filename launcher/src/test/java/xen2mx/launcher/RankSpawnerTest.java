package xen2mx.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import xen2mx.boot.RendezvousAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankSpawnerTest
{
    private static final Path LIB = Path.of("/opt/x2mx/lib");
    private static final JobRendezvous TCP_ONLY = new JobRendezvous(
        new RendezvousPoint(RendezvousAddress.parse("127.0.0.1:4000"), "secret"), null);

    private static LaunchOptions options(final String... argv) throws UsageException
    {
        return new LaunchOptionsParser(Map.of("HOME", "/h")).parse(argv);
    }

    private static JobPlan plan(final LaunchOptions o, final String mainClass, final Map<String, String> env)
    {
        return new JobPlan(o, "321", 3, mainClass, TCP_ONLY, RankMap.local(3, "hostA"), env);
    }

    @Test
    void shouldBuildTheRankCommandLineWithRuntimeFirstAndArgsUnchanged() throws UsageException
    {
        final LaunchOptions o = options("-np", "3", "--jvm-args", "-Xmx64m -Da=b", "-cp", "app/classes",
            "app.Main", "x", "-np", "");
        final RankLaunchSpec spec = new RankSpawner(s -> null, "/jdk/bin/java", LIB).spec(plan(o, "app.Main", Map.of()), 1);
        assertEquals(List.of("/jdk/bin/java", "-Xmx64m", "-Da=b", "-cp",
            LIB.resolve("*") + File.pathSeparator + "app/classes", "xen2mx.boot.RankMain", "app.Main", "x", "-np", ""),
            spec.command());
        assertFalse(spec.inheritStdin(), "only rank 0 reads stdin");
    }

    @Test
    void shouldPutTheJarOnTheClasspathAndUseClasspathVariableByDefault() throws UsageException
    {
        final LaunchOptions o = options("-jar", "app.jar", "a");
        final RankLaunchSpec spec = new RankSpawner(s -> null, "java", LIB)
            .spec(plan(o, null, Map.of("CLASSPATH", "/cp1")), 0);
        final String jar = Path.of("app.jar").toAbsolutePath().toString();
        assertEquals(List.of("java", "-cp", LIB.resolve("*") + File.pathSeparator + "/cp1" + File.pathSeparator + jar,
            "xen2mx.boot.RankMain", "-jar", jar, "a"), spec.command());
        assertTrue(spec.inheritStdin());
        final RankLaunchSpec noCp = new RankSpawner(s -> null, "java", LIB).spec(plan(options("M"), "M", Map.of()), 0);
        assertEquals(LIB.resolve("*") + File.pathSeparator + ".", noCp.command().get(2), "java's default: .");
    }

    @Test
    void shouldSetJobVariablesMcaExportsAndVerbosity() throws UsageException
    {
        final LaunchOptions o = options("-x", "HOME", "-x", "X2MX_COMM_WORLD_RANK=99", "--btl", "self", "--mca",
            "k", "v", "-v", "M");
        final Map<String, String> env = new RankSpawner(s -> null, "java", LIB).spec(plan(o, "M", Map.of()), 2)
            .environment();
        assertEquals("/h", env.get("HOME"));
        assertEquals("self", env.get("X2MX_MCA_btl"));
        assertEquals("v", env.get("X2MX_MCA_k"));
        assertEquals("1", env.get("X2MX_VERBOSE"));
        assertEquals("321", env.get("X2MX_JOB_ID"));
        assertEquals("2", env.get("X2MX_COMM_WORLD_RANK"), "job variables win over -x");
        assertEquals("3", env.get("X2MX_COMM_WORLD_SIZE"));
        assertEquals("2", env.get("X2MX_COMM_WORLD_LOCAL_RANK"));
        assertEquals("3", env.get("X2MX_COMM_WORLD_LOCAL_SIZE"));
        assertEquals("127.0.0.1:4000", env.get("X2MX_RENDEZVOUS"));
        assertEquals("secret", env.get("X2MX_RENDEZVOUS_TOKEN"));
        assertFalse(new RankSpawner(s -> null, "java", LIB).spec(plan(options("M"), "M", Map.of()), 0)
            .environment().containsKey("X2MX_VERBOSE"));
    }

    @Test
    void shouldStartThroughTheProcessLauncher() throws Exception
    {
        final List<RankLaunchSpec> started = new ArrayList<>();
        final RankProcess fake = new FakeRankProcess(5);
        final RankSpawner spawner = new RankSpawner(spec ->
        {
            started.add(spec);
            if (spec.rank() == 1)
            {
                throw new IOException("no such file");
            }
            return fake;
        }, "java", LIB);
        final JobPlan plan = plan(options("M"), "M", Map.of());
        assertSame(fake, spawner.spawn(plan, 0));
        assertEquals("no such file", org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> spawner.spawn(plan, 1)).getMessage());
        assertEquals(List.of(0, 1), started.stream().map(RankLaunchSpec::rank).toList());
    }

    @Test
    void shouldGiveSshRanksMpirunsMcaAndEveryHostItsBackendInParavirtualMode() throws UsageException
    {
        final List<HostEntry> hosts = List.of(new HostEntry("hostA", 1, "line 1", Path.of("/run/a.sock"), null),
            new HostEntry("vm2", 1, "line 2", Path.of("/run/b.sock"), null), new HostEntry("vm3", 1, "line 3"));
        final RankMap map = RankMap.of(hosts, 3, MapBy.SLOT,
            h -> h.equals("hostA") ? RankMap.Reach.LOCAL : RankMap.Reach.SSH);
        final Map<String, String> mpirunEnv = Map.of("X2MX_MCA_btl_tcp_eager_limit", "1000", "X2MX_MCA_btl", "tcp");
        final Map<String, RemoteHost> remote = Map.of(
            "vm2", new RemoteHost("vm2", "/j2/java", "/cache/rt", "/home/u", "10.0.0.254", false),
            "vm3", new RemoteHost("vm3", "/j3/java", "/opt/rt", "/w", "10.0.0.254", true));
        final RankSpawner spawner = new RankSpawner(s -> null, "java", LIB, new SshCommand(Path.of("/k")), remote);
        final JobPlan plan = new JobPlan(options("--mca", "btl", "self,tcp", "M"), "9", 3, "M", TCP_ONLY, map,
            mpirunEnv);

        final Map<String, String> local = spawner.spec(plan, 0).environment();
        assertEquals("/run/a.sock", local.get("X2MX_MCA_btl_xen2mx_backend"));
        assertEquals("paravirt", local.get("X2MX_MCA_btl_xen2mx_mode"), "backend= implies paravirtual mode");
        assertFalse(local.containsKey("X2MX_MCA_btl_tcp_eager_limit"), "a local rank inherits mpirun's variables");
        assertEquals("self,tcp", local.get("X2MX_MCA_btl"));

        final RankLaunchSpec vm2 = spawner.spec(plan, 1);
        assertEquals("1000", vm2.environment().get("X2MX_MCA_btl_tcp_eager_limit"), "ssh ranks inherit nothing");
        assertEquals("self,tcp", vm2.environment().get("X2MX_MCA_btl"), "--mca wins over mpirun's environment");
        assertEquals("/run/b.sock", vm2.environment().get("X2MX_MCA_btl_xen2mx_backend"));
        assertEquals("/j2/java", vm2.command().get(0));
        assertEquals("/cache/rt" + File.separator + "*" + File.pathSeparator + ".", vm2.command().get(2));
        assertTrue(vm2.route() instanceof RankRoute.Ssh, vm2.route().toString());

        final Map<String, String> vm3 = spawner.spec(plan, 2).environment();
        assertFalse(vm3.containsKey("X2MX_MCA_btl_xen2mx_backend"));
        assertFalse(vm3.containsKey("X2MX_MCA_btl_xen2mx_mode"));

        final JobPlan nativeMode = new JobPlan(options("--mca", "btl_xen2mx_mode", "native", "M"), "9", 3, "M",
            TCP_ONLY, map, mpirunEnv);
        assertEquals("native", spawner.spec(nativeMode, 1).environment().get("X2MX_MCA_btl_xen2mx_mode"),
            "the user's mode wins");
    }
}
